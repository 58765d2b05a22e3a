/**
 * An API client over fastify.inject that behaves like the web app: it keeps cookies,
 * fetches the CSRF token from GET /api/v1/session and sends it on every mutating request.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class Pending implements PromiseLike<LightMyRequestResponse> {
  constructor(private readonly response: Promise<LightMyRequestResponse>) {}

  // biome-ignore lint/suspicious/noThenProperty: awaiting a request without .expect() is intended
  then<A = LightMyRequestResponse, B = never>(
    ok?: ((value: LightMyRequestResponse) => A | PromiseLike<A>) | null,
    ko?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.response.then(ok, ko);
  }

  /** Asserts the status (showing the body when it differs) and returns the parsed body. */
  async expect<T = any>(status: number): Promise<T> {
    const res = await this.response;
    expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 400)}`).toBe(status);

    return (res.body ? res.json() : undefined) as T;
  }
}

export class ApiClient {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  /** Send a wrong or no CSRF token, to test the check. */
  csrfOverride: string | null | undefined = undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '10.1.2.3',
  ) {}

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }

  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }

  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }

  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** A multipart upload as a browser sends it: optional fields first, then the file. */
  upload(
    url: string,
    file: { name: string; content: Buffer; type?: string },
    fields: Record<string, string> = {},
  ) {
    const boundary = `----liuhen${Math.random().toString(16).slice(2)}`;
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from(parts.join('') + head),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);

    return this.request('POST', url, body, `multipart/form-data; boundary=${boundary}`);
  }

  async signIn(username: string, password: string) {
    await this.refreshCsrf();
    return this.post('/api/v1/session', { username, password }).expect(200);
  }

  request(method: Method, url: string, body?: unknown, contentType?: string): Pending {
    return new Pending(this.send(method, url, body, contentType));
  }

  private async send(method: Method, url: string, body?: unknown, contentType?: string) {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (method !== 'GET') {
      if (this.csrf === null && this.csrfOverride === undefined) await this.refreshCsrf();
      const token = this.csrfOverride === undefined ? this.csrf : this.csrfOverride;
      if (token !== null) headers['x-csrf-token'] = token;
    }
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    this.keepCookies(res);
    if (url === '/api/v1/session' && res.statusCode === 200 && method === 'POST')
      this.csrf = res.json().csrfToken;
    if (url === '/api/v1/session' && method === 'DELETE') this.csrf = null;

    return res;
  }

  async refreshCsrf() {
    const res = await this.send('GET', '/api/v1/session');
    this.csrf = res.json().csrfToken;
  }

  private keepCookies(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date }>) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}
