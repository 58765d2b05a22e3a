/**
 * The document downloads: `GET /api/v1/reports/{unit}/{period}/export` (a unit's ledger or
 * summary), `GET /api/v1/regions/{unit}/summary/export` (a region's summary for a range of
 * quarters) and `GET /api/v1/regions/{unit}/annual-report` (the annual report as Word).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includedOf, includeParam } from '../analysis/analysis-query.js';
import { actorOf } from '../auth/auth-hooks.js';
import { unitCode } from '../org/unit-schema.js';
import type { Context } from '../platform/context.js';
import { contentDisposition } from '../records/evidence-routes.js';
import { viewerOf } from '../records/record-routes.js';
import { requireReportReader } from '../reports/report-view.js';
import {
  exportAnnualReport,
  exportRegionalSummary,
  requireRegionReviewer,
} from './region-export.js';
import {
  type ExportedDocument,
  exportFormats,
  exportForms,
  exportReport,
} from './report-export.js';

const quarter = z.string().regex(/^\d{4}Q[1-4]$/, '期别格式应为“2020Q2”（年份加季度）');
const params = z.object({ unit: unitCode, period: quarter });
const format = z.enum(exportFormats, { message: '格式须是 xlsx、pdf 或 json' });
const query = z
  .object({
    form: z.enum(exportForms, { message: '表式须是 ledger（记录台账）或 summary（汇总表）' }),
    format,
  })
  .strict();
const regionQuery = z
  .object({ from: quarter, to: quarter, format, include: includeParam })
  .strict();
const yearQuery = z
  .object({
    year: z.coerce
      .number({ message: '年份须是四位数字，如 2020' })
      .int('年份须是整数')
      .min(2017, '年份不早于 2017')
      .max(2999, '年份须是四位数字，如 2020'),
  })
  .strict();

export const exportRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/reports/:unit/:period/export',
    {
      config: { action: 'report.read' },
      schema: {
        tags: ['季度报送'],
        summary: '导出记录台账或汇总表（Excel、PDF 或 JSON）',
        description:
          '单位人员导出最新版本（尚未编制时为实时预览）；上级审核人只能导出已报送的版本。PDF 台账后附证据材料。每次导出记入单位日志。',
        params,
        querystring: query,
      },
    },
    async (request, reply) => {
      const { unit, period } = request.params;
      const reader = await requireReportReader(ctx, viewerOf(request), unit);
      const exported = await exportReport(ctx, {
        unit,
        period,
        ...request.query,
        reader,
        actor: actorOf(request),
      });

      return sendFile(reply, exported);
    },
  );

  app.get(
    '/regions/:unit/summary/export',
    {
      config: { action: 'region.read' },
      schema: {
        tags: ['季度报送'],
        summary: '导出本地区汇总表（上级审核人）',
        description:
          '按各单位已接收的最新版本汇总（include=submitted 时含已报送待接收的版本），人数按人去重；填报单位为本地区。起止季度可跨年，最长 40 个季度。',
        params: z.object({ unit: unitCode }),
        querystring: regionQuery,
      },
    },
    async (request, reply) => {
      await requireRegionReviewer(ctx, viewerOf(request), request.params.unit);
      const { include, ...range } = request.query;
      const exported = await exportRegionalSummary(ctx, {
        region: request.params.unit,
        ...range,
        included: includedOf(include),
        actor: actorOf(request),
      });
      return sendFile(reply, exported);
    },
  );

  app.get(
    '/regions/:unit/annual-report',
    {
      config: { action: 'region.read' },
      schema: {
        tags: ['季度报送'],
        summary: '生成年度报告（Word，上级审核人）',
        description:
          '报市委、市政府、省统计局的年度报告，数字取自收到的报告；文字部分留待起草人修改。',
        params: z.object({ unit: unitCode }),
        querystring: yearQuery,
      },
    },
    async (request, reply) => {
      await requireRegionReviewer(ctx, viewerOf(request), request.params.unit);
      const exported = await exportAnnualReport(ctx, {
        region: request.params.unit,
        year: request.query.year,
        actor: actorOf(request),
      });
      return sendFile(reply, exported);
    },
  );
};

function sendFile(reply: FastifyReply, exported: ExportedDocument) {
  return reply
    .header('content-type', exported.mediaType)
    .header('content-disposition', contentDisposition('attachment', exported.fileName))
    .header('x-content-sm3', exported.sm3)
    .send(exported.bytes);
}
