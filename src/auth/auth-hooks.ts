/**
 * Per-request authentication, CSRF and authorisation, applied to every route from the
 * policy table. Order matters: find the session, then check the CSRF token of a mutating
 * request, then the action, then the forced password change.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../ledger/event-log.js';
import type { AdminRole } from '../org/user-schema.js';
import { rolesOf } from '../org/users.js';
import type { Context } from '../platform/context.js';
import { AppError, fail } from '../platform/errors.js';
import { instanceSecret, readSettings } from '../settings/settings.js';
import { inRanges } from './address-ranges.js';
import { allows, type Holder, isAction } from './policy.js';
import { csrfMatches, resolveSession, type SessionInfo } from './sessions.js';

const SESSION_COOKIE = 'liuhen_session';
const PRE_SESSION_COOKIE = 'liuhen_pre';

/**
 * The session cookie's name: over HTTPS with the `__Host-` prefix, which the browser accepts
 * only from a secure origin, for path /, and without a Domain, so no sibling host can set or
 * shadow it. Plain HTTP (a test, or a proxy that does not say HTTPS) keeps the bare name.
 */
export function sessionCookie(request: FastifyRequest): string {
  return request.protocol === 'https' ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export function preSessionCookie(request: FastifyRequest): string {
  return request.protocol === 'https' ? `__Host-${PRE_SESSION_COOKIE}` : PRE_SESSION_COOKIE;
}

export interface Auth {
  session: SessionInfo | null;
  holder: Holder | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const authHooks = fp<{ ctx: Context }>(async (app, { ctx }) => {
  app.decorateRequest('auth', null as unknown as Auth);

  app.addHook('onRequest', async (request, reply) => {
    request.auth = { session: null, holder: null };
    const action = request.routeOptions.config?.action;
    if (!isAction(action)) return;

    request.auth = await authenticate(ctx, request, reply, action === 'session.manage');
    if (MUTATING.has(request.method)) await checkCsrf(ctx, request);

    if (!allows(action, request.auth.holder))
      fail(request.auth.session ? 'FORBIDDEN' : 'AUTH_REQUIRED');
    // An administrator's session used from outside the allowed ranges (the list changed, or a
    // stolen cookie) does nothing.
    const admin = request.auth.session?.user.admin_role;
    if (admin && action !== 'session.manage') {
      const { adminAddressRanges } = await readSettings(ctx);
      if (!inRanges(request.ip, adminAddressRanges)) fail('ADMIN_ADDRESS_DENIED');
    }
    const mustChange = request.auth.session?.user.must_change_password === 1;
    if (mustChange && action !== 'session.manage') fail('PASSWORD_CHANGE_REQUIRED');
  });
});

async function authenticate(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  signingIn: boolean,
): Promise<Auth> {
  const token = request.cookies[sessionCookie(request)];
  if (!token) return { session: null, holder: null };

  try {
    const session = await resolveSession(ctx, token);
    if (!session) return { session: null, holder: null };

    const roles = await rolesOf(ctx, session.user.id);
    return { session, holder: { adminRole: session.user.admin_role as AdminRole | null, roles } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    reply.clearCookie(sessionCookie(request), { path: '/' });
    // An expired session must not stand in the way of signing in again.
    if (signingIn) return { session: null, holder: null };
    throw error;
  }
}

async function checkCsrf(ctx: Context, request: FastifyRequest): Promise<void> {
  const presented = request.headers['x-csrf-token'];
  const bound = request.auth.session
    ? request.cookies[sessionCookie(request)]
    : request.cookies[preSessionCookie(request)];
  if (typeof presented !== 'string' || !bound) fail('CSRF_INVALID');
  if (!csrfMatches(await instanceSecret(ctx), bound, presented)) fail('CSRF_INVALID');
}

/** The actor of the request, as log events record it. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.auth.session?.user;
  if (!user) throw new Error('actorOf needs a signed-in request');

  return { username: user.username, ip: request.ip };
}

export function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    action?: import('./policy.js').Action;
  }
}
