/** Units: list, read, create, change, import from CSV/JSON, and load a preset. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import type { Context } from '../platform/context.js';
import { kaifengPreset } from './kaifeng-preset.js';
import { importUnits, loadPreset } from './unit-import.js';
import { unitCode, unitInputSchema, unitOutputSchema, unitPatchSchema } from './unit-schema.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.js';

const tags = ['单位'];
const codeParams = z.object({ code: unitCode });
const importResult = z.object({ imported: z.array(unitOutputSchema), dryRun: z.boolean() });

export const unitRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'unit.read' as const };
  const change = { action: 'unit.write' as const };

  app.get(
    '/units',
    {
      config: read,
      schema: {
        tags,
        summary: '单位列表',
        response: { 200: z.object({ units: z.array(unitOutputSchema) }) },
      },
    },
    async () => ({ units: await listUnits(ctx) }),
  );

  app.get(
    '/units/:code',
    {
      config: read,
      schema: {
        tags,
        summary: '单位详情',
        params: codeParams,
        response: { 200: unitOutputSchema },
      },
    },
    async (request) => getUnit(ctx, request.params.code),
  );

  app.post(
    '/units',
    {
      config: change,
      schema: {
        tags,
        summary: '新建单位',
        body: unitInputSchema,
        response: { 201: unitOutputSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUnit(ctx, request.body, actorOf(request))),
  );

  app.patch(
    '/units/:code',
    {
      config: change,
      schema: {
        tags,
        summary: '修改单位',
        params: codeParams,
        body: unitPatchSchema,
        response: { 200: unitOutputSchema },
      },
    },
    async (request) => updateUnit(ctx, request.params.code, request.body, actorOf(request)),
  );

  app.post(
    '/units/import',
    {
      config: change,
      schema: {
        tags,
        summary: '从 CSV 或 JSON 导入单位（全部有效才导入）',
        body: z
          .object({
            format: z.enum(['csv', 'json']),
            content: z.string().max(2_000_000, '文件不能超过 2 MB'),
            dryRun: z.boolean().optional(),
          })
          .strict(),
        response: { 200: importResult },
      },
    },
    async (request) => {
      const { format, content, dryRun = false } = request.body;
      const result = await importUnits(ctx, format, content, actorOf(request), { dryRun });

      return { ...result, dryRun };
    },
  );

  app.post(
    '/units/presets/:preset',
    {
      config: change,
      schema: {
        tags,
        summary: '载入预置单位（开封市）',
        params: z.object({ preset: z.enum(['kaifeng']) }),
        response: { 200: importResult },
      },
    },
    async (request) => ({
      ...(await loadPreset(ctx, kaifengPreset, actorOf(request))),
      dryRun: false,
    }),
  );
};
