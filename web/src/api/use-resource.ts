/**
 * Loads something from the API when a component mounts or its key changes, and again on
 * demand (after a change was saved). Answers that arrive after a newer request are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // The key says what to load and the version asks to load it again; the loader is read
  // from a ref, so a new closure on every render does not trigger a reload.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key and version are the triggers
  useEffect(() => {
    let current = true;
    setLoading(true);
    loader
      .current()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      })
      .catch((problem: unknown) => current && setError(problem))
      .finally(() => current && setLoading(false));

    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  return { data, error, loading, reload };
}
