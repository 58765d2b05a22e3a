/**
 * The annual duties API (年度工作): a bureau's yearly regional summary — read with its
 * checklist, compiled, signed, sealed, sent and exported as 附件2 — under
 * `/api/v1/regions/{unit}/annual/{year}`. The steps take the quarterly report's roles.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { logged } from '../documents/region-export.js';
import { SUMMARY_TITLE } from '../documents/summary-document.js';
import { renderSummaryPdf } from '../documents/summary-pdf.js';
import { renderSummaryXlsx } from '../documents/summary-xlsx.js';
import { unitCode } from '../org/unit-schema.js';
import { allUnits } from '../oversight/region-access.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { contentDisposition } from '../records/evidence-routes.js';
import { XLSX } from '../records/media-type.js';
import { viewerOf } from '../records/record-routes.js';
import { passwordBody } from '../records/record-schema.js';
import { requirePassword } from '../records/record-signing.js';
import { annualSummaryDocument } from './annual-document.js';
import {
  annualVersions,
  compileAnnual,
  sealAnnual,
  signAnnual,
  submitAnnual,
} from './annual-summary.js';
import { annualView, requireAnnualReader } from './annual-view.js';

const tags = ['年度工作'];
const year = z.coerce
  .number({ message: '年份须是四位数字，如 2020' })
  .int('年份须是整数')
  .min(2000, '年份须是 2000 到 2999 之间的四位数字')
  .max(2999, '年份须是 2000 到 2999 之间的四位数字');
const params = z.object({ unit: unitCode, year });
const exportQuery = z
  .object({
    format: z.enum(['xlsx', 'pdf', 'json'], { message: '格式须是 xlsx、pdf 或 json' }),
    version: z.coerce.number().int('版本须是整数').min(1, '版本从 1 开始').optional(),
  })
  .strict();

export const annualRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'report.read' as const };
  const change = { action: 'report.write' as const };
  const view = (request: FastifyRequest, unit: string, y: number) =>
    annualView(ctx, viewerOf(request), unit, y);

  app.get(
    '/regions/:unit/annual/:year',
    {
      config: read,
      schema: {
        tags,
        summary: '年度工作：本地区汇总表（各版本、签字盖章、报送）与年度清单',
        description:
          '清单列出：四个季度未全部接收的单位、尚未报送本地区汇总表的下级统计局、已移送尚未反馈的移送函。县（区）的截止日为系统设置（次年 1 月某日），市级为次年 1 月 31 日。',
        params,
      },
    },
    async (request) => view(request, request.params.unit, request.params.year),
  );

  app.post(
    '/regions/:unit/annual/:year/compile',
    {
      config: change,
      schema: {
        tags,
        summary: '编制本地区汇总表（填报人；按已接收的季度报告汇总，人数去重）',
        params,
      },
    },
    async (request) => {
      const { unit, year: y } = request.params;
      await compileAnnual(ctx, viewerOf(request), unit, y, request.ip);
      return view(request, unit, y);
    },
  );

  app.post(
    '/regions/:unit/annual/:year/signatures',
    {
      config: change,
      schema: {
        tags,
        summary: '分管统计法治负责人或主要负责人签字（须再次输入密码）',
        params,
        body: passwordBody.extend({
          role: z.enum(['ruleOfLawLeader', 'principal'], {
            message: '签字角色须是 ruleOfLawLeader 或 principal',
          }),
        }),
      },
    },
    async (request) => {
      const { unit, year: y } = request.params;
      const viewer = viewerOf(request);
      await requirePassword(ctx, viewer, request.body.password, request.ip, 'report.sign');
      await signAnnual(ctx, viewer, unit, y, request.body.role, request.ip);
      return view(request, unit, y);
    },
  );

  app.post(
    '/regions/:unit/annual/:year/seal',
    { config: change, schema: { tags, summary: '加盖单位公章（填报人）', params } },
    async (request) => {
      const { unit, year: y } = request.params;
      await sealAnnual(ctx, viewerOf(request), unit, y, request.ip);
      return view(request, unit, y);
    },
  );

  app.post(
    '/regions/:unit/annual/:year/submit',
    { config: change, schema: { tags, summary: '报送本地区汇总表（填报人）', params } },
    async (request) => {
      const { unit, year: y } = request.params;
      await submitAnnual(ctx, viewerOf(request), unit, y, request.ip);
      return view(request, unit, y);
    },
  );

  app.get(
    '/regions/:unit/annual/:year/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出本地区汇总表（附件2 版式，含签字、公章与检查点）',
        description: '默认导出最新版本；version 指定某一版本。',
        params,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { unit, year: y } = request.params;
      const { format, version } = request.query;
      requireAnnualReader(viewerOf(request), await allUnits(ctx), unit);
      const versions = await annualVersions(ctx, unit, y);
      const row = version === undefined ? versions[0] : versions.find((v) => v.version === version);
      if (!row) fail('ANNUAL_NOT_FOUND');
      const document = await annualSummaryDocument(ctx, row);
      const bytes =
        format === 'json'
          ? Buffer.from(JSON.stringify({ form: 'summary', ...document }, null, 2))
          : format === 'xlsx'
            ? await renderSummaryXlsx(document)
            : Buffer.from(await renderSummaryPdf(document));
      const mediaType =
        format === 'json'
          ? 'application/json; charset=utf-8'
          : format === 'xlsx'
            ? XLSX
            : 'application/pdf';
      const exported = await logged(ctx, unit, actorOf(request), {
        bytes,
        mediaType,
        fileName: `${unit}-${y}年度-本地区${SUMMARY_TITLE}-第${row.version}版.${format}`,
        data: { kind: 'annual-summary', year: y, version: Number(row.version), format },
      });

      return reply
        .header('content-type', exported.mediaType)
        .header('content-disposition', contentDisposition('attachment', exported.fileName))
        .header('x-content-sm3', exported.sm3)
        .send(exported.bytes);
    },
  );
};
