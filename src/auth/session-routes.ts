/** Sign-in, sign-out, the current session with its CSRF token, and password change. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleOutputSchema, userOutputSchema } from '../org/user-schema.js';
import { rolesOf, toUser } from '../org/users.js';
import type { Context } from '../platform/context.js';
import type { UserRow } from '../platform/db/schema.js';
import { AppError, fail } from '../platform/errors.js';
import { instanceSecret } from '../settings/settings.js';
import { AttemptWindow } from './attempt-window.js';
import { cookieOptions, preSessionCookie, sessionCookie } from './auth-hooks.js';
import { changePassword } from './password-changes.js';
import { csrfTokenFor, newToken, signIn, signOut } from './sessions.js';

const sessionSchema = z.object({
  user: userOutputSchema.nullable(),
  roles: z.array(roleOutputSchema),
  csrfToken: z.string(),
});

const tags = ['会话'];

export const sessionRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // One address guessing across many names never reaches a single account's lockout: it is
  // stopped here, after 30 failed sign-ins in 10 minutes.
  const failedFromAddress = new AttemptWindow(30, 10 * 60_000);
  const config = { action: 'session.manage' as const };

  async function describe(user: UserRow | null, token: string) {
    const csrfToken = csrfTokenFor(await instanceSecret(ctx), token);
    if (!user) return { user: null, roles: [], csrfToken };

    return { user: toUser(user, ctx.clock.now()), roles: await rolesOf(ctx, user.id), csrfToken };
  }

  app.get(
    '/session',
    { config, schema: { tags, summary: '当前会话与 CSRF 令牌', response: { 200: sessionSchema } } },
    async (request, reply) => {
      const session = request.auth.session;
      if (session) return describe(session.user, request.cookies[sessionCookie(request)]!);

      // Before sign-in the CSRF token is bound to a random pre-session cookie, so the
      // sign-in request itself is protected too.
      let pre = request.cookies[preSessionCookie(request)];
      if (!pre) {
        pre = newToken();
        reply.setCookie(preSessionCookie(request), pre, cookieOptions(request));
      }

      return describe(null, pre);
    },
  );

  app.post(
    '/session',
    {
      config,
      schema: {
        tags,
        summary: '登录',
        body: z.object({ username: z.string().max(64), password: z.string().max(256) }).strict(),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now().getTime();
      const wait = failedFromAddress.retryAfter(request.ip, now);
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        fail('SIGN_IN_RATE_LIMITED');
      }
      const { token, user } = await signIn(
        ctx,
        request.body.username,
        request.body.password,
        request.ip,
      ).catch((error: unknown) => {
        if (error instanceof AppError && error.status < 500)
          failedFromAddress.record(request.ip, now);
        throw error;
      });
      reply.setCookie(sessionCookie(request), token, cookieOptions(request));

      return describe(user, token);
    },
  );

  app.delete(
    '/session',
    { config, schema: { tags, summary: '退出登录' } },
    async (request, reply) => {
      if (request.auth.session) await signOut(ctx, request.auth.session, request.ip);
      reply.clearCookie(sessionCookie(request), { path: '/' });

      return reply.status(204).send();
    },
  );

  app.post(
    '/session/password',
    {
      config,
      schema: {
        tags,
        summary: '修改本人密码',
        body: z.object({ current: z.string().max(256), next: z.string().max(256) }).strict(),
      },
    },
    async (request, reply) => {
      const session = request.auth.session ?? fail('AUTH_REQUIRED');

      await changePassword(ctx, session, request.body.current, request.body.next, request.ip);
      return reply.status(204).send();
    },
  );
};
