/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { Context } from '../context.js';

export const healthRoutes: FastifyPluginAsync<{ ctx: Context }> = async (app, { ctx }) => {
  const config = { action: 'health.read' as const };

  app.get('/healthz', { config, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', engine: ctx.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', engine: ctx.engine });
    }
  });
};
