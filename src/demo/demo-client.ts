/**
 * One demo account acting through the real HTTP API in-process (fastify.inject), as the web
 * app does: cookies, the CSRF token of GET /api/v1/session, and a fresh sign-in whenever the
 * demo clock has moved past the session's idle timeout. Going through the routes means every
 * step is checked and logged exactly as when a person does it.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Clock } from '../platform/clock.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface DemoFile {
  name: string;
  content: Buffer;
  type: string;
}

/** Sign in again after this long without a request: under the default 30-minute idle timeout. */
const REUSE_SESSION_MS = 20 * 60_000;

export class DemoClient {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;
  private lastRequest = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly app: FastifyInstance,
    private readonly clock: Clock,
    readonly username: string,
    private password: string,
    /** The account's fixed intranet address, as the access log shows it. */
    readonly ip: string,
  ) {}

  /** First sign-in with the password the administrator set, then the forced change. */
  async changePassword(next: string): Promise<void> {
    await this.signIn();
    await this.send('POST', '/api/v1/session/password', { current: this.password, next }, 204);
    this.password = next;
  }

  /** The password, for acts that are signed by entering it again. */
  get secret(): string {
    return this.password;
  }

  get<T = unknown>(url: string): Promise<T> {
    return this.call('GET', url);
  }

  post<T = unknown>(url: string, body?: unknown): Promise<T> {
    return this.call('POST', url, body);
  }

  put<T = unknown>(url: string, body?: unknown): Promise<T> {
    return this.call('PUT', url, body);
  }

  /** A multipart upload: the fields first, then the file, as the evidence route expects. */
  async upload<T = unknown>(url: string, file: DemoFile, fields: Record<string, string> = {}) {
    const boundary = `----liuhen-demo-${file.content.length}`;
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
      `filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from(parts.join('') + head),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    await this.ensureSession();

    return this.send<T>('POST', url, body, [200, 201], `multipart/form-data; boundary=${boundary}`);
  }

  private async call<T>(method: Method, url: string, body?: unknown): Promise<T> {
    await this.ensureSession();

    return this.send<T>(method, url, body, [200, 201, 204]);
  }

  private async ensureSession(): Promise<void> {
    if (this.clock.now().getTime() - this.lastRequest < REUSE_SESSION_MS) return;

    await this.signIn();
  }

  private async signIn(): Promise<void> {
    // The old session is found idle and ended ('session.expired'), as when a person comes
    // back to a browser left open; then a fresh sign-in.
    if (this.cookies.size > 0) await this.send('GET', '/api/v1/session', undefined, [200, 401]);
    this.cookies.clear();
    const pre = await this.send<{ csrfToken: string }>('GET', '/api/v1/session', undefined, 200);
    this.csrf = pre.csrfToken;
    const body = { username: this.username, password: this.password };
    const session = await this.send<{ csrfToken: string }>('POST', '/api/v1/session', body, 200);
    this.csrf = session.csrfToken;
  }

  private async send<T>(
    method: Method,
    url: string,
    body: unknown,
    expected: number | number[],
    contentType?: string,
  ): Promise<T> {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    this.keepCookies(res);
    this.lastRequest = this.clock.now().getTime();
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.includes(res.statusCode)) {
      throw new Error(
        `demo step ${method} ${url} as ${this.username}: got ${res.statusCode} ${res.body.slice(0, 300)}`,
      );
    }

    return (res.body ? res.json() : undefined) as T;
  }

  private keepCookies(res: LightMyRequestResponse): void {
    // Expiry dates follow the demo clock, which runs in the past: only a cleared value counts.
    for (const c of res.cookies as Array<{ name: string; value: string }>) {
      if (c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}
