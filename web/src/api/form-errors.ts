/**
 * Puts the server's per-field problems on the form fields they name, so the user sees what
 * to fix next to the field; problems about fields the form does not have are returned.
 */
import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from './client';

export function showFieldErrors(form: FormInstance, error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];

  const known = new Set(Object.keys((form.getFieldsValue() ?? {}) as object));
  const byField = new Map<string, string[]>();
  const rest: FieldProblem[] = [];
  for (const problem of error.details) {
    const name = fieldName(problem.field);
    if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), problem.message]);
    else rest.push(problem);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));

  return rest;
}

/** `body.name` → `name`; `body.0.unit` → `0` is left as is for the caller. */
function fieldName(field: string): string {
  const path = field.replace(/^body\.?/, '');

  return path.split('.')[0] ?? path;
}
