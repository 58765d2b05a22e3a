/** The reporting API (fixed paths of the quarterly-reporting issue) and the unit seal. */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { unitCode } from '../org/unit-schema.js';
import { type Context, write } from '../platform/context.js';
import { AppError, fail } from '../platform/errors.js';
import { EvidenceRejected } from '../records/evidence-store.js';
import { viewerOf } from '../records/record-routes.js';
import { passwordBody } from '../records/record-schema.js';
import { requirePassword } from '../records/record-signing.js';
import { inbox, matrix } from './inbox.js';
import { compileReport, signReport } from './report-service.js';
import { attachScan, decideReport, sealReport, submitReport } from './report-submission.js';
import { reportView, requireReportReader } from './report-view.js';

const tags = ['季度报送'];
const periodText = z.string().regex(/^\d{4}Q[1-4]$/, '期别格式应为“2020Q2”（年份加季度）');
const params = z.object({ unit: unitCode, period: periodText });
const UPLOAD_LIMIT = 50 * 1024 * 1024;

export const reportRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'report.read' as const };
  const change = { action: 'report.write' as const };
  const view = (request: FastifyRequest, unit: string, period: string) =>
    reportView(ctx, viewerOf(request), unit, period);

  app.get(
    '/reports/:unit/:period',
    {
      config: read,
      schema: { tags, summary: '单位某季度的报告（台账、汇总表、版本、签字）', params },
    },
    async (request) => view(request, request.params.unit, request.params.period),
  );

  app.post(
    '/reports/:unit/:period/compile',
    {
      config: change,
      schema: {
        tags,
        summary: '编制台账与汇总表（填报人）',
        params,
        body: z
          .object({ witnessGapReason: z.string().trim().min(1).max(1000).optional() })
          .strict()
          .nullish(),
      },
    },
    async (request) => {
      const { unit, period } = request.params;
      await compileReport(
        ctx,
        viewerOf(request),
        unit,
        period,
        request.body?.witnessGapReason,
        request.ip,
      );
      return view(request, unit, period);
    },
  );

  app.post(
    '/reports/:unit/:period/signatures',
    {
      config: change,
      schema: {
        tags,
        summary: '分管统计法治负责人或主要负责人签字（须再次输入密码）',
        params,
        body: passwordBody.extend({ role: z.enum(['ruleOfLawLeader', 'principal']) }),
      },
    },
    async (request) => {
      const { unit, period } = request.params;
      const viewer = viewerOf(request);
      await requirePassword(ctx, viewer, request.body.password, request.ip, 'report.sign');
      await signReport(ctx, viewer, unit, period, request.body.role, request.ip);
      return view(request, unit, period);
    },
  );

  app.post(
    '/reports/:unit/:period/seal',
    { config: change, schema: { tags, summary: '加盖单位公章（填报人）', params } },
    async (request) => {
      const { unit, period } = request.params;
      await sealReport(ctx, viewerOf(request), unit, period, request.ip);
      return view(request, unit, period);
    },
  );

  app.post(
    '/reports/:unit/:period/scan',
    {
      config: change,
      schema: {
        tags,
        summary: '上传签字盖章后的汇总表扫描件（PDF 或图片）',
        params,
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      const { unit, period } = request.params;
      const stored = await storeUpload(ctx, request, ['pdf', 'image']);
      await attachScan(ctx, viewerOf(request), unit, period, stored, request.ip);
      return view(request, unit, period);
    },
  );

  app.get(
    '/reports/:unit/:period/scan',
    {
      config: read,
      schema: {
        tags,
        summary: '查看签字盖章后的汇总表扫描件（最新版本，或 version 指定的版本）',
        params,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { unit, period } = request.params;
      await requireReportReader(ctx, viewerOf(request), unit);
      let query = ctx.db
        .selectFrom('reports')
        .select(['scan_sm3', 'scan_media_type', 'version'])
        .where('unit', '=', unit)
        .where('period', '=', period);
      if (request.query.version) query = query.where('version', '=', request.query.version);
      const report = await query.orderBy('version', 'desc').executeTakeFirst();
      if (!report?.scan_sm3 || !report.scan_media_type)
        fail('NOT_FOUND', undefined, '该版本没有上传扫描件');
      if (!(await ctx.evidence.verify(report.scan_sm3))) fail('EVIDENCE_CORRUPTED');

      const name = `${unit}-${period}-v${report.version}-scan`;
      reply.header('content-type', report.scan_media_type);
      reply.header('content-disposition', `inline; filename="${name}"`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(ctx.evidence.open(report.scan_sm3));
    },
  );

  app.post(
    '/reports/:unit/:period/submit',
    { config: change, schema: { tags, summary: '报送上级（附检查点）', params } },
    async (request) => {
      const { unit, period } = request.params;
      await submitReport(ctx, viewerOf(request), unit, period, request.ip);
      return view(request, unit, period);
    },
  );

  app.post(
    '/reports/:unit/:period/accept',
    { config: change, schema: { tags, summary: '上级接收', params } },
    async (request) => {
      const { unit, period } = request.params;
      await decideReport(ctx, viewerOf(request), unit, period, 'accepted', undefined, request.ip);
      return view(request, unit, period);
    },
  );

  app.post(
    '/reports/:unit/:period/return',
    {
      config: change,
      schema: {
        tags,
        summary: '上级退回（须说明原因）',
        params,
        body: z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(1000) }).strict(),
      },
    },
    async (request) => {
      const { unit, period } = request.params;
      await decideReport(
        ctx,
        viewerOf(request),
        unit,
        period,
        'returned',
        request.body.reason,
        request.ip,
      );
      return view(request, unit, period);
    },
  );

  app.get(
    '/inbox/:unit',
    {
      config: { action: 'inbox.read' },
      schema: {
        tags,
        summary: '下级单位某季度的报送情况（含未报）',
        params: z.object({ unit: unitCode }),
        querystring: z.object({ period: periodText }).strict(),
      },
    },
    async (request) => inbox(ctx, viewerOf(request), request.params.unit, request.query.period),
  );

  app.get(
    '/inbox/:unit/matrix',
    {
      config: { action: 'inbox.read' },
      schema: {
        tags,
        summary: '单位 × 季度 报送矩阵',
        params: z.object({ unit: unitCode }),
        querystring: z.object({ from: periodText, to: periodText }).strict(),
      },
    },
    async (request) =>
      matrix(ctx, viewerOf(request), request.params.unit, request.query.from, request.query.to),
  );

  app.post(
    '/units/:code/seal',
    {
      config: { action: 'unit.write' },
      schema: {
        tags,
        summary: '上传单位公章图样（系统管理员）',
        params: z.object({ code: unitCode }),
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const unit = await ctx.db
        .selectFrom('units')
        .select('code')
        .where('code', '=', request.params.code)
        .executeTakeFirst();
      if (!unit) fail('UNIT_NOT_FOUND');
      const stored = await storeUpload(ctx, request, ['image']);
      await write(ctx, async (c) => {
        const row = {
          id: crypto.randomUUID(),
          unit: unit.code,
          sm3: stored.sm3,
          media_type: stored.mediaType,
          uploaded_at: c.now.toISOString(),
          uploaded_by: actorOf(request).username,
        };
        await c.trx.insertInto('unit_seals').values(row).execute();
        await c.event(
          {
            type: 'unit.seal-uploaded',
            actor: actorOf(request),
            unit: unit.code,
            data: { sm3: stored.sm3, mediaType: stored.mediaType },
          },
          unit.code,
        );
      });
      return reply
        .status(201)
        .send({ unit: unit.code, sm3: stored.sm3, mediaType: stored.mediaType });
    },
  );
};

/** One file from a multipart request into the content-addressed store, of the kinds given. */
async function storeUpload(ctx: Context, request: FastifyRequest, kinds: string[]) {
  if (!request.isMultipart()) fail('BAD_REQUEST', undefined, '请以 multipart/form-data 上传文件');
  const file = (await request.file({ limits: { files: 1, fileSize: UPLOAD_LIMIT + 1 } })) as
    | MultipartFile
    | undefined;
  if (!file) fail('VALIDATION_FAILED', [{ field: 'file', message: '请选择要上传的文件' }]);

  try {
    const stored = await ctx.evidence.put(file.file, {
      maxBytes: UPLOAD_LIMIT,
      fileName: file.filename,
    });
    if (!kinds.includes(stored.kind))
      fail('VALIDATION_FAILED', [
        { field: 'file', message: `须上传${kinds.includes('pdf') ? ' PDF 或' : ''}图片文件` },
      ]);

    return { sm3: stored.sm3, mediaType: stored.mediaType };
  } catch (error) {
    if (error instanceof EvidenceRejected)
      throw new AppError(
        'EVIDENCE_REJECTED',
        [{ field: 'file', message: error.message }],
        error.message,
      );
    throw error;
  }
}
