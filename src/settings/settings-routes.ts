/** Instance settings: read by any signed-in account, changed by the system administrator. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/auth-hooks.js';
import { type Context, write } from '../platform/context.js';
import { readSettings, settingsSchema, updateSettings } from './settings.js';

export const settingsRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['设置'];

  app.get(
    '/settings',
    {
      config: { action: 'settings.read' },
      schema: { tags, summary: '系统设置', response: { 200: settingsSchema } },
    },
    async () => readSettings(ctx),
  );

  app.patch(
    '/settings',
    {
      config: { action: 'settings.write' },
      schema: {
        tags,
        summary: '修改系统设置',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const current = await readSettings(ctx);
      return write(ctx, (change) =>
        updateSettings(change, current, request.body, actorOf(request)),
      );
    },
  );
};
