/**
 * The referrals API under /api/v1/referrals (reviewers) and the cadre management authority
 * rules under /api/v1/referral-rules (read by reviewers, changed by the system administrator).
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beijingDate } from '../calendar/beijing-time.js';
import { unitCode } from '../org/unit-schema.js';
import type { Context } from '../platform/context.js';
import { AppError, fail } from '../platform/errors.js';
import { contentDisposition } from '../records/evidence-routes.js';
import { EvidenceRejected } from '../records/evidence-store.js';
import { viewerOf } from '../records/record-routes.js';
import { readSettings } from '../settings/settings.js';
import { suggestLetterNumber } from './letter-numbers.js';
import { loadLetter } from './referral-letter.js';
import { renderReferralLetterDocx } from './referral-letter-docx.js';
import { referralRuleRoutes } from './referral-rule-routes.js';
import {
  closeBody,
  createReferralBody,
  feedbackBody,
  listQuery,
  sendReferralBody,
  updateReferralBody,
} from './referral-schema.js';
import {
  createReferral,
  loadReferral,
  reviewedBureaus,
  updateReferral,
} from './referral-service.js';
import {
  addReferralFile,
  closeReferral,
  type FileRole,
  loadReferralFile,
  recordFeedback,
  sendReferral,
} from './referral-steps.js';
import { listReferrals, referralView } from './referral-view.js';

const tags = ['案件移送'];
const params = z.object({ id: z.uuid('移送函编号格式不正确') });
const fileParams = params.extend({ fileId: z.uuid('文件编号格式不正确') });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const referralRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'referral.read' as const };
  const change = { action: 'referral.write' as const };
  const view = async (request: FastifyRequest, id: string) =>
    referralView(ctx, await loadReferral(ctx, viewerOf(request), id));

  await app.register(referralRuleRoutes, { ctx });

  app.get(
    '/referrals',
    {
      config: read,
      schema: { tags, summary: '移送函列表（本人担任上级审核的单位）', querystring: listQuery },
    },
    async (request) => listReferrals(ctx, viewerOf(request), request.query),
  );

  app.get(
    '/referrals/next-number',
    {
      config: read,
      schema: {
        tags,
        summary: '建议的下一个文号（按单位、按年度顺排）',
        querystring: z
          .object({
            bureau: unitCode.optional(),
            year: z.coerce.number().int().min(2000).max(2100).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const bureaus = reviewedBureaus(viewerOf(request));
      const bureau = request.query.bureau ?? bureaus[0];
      if (!bureau || !bureaus.includes(bureau))
        fail('FORBIDDEN', undefined, '您在该单位没有上级审核角色');
      const year = request.query.year ?? Number(beijingDate(ctx.clock.now()).slice(0, 4));

      return { bureau, year, number: await suggestLetterNumber(ctx, bureau, year) };
    },
  );

  app.post(
    '/referrals',
    {
      config: change,
      schema: { tags, summary: '从记录新建移送函（草稿）', body: createReferralBody },
    },
    async (request, reply) => {
      const id = await createReferral(ctx, viewerOf(request), request.body, request.ip);
      return reply.status(201).send(await view(request, id));
    },
  );

  app.get(
    '/referrals/:id',
    { config: read, schema: { tags, summary: '移送函详情', params } },
    async (request) => view(request, request.params.id),
  );

  app.patch(
    '/referrals/:id',
    {
      config: change,
      schema: { tags, summary: '修改移送函草稿', params, body: updateReferralBody },
    },
    async (request) => {
      await updateReferral(ctx, viewerOf(request), request.params.id, request.body, request.ip);
      return view(request, request.params.id);
    },
  );

  app.post(
    '/referrals/:id/send',
    {
      config: change,
      schema: {
        tags,
        summary: '发出移送函（设定反馈期限，默认 30 日）',
        params,
        body: sendReferralBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      await sendReferral(ctx, viewerOf(request), id, request.body?.dueDate, request.ip);
      return view(request, id);
    },
  );

  app.post(
    '/referrals/:id/feedback',
    { config: change, schema: { tags, summary: '登记反馈结果', params, body: feedbackBody } },
    async (request) => {
      const { id } = request.params;
      await recordFeedback(ctx, viewerOf(request), id, request.body, request.ip);
      return view(request, id);
    },
  );

  app.post(
    '/referrals/:id/close',
    {
      config: change,
      schema: { tags, summary: '办结（未收到反馈的须说明原因）', params, body: closeBody },
    },
    async (request) => {
      const { id } = request.params;
      await closeReferral(ctx, viewerOf(request), id, request.body?.note, request.ip);
      return view(request, id);
    },
  );

  app.get(
    '/referrals/:id/letter',
    { config: read, schema: { tags, summary: '下载移送函（Word 文档，读取记录将留痕）', params } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const row = await loadReferral(ctx, viewer, request.params.id);
      const letter = await loadLetter(ctx, viewer, row, request.ip);
      const file = await renderReferralLetterDocx(letter);

      reply.header('content-type', DOCX);
      reply.header(
        'content-disposition',
        contentDisposition('attachment', `移送函-${row.number}.docx`),
      );
      return reply.send(file);
    },
  );

  app.post(
    '/referrals/:id/files',
    {
      config: change,
      schema: {
        tags,
        summary: '上传附件或反馈材料（multipart：先 role 字段 attachment|feedback，再 file 文件）',
        params,
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const row = await loadReferral(ctx, viewer, request.params.id);
      const { role, stored } = await receiveFile(ctx, request);
      const fileId = await addReferralFile(ctx, viewer, row, role, stored, request.ip);
      const files = (await view(request, row.id)).files ?? [];

      return reply.status(201).send(files.find((f) => f.id === fileId));
    },
  );

  app.get(
    '/referrals/:id/files/:fileId',
    { config: read, schema: { tags, summary: '下载附件或反馈材料', params: fileParams } },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const file = await loadReferralFile(ctx, viewerOf(request), id, fileId);
      if (!(await ctx.evidence.verify(file.sm3))) fail('EVIDENCE_CORRUPTED');

      reply.header('content-type', file.media_type);
      reply.header('content-disposition', contentDisposition('attachment', file.name));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(ctx.evidence.open(file.sm3));
    },
  );
};

/** The role field, then one file streamed into the evidence store (never buffered whole). */
async function receiveFile(ctx: Context, request: FastifyRequest) {
  if (!request.isMultipart()) fail('BAD_REQUEST', undefined, '请以 multipart/form-data 上传文件');
  const { evidenceMaxMegabytes } = await readSettings(ctx);
  const maxBytes = evidenceMaxMegabytes * 1024 * 1024;
  let role: FileRole = 'attachment';

  for await (const part of request.parts({
    limits: { files: 1, fields: 2, fileSize: maxBytes + 1 },
  })) {
    if (part.type === 'field') {
      if (part.fieldname !== 'role' || (part.value !== 'attachment' && part.value !== 'feedback'))
        fail('VALIDATION_FAILED', [{ field: 'role', message: 'role 须为 attachment 或 feedback' }]);
      role = part.value;
      continue;
    }

    const file = part as MultipartFile;
    try {
      const stored = await ctx.evidence.put(file.file, { maxBytes, fileName: file.filename });
      const name = file.filename.slice(0, 200);
      return {
        role,
        stored: { sm3: stored.sm3, mediaType: stored.mediaType, size: stored.size, name },
      };
    } catch (error) {
      if (!(error instanceof EvidenceRejected)) throw error;
      throw new AppError(
        'EVIDENCE_REJECTED',
        [{ field: 'file', message: error.message }],
        error.message,
      );
    }
  }

  return fail('VALIDATION_FAILED', [{ field: 'file', message: '请选择要上传的文件' }]);
}
