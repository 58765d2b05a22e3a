/** The records API (fixed paths of the interference-records issue). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminRole } from '../org/user-schema.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import type { Viewer } from './record-access.js';
import { recordHistory } from './record-history.js';
import { listRecords, readRecord, viewsOf } from './record-reading.js';
import { recordReceipt } from './record-receipt.js';
import { amendmentBody, forms, passwordBody, recordStatuses, voidBody } from './record-schema.js';
import {
  amendRecord,
  createRecord,
  loadVisible,
  updateDraft,
  voidRecord,
} from './record-service.js';
import { confirmAsWitness, signRecord } from './record-signing.js';

const tags = ['干预记录'];
export const recordParams = z.object({ id: z.uuid('记录编号格式不正确') });

export function viewerOf(request: FastifyRequest): Viewer {
  const { session, holder } = request.auth;
  if (!session || !holder) fail('AUTH_REQUIRED');

  return {
    user: session.user,
    holder: { adminRole: holder.adminRole as AdminRole | null, roles: holder.roles },
  };
}

export const recordRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { action: 'record.read' as const };
  const change = { action: 'record.change' as const };

  async function answer(request: FastifyRequest, id: string) {
    const row = await loadVisible(ctx, viewerOf(request), id);
    return (await viewsOf(ctx, [row], { withReads: false }))[0]!;
  }

  app.post(
    '/records',
    {
      config: { action: 'record.create' },
      schema: { tags, summary: '新建干预记录（草稿）', body: z.unknown() },
    },
    async (request, reply) => {
      const id = await createRecord(ctx, viewerOf(request), request.body, request.ip);
      return reply.status(201).send(await answer(request, id));
    },
  );

  app.get(
    '/records',
    {
      config: read,
      schema: {
        tags,
        summary: '干预记录列表（本人、本单位或作为在场人员的记录）',
        querystring: z
          .object({
            unit: z.string().max(32).optional(),
            period: z
              .string()
              .regex(/^\d{4}Q[1-4]$/, '期别格式应为“2020Q2”')
              .optional(),
            status: z.enum(recordStatuses).optional(),
            form: z.enum(forms).optional(),
            situation: z.string().max(16).optional(),
            q: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
      },
    },
    async (request) => listRecords(ctx, viewerOf(request), request.query, request.ip),
  );

  app.get(
    '/records/:id',
    {
      config: read,
      schema: { tags, summary: '记录详情（每次查看都会留痕）', params: recordParams },
    },
    async (request) => readRecord(ctx, viewerOf(request), request.params.id, request.ip),
  );

  app.patch(
    '/records/:id',
    {
      config: change,
      schema: {
        tags,
        summary: '修改草稿',
        params: recordParams,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request) => {
      await updateDraft(ctx, viewerOf(request), request.params.id, request.body, request.ip);
      return answer(request, request.params.id);
    },
  );

  app.post(
    '/records/:id/sign',
    {
      config: change,
      schema: {
        tags,
        summary: '记录人签字（须再次输入密码）',
        params: recordParams,
        body: passwordBody,
      },
    },
    async (request) => {
      await signRecord(
        ctx,
        viewerOf(request),
        request.params.id,
        request.body.password,
        request.ip,
      );
      return answer(request, request.params.id);
    },
  );

  app.post(
    '/records/:id/witness-confirmations',
    {
      config: change,
      schema: { tags, summary: '在场人员用本人账号确认', params: recordParams, body: passwordBody },
    },
    async (request, reply) => {
      await confirmAsWitness(
        ctx,
        viewerOf(request),
        request.params.id,
        request.body.password,
        request.ip,
      );
      return reply.status(201).send(await answer(request, request.params.id));
    },
  );

  app.post(
    '/records/:id/amendments',
    {
      config: change,
      schema: {
        tags,
        summary: '更正已签字的记录（须说明原因）',
        params: recordParams,
        body: amendmentBody,
      },
    },
    async (request, reply) => {
      const { changes, reason } = request.body;
      await amendRecord(ctx, viewerOf(request), request.params.id, changes, reason, request.ip);
      return reply.status(201).send(await answer(request, request.params.id));
    },
  );

  app.post(
    '/records/:id/void',
    {
      config: change,
      schema: {
        tags,
        summary: '作废记录（须说明原因；记录仍保留）',
        params: recordParams,
        body: voidBody,
      },
    },
    async (request) => {
      await voidRecord(ctx, viewerOf(request), request.params.id, request.body.reason, request.ip);
      return answer(request, request.params.id);
    },
  );

  app.get(
    '/records/:id/receipt',
    {
      config: read,
      schema: {
        tags,
        summary: '记录人的回执（条目、包含证明、签名检查点）；format=pdf 为可打印的一页',
        params: recordParams,
        querystring: z.object({ format: z.enum(['json', 'pdf']).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { receipt, pdf } = await recordReceipt(ctx, viewerOf(request), request.params.id);
      const base = `receipt-${request.params.id}`;
      if (request.query.format === 'pdf') {
        reply.header('content-disposition', `attachment; filename="${base}.pdf"`);
        return reply.type('application/pdf').send(Buffer.from(await pdf()));
      }

      reply.header('content-disposition', `attachment; filename="${base}.json"`);
      return receipt;
    },
  );

  app.get(
    '/records/:id/history',
    { config: read, schema: { tags, summary: '记录的各个版本与日志事件', params: recordParams } },
    async (request) => recordHistory(ctx, viewerOf(request), request.params.id),
  );
};
