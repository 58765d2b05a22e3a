/**
 * The compliance API of the bureau above (issue 7, Compliance):
 * `GET /api/v1/regions/{unit}/compliance?from=&to=` (the reporting-rate view), its xlsx export,
 * the drill-down to one unit's history, and the accountability list (责任追究) with its
 * follow-ups. Reviewers read the subtree of their bureau; only the bureau's own reviewers write.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { unitCode } from '../org/unit-schema.js';
import { type Context, write } from '../platform/context.js';
import { contentDisposition } from '../records/evidence-routes.js';
import { XLSX } from '../records/media-type.js';
import { viewerOf } from '../records/record-routes.js';
import { accountabilityList, actionKinds, recordAction } from './accountability.js';
import { complianceView } from './compliance.js';
import { COMPLIANCE_SHEET, renderComplianceXlsx } from './compliance-xlsx.js';
import { unitHistory } from './unit-history.js';

const tags = ['制度执行'];
const quarter = z.string().regex(/^\d{4}Q[1-4]$/, '期别格式应为“2020Q2”（年份加季度）');
const range = z.object({ from: quarter, to: quarter }).strict();
const params = z.object({ unit: unitCode });
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为“2020-10-01”')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), '不是有效的日期');

export const oversightRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'region.read' as const };

  app.get(
    '/regions/:unit/compliance',
    {
      config: read,
      schema: {
        tags,
        summary: '制度执行情况：各单位各季度报送情况与完整率、及时率（上级审核人）',
        description:
          '应报：报送期限已过或已提前报送的单位季度；完整率 = 已报 ÷ 应报，及时率 = 按时 ÷ 应报。是否迟报以首次报送为准。',
        params,
        querystring: range,
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return complianceView(ctx, viewerOf(request), request.params.unit, from, to);
    },
  );

  app.get(
    '/regions/:unit/compliance/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出制度执行情况（Excel）',
        params,
        querystring: range.extend({ format: z.enum(['xlsx'], { message: '格式须是 xlsx' }) }),
      },
    },
    async (request, reply) => {
      const { unit } = request.params;
      const { from, to } = request.query;
      const view = await complianceView(ctx, viewerOf(request), unit, from, to);
      const bytes = await renderComplianceXlsx(view);
      const sm3 = createHash('sm3').update(bytes).digest('hex');
      const data = {
        kind: 'compliance',
        from,
        to,
        format: 'xlsx',
        units: view.reportingUnits,
        sm3,
      };
      await write(
        ctx,
        (change) =>
          change.event({ type: 'region.exported', actor: actorOf(request), unit, data }, unit),
        { lock: unit },
      );

      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          contentDisposition('attachment', `${unit}-${from}-${to}-${COMPLIANCE_SHEET}.xlsx`),
        )
        .header('x-content-sm3', sm3)
        .send(bytes);
    },
  );

  app.get(
    '/regions/:unit/compliance/units/:code',
    {
      config: read,
      schema: {
        tags,
        summary: '单位报送历史：各季度的每个版本、报送与审核时间、退回原因、责任追究',
        description: '不给起止季度时，从该单位首次报告的季度到本季度（最长 40 个季度）。',
        params: params.extend({ code: unitCode }),
        querystring: z.object({ from: quarter.optional(), to: quarter.optional() }).strict(),
      },
    },
    async (request) => {
      const { unit, code } = request.params;
      return unitHistory(ctx, viewerOf(request), unit, code, request.query);
    },
  );

  app.get(
    '/regions/:unit/accountability',
    {
      config: read,
      schema: {
        tags,
        summary: '责任追究清单：缺报、迟报、被退回的单位季度及处理情况',
        params,
        querystring: range,
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return accountabilityList(ctx, viewerOf(request), request.params.unit, from, to);
    },
  );

  app.post(
    '/regions/:unit/accountability/actions',
    {
      config: { action: 'compliance.write' },
      schema: {
        tags,
        summary: '登记责任追究处理情况：发出通知、约谈、处理结果（本单位审核人）',
        description: '每条处理情况记入本单位日志，登记后不能修改；更正请再登记一条。',
        params,
        body: z
          .object({
            unit: unitCode,
            period: quarter,
            kind: z.enum(actionKinds, {
              message: '类型须是 notice（发出通知）、talk（约谈）或 result（处理结果）',
            }),
            date: calendarDate,
            text: z.string().trim().min(1, '请填写处理情况').max(2000, '不能超过 2000 字'),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const action = await recordAction(
        ctx,
        viewer,
        request.params.unit,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send(action);
    },
  );
};
