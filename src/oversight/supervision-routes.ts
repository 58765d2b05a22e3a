/**
 * The supervision API (监督检查): a bureau's checks on the statistical bodies below it, under
 * `/api/v1/units/{code}/supervision`. The bureau's filler, leaders and reviewers keep them;
 * the reviewers of the bureaus above read them.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { unitCode } from '../org/unit-schema.js';
import type { Context } from '../platform/context.js';
import { viewerOf } from '../records/record-routes.js';
import { calendarDate } from './oversight-routes.js';
import { checkStatuses, getCheck, listChecks, recordCheck, updateCheck } from './supervision.js';

const tags = ['监督检查'];
const params = z.object({ code: unitCode });
const status = z.enum(checkStatuses, {
  message: '状态须是 open（整改中）、rectified（已整改）或 closed（已办结）',
});
const text = (what: string, max: number) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 字`);

export const supervisionRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'supervision.read' as const };
  const change = { action: 'supervision.write' as const };

  app.get(
    '/units/:code/supervision',
    {
      config: read,
      schema: {
        tags,
        summary: '本单位的监督检查记录，可按状态、是否逾期未整改筛选',
        params,
        querystring: z
          .object({ status: status.optional(), overdue: z.enum(['true', 'false']).optional() })
          .strict(),
      },
    },
    async (request) => {
      const { status, overdue } = request.query;
      const filter = { status, overdue: overdue === 'true' };
      return listChecks(ctx, viewerOf(request), request.params.code, filter);
    },
  );

  app.post(
    '/units/:code/supervision',
    {
      config: change,
      schema: {
        tags,
        summary: '登记一次监督检查：检查日期、被检查单位、发现的问题、整改要求及期限',
        description: '有整改要求的检查为“整改中”，须填写整改期限；没有整改要求的检查登记即办结。',
        params,
        body: z
          .object({
            checkedOn: calendarDate,
            body: text('被检查单位', 200).optional(),
            bodyUnit: unitCode.optional(),
            findings: text('检查发现的问题', 5000),
            requirements: text('整改要求', 5000).optional(),
            rectifyBy: calendarDate.optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const check = await recordCheck(
        ctx,
        viewerOf(request),
        request.params.code,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send(check);
    },
  );

  app.get(
    '/units/:code/supervision/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '一次监督检查及其整改进展',
        params: params.extend({ id: z.uuid() }),
      },
    },
    async (request) => getCheck(ctx, viewerOf(request), request.params.code, request.params.id),
  );

  app.post(
    '/units/:code/supervision/:id/updates',
    {
      config: change,
      schema: {
        tags,
        summary: '登记整改进展或变更状态（整改中 → 已整改 → 已办结；已办结不能再变更）',
        params: params.extend({ id: z.uuid() }),
        body: z.object({ status, date: calendarDate, note: text('说明', 5000) }).strict(),
      },
    },
    async (request, reply) => {
      const { code, id } = request.params;
      const check = await updateCheck(
        ctx,
        viewerOf(request),
        code,
        id,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send(check);
    },
  );
};
