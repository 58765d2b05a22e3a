/** The signed-in account's notices (deadline reminders), and marking them read. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { viewerOf } from '../records/record-routes.js';

export const noticeRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知'];

  app.get(
    '/notices',
    { config: { action: 'notice.read' }, schema: { tags, summary: '我的通知（报送提醒）' } },
    async (request) => {
      const rows = await ctx.db
        .selectFrom('notices')
        .selectAll()
        .where('username', '=', viewerOf(request).user.username)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();

      return {
        notices: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          unit: n.unit,
          period: n.period,
          text: n.text,
          createdAt: n.created_at,
          read: n.read_at !== null,
        })),
      };
    },
  );

  app.post(
    '/notices/:id/read',
    {
      config: { action: 'notice.read' },
      schema: { tags, summary: '标记通知为已读', params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const result = await ctx.db
        .updateTable('notices')
        .set({ read_at: ctx.clock.now().toISOString() })
        .where('id', '=', request.params.id)
        .where('username', '=', viewerOf(request).user.username)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) fail('NOT_FOUND');

      return reply.status(204).send();
    },
  );
};
