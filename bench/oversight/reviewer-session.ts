/**
 * A reviewer signed in the way the web app signs in (GET /api/v1/session for the CSRF token,
 * then POST /api/v1/session), reading the API in-process with fastify.inject. The cookies the
 * server sets are kept and sent back as a browser would, whatever their names; the session
 * cookie is also what the benchmark's browser gets.
 */
import type { FastifyInstance } from 'fastify';

export interface ApiAnswer {
  status: number;
  /** The body as sent, not parsed: parsing is the client's work, not the API's. */
  body: string;
}

export class ReviewerSession {
  private constructor(
    private readonly app: FastifyInstance,
    readonly username: string,
    /** The cookie that signing in set: the session. */
    readonly cookie: { name: string; value: string },
  ) {}

  static async signIn(
    app: FastifyInstance,
    username: string,
    password: string,
  ): Promise<ReviewerSession> {
    const before = await app.inject({ method: 'GET', url: '/api/v1/session' });
    const { csrfToken } = before.json() as { csrfToken: string };
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      cookies: Object.fromEntries(before.cookies.map((c) => [c.name, c.value])),
      headers: { 'x-csrf-token': csrfToken },
      payload: { username, password },
    });
    const cookie = signedIn.cookies.find((c) => c.value !== '');
    if (signedIn.statusCode !== 200 || !cookie) {
      const got = `${signedIn.statusCode} ${signedIn.body.slice(0, 200)}`;
      throw new Error(`sign-in of ${username} failed: got ${got}, want 200 and a session`);
    }

    return new ReviewerSession(app, username, { name: cookie.name, value: cookie.value });
  }

  async get(url: string): Promise<ApiAnswer> {
    const answer = await this.app.inject({
      method: 'GET',
      url,
      cookies: { [this.cookie.name]: this.cookie.value },
    });

    return { status: answer.statusCode, body: answer.body };
  }
}
