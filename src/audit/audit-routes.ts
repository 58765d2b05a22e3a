/** The audit trail, for the audit administrator only (三员分立). Read-only by construction. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../platform/context.js';
import { queryAuditTrail } from './audit-trail.js';

const eventSchema = z.object({
  log: z.string(),
  index: z.number(),
  type: z.string(),
  actor: z.string().nullable(),
  at: z.string(),
  atBeijing: z.string(),
  ip: z.string().nullable(),
  unit: z.string().nullable(),
  result: z.string(),
  data: z.unknown(),
  leafHash: z.string(),
  integrity: z.enum(['checkpointed', 'included', 'failed']),
});

export const auditRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['审计'],
        summary: '审计记录（登录、退出、单位、用户、角色与设置的变更）',
        querystring: z
          .object({
            log: z.string().max(64).optional(),
            type: z.string().max(64).optional(),
            actor: z.string().max(64).optional(),
            from: z.string().max(40).optional(),
            to: z.string().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
        response: { 200: z.object({ total: z.number(), events: z.array(eventSchema) }) },
      },
    },
    async (request) => queryAuditTrail(ctx, request.query),
  );
};
