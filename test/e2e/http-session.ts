/**
 * A signed-in HTTP session for setting up end-to-end scenes through the real API (accounts,
 * roles), so the browser steps can concentrate on what a person does.
 */
export class HttpSession {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(private readonly baseUrl: string) {}

  static async signIn(baseUrl: string, username: string, password: string, next?: string) {
    const session = new HttpSession(baseUrl);
    await session.call('GET', '/api/v1/session');
    await session.call('POST', '/api/v1/session', { username, password });
    if (next) await session.call('POST', '/api/v1/session/password', { current: password, next });

    return session;
  }

  /** A multipart upload of one file, as the web app sends it. */
  async upload(path: string, name: string, content: Buffer): Promise<any> {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const headers = { cookie: this.cookieHeader(), 'x-csrf-token': this.csrf };
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers, body: form });
    if (!res.ok) throw new Error(`upload ${path}: ${res.status} ${await res.text()}`);

    return res.json();
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call(method: string, path: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;

    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      this.cookies.set(name!, value ?? '');
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    const json = text ? JSON.parse(text) : undefined;
    if (json?.csrfToken) this.csrf = json.csrfToken;

    return json;
  }
}
