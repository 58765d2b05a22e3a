/**
 * Builds the HTTP server: the API under /api/v1, the OpenAPI document and explorer under
 * /api/docs, the health probes and the web app. Every route declares its action from the
 * policy table; the server refuses to start with one that does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analysisRoutes } from '../../analysis/analysis-routes.js';
import { annualRoutes } from '../../annual/annual-routes.js';
import { auditRoutes } from '../../audit/audit-routes.js';
import { authHooks } from '../../auth/auth-hooks.js';
import { type Action, isAction } from '../../auth/policy.js';
import { sessionRoutes } from '../../auth/session-routes.js';
import { exportRoutes } from '../../documents/export-routes.js';
import { importRoutes } from '../../imports/import-routes.js';
import { logRoutes } from '../../ledger/log-routes.js';
import { unitRoutes } from '../../org/unit-routes.js';
import { userRoutes } from '../../org/user-routes.js';
import { oversightRoutes } from '../../oversight/oversight-routes.js';
import { supervisionRoutes } from '../../oversight/supervision-routes.js';
import { evidenceRoutes } from '../../records/evidence-routes.js';
import { recordRoutes } from '../../records/record-routes.js';
import { referralRoutes } from '../../referrals/referral-routes.js';
import { noticeRoutes } from '../../reports/notice-routes.js';
import { reportRoutes } from '../../reports/report-routes.js';
import { ruleRoutes } from '../../rules/rule-routes.js';
import { settingsRoutes } from '../../settings/settings-routes.js';
import type { Context } from '../context.js';
import { errorHandler } from './error-handler.js';
import { healthRoutes } from './health-routes.js';
import { securityHeaders } from './security-headers.js';

z.config(z.locales.zhCN());

export interface RouteAction {
  method: string;
  url: string;
  action: Action;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeActions: readonly RouteAction[];
  }
}

export interface ServerOptions {
  logger?: boolean | object;
  /** Serve HTTPS (TLS 1.2 and later only) with this certificate chain and key, both PEM. */
  tls?: { cert: Buffer; key: Buffer };
}

export async function buildServer(
  ctx: Context,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  // The HTTPS server is the same Fastify with another Node server under it; the routes, hooks
  // and types above the socket are those of HTTP, hence the one cast.
  const app = Fastify({
    ...(options.tls ? { https: { ...options.tls, minVersion: 'TLSv1.2' as const } } : {}),
    logger: options.logger ?? false,
    // Fastify's own two lines per request are replaced by one line of ours (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  }) as unknown as FastifyInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Every route with the action it checks, for the test that walks them with every role.
  const routeActions: RouteAction[] = [];
  app.decorate('routeActions', routeActions);
  app.addHook('onRoute', (route) => {
    requireAction(route);
    const action = (route.config as { action: Action }).action;
    for (const method of [route.method].flat())
      routeActions.push({ method, url: route.url, action });
  });
  securityHeaders(app);
  app.addHook('onResponse', async (request, reply) => {
    // One line per request: route pattern (never the raw URL, which can carry names),
    // status and timing; no bodies, no query strings.
    request.log.info(
      {
        req: request.id,
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(cookie);
  // Limits per upload are set by the evidence route from the settings.
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      info: { title: '留痕 Liuhen API', version: '1' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'liuhen_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null } as object,
  });

  await app.register(authHooks, { ctx });
  await app.register(healthRoutes, { ctx });
  await app.register(
    async (api) => {
      await api.register(sessionRoutes, { ctx });
      await api.register(unitRoutes, { ctx });
      await api.register(userRoutes, { ctx });
      await api.register(ruleRoutes, { ctx });
      await api.register(settingsRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(logRoutes, { ctx });
      await api.register(recordRoutes, { ctx });
      await api.register(evidenceRoutes, { ctx });
      await api.register(importRoutes, { ctx });
      await api.register(reportRoutes, { ctx });
      await api.register(exportRoutes, { ctx });
      await api.register(noticeRoutes, { ctx });
      await api.register(oversightRoutes, { ctx });
      await api.register(supervisionRoutes, { ctx });
      await api.register(referralRoutes, { ctx });
      await api.register(analysisRoutes, { ctx });
      await api.register(annualRoutes, { ctx });
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app, ctx.config.webDist);

  return app;
}

/**
 * Every API route must name its action; routes outside /api/v1 are the web app's files and
 * the API explorer, public by nature, and get the public action of their kind.
 */
function requireAction(route: RouteOptions) {
  const config = (route.config ?? {}) as { action?: unknown };
  if (isAction(config.action)) return;

  if (!route.url.startsWith('/api/v1')) {
    const action: Action = route.url.startsWith('/api/docs') ? 'docs.read' : 'web.read';
    route.config = { ...config, action };
    return;
  }

  throw new Error(`route ${String(route.method)} ${route.url} has no action from the policy table`);
}

/** Serves the built web app, and index.html for its client-side routes. */
async function registerWebApp(app: FastifyInstance, webDist: string) {
  const index = path.join(webDist, 'index.html');
  const built = fs.existsSync(index);
  if (built) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes get the app; a missing file (a path with an extension) stays a 404,
    // so a stale bundle fails loudly instead of as a confusing MIME-type error.
    const pathname = request.url.split('?')[0] ?? '';
    const isFile = /\.[A-Za-z0-9]+$/.test(pathname);
    const wantsPage = request.method === 'GET' && !pathname.startsWith('/api/') && !isFile && built;
    if (wantsPage) return reply.type('text/html; charset=utf-8').send(fs.createReadStream(index));

    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '要找的内容不存在' } });
  });
}
