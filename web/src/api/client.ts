/**
 * The one way the web app talks to the server: JSON over fetch at the same origin, the
 * session cookie sent along, the CSRF token on every mutating request, and every failure
 * turned into an ApiError that carries the server's Chinese message.
 */

/** A problem in one field, as the server names it (e.g. `body.name`) with what to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes after which the user must sign in again or change the password first. */
export type SessionProblem = 'SESSION_EXPIRED' | 'AUTH_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined>;

const API_BASE = '/api/v1';

let csrfToken: string | null = null;
const sessionListeners = new Set<(problem: SessionProblem) => void>();

/** Remembers the token of the current session (it changes at sign-in and sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Subscribes to session problems reported by any request; returns the unsubscribe. */
export function onSessionProblem(listener: (problem: SessionProblem) => void): () => void {
  sessionListeners.add(listener);

  return () => sessionListeners.delete(listener);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

async function request<T>(method: Method, path: string, body?: unknown, retry = true): Promise<T> {
  const response = await send(method, path, body);
  if (response.ok) return readBody<T>(response);

  const error = await toApiError(response);
  if (error.code === 'CSRF_INVALID' && retry) {
    // The token is bound to the cookie; after the cookie changed (another tab signed in or
    // out) a fresh token from the session resource makes the request valid again.
    await refreshCsrfToken();
    return request<T>(method, path, body, false);
  }

  const problem = sessionProblemOf(error);
  if (problem) for (const listener of sessionListeners) listener(problem);

  throw error;
}

async function refreshCsrfToken(): Promise<void> {
  const session = await request<{ csrfToken: string }>('GET', '/session', undefined, false);
  csrfToken = session.csrfToken;
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;

  const text = await response.text();

  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }

  const error = (payload as { error?: Partial<ApiError> & { details?: unknown } } | undefined)
    ?.error;
  if (!error?.code) {
    return new ApiError(
      response.status,
      'HTTP_ERROR',
      `服务器返回错误（${response.status}），请稍后重试`,
    );
  }

  const details = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];

  return new ApiError(response.status, error.code, error.message ?? '操作失败', details);
}

function sessionProblemOf(error: ApiError): SessionProblem | null {
  if (
    error.status === 401 &&
    (error.code === 'SESSION_EXPIRED' || error.code === 'AUTH_REQUIRED')
  ) {
    return error.code;
  }
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') return error.code;

  return null;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;

  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();

  return search ? `${path}?${search}` : path;
}

/**
 * The text to show for any error thrown while calling the API: the server's message, with
 * the per-field problems it does not already spell out.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const extra = error.details.map((d) => d.message).filter((m) => !error.message.includes(m));

    return extra.length > 0 ? `${error.message}（${extra.join('；')}）` : error.message;
  }

  return '操作失败，请稍后重试';
}
