/**
 * Asks the browser to confirm before a tab with unsaved changes is closed or reloaded, so a
 * half-written record is not lost by accident. Nothing is kept in the browser's storage: a
 * record holds names that must not stay on a shared or lost device.
 */
import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef } from 'react';

/** Returns the function to call once the form was saved. */
export function useUnsavedWarning(form: FormInstance): () => void {
  const saved = useRef(false);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saved.current || !form.isFieldsTouched()) return;

      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);

    return () => window.removeEventListener('beforeunload', warn);
  }, [form]);

  return useCallback(() => {
    saved.current = true;
  }, []);
}
