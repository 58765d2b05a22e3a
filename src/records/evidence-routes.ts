/**
 * Evidence over HTTP: streamed multipart upload (never buffered whole), download with the
 * original name, inline preview for what a browser shows safely, and supersession.
 */
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { readSettings } from '../settings/settings.js';
import {
  addEvidence,
  type EvidenceRole,
  openEvidence,
  supersedeEvidence,
} from './evidence-service.js';
import { recordParams, viewerOf } from './record-routes.js';

const tags = ['证据材料'];
const evidenceParams = recordParams.extend({ evidenceId: z.uuid('证据编号格式不正确') });

/** Types a browser may show inline without running anything (no HTML, no SVG). */
const INLINE_KINDS = new Set(['image', 'pdf', 'audio', 'video']);

export const evidenceRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/records/:id/evidence',
    {
      config: { action: 'record.change' },
      schema: {
        tags,
        summary: '上传证据材料（multipart：先 role 字段，再 file 文件）',
        params: recordParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        fail('BAD_REQUEST', undefined, '请以 multipart/form-data 上传文件');
      const { evidenceMaxMegabytes } = await readSettings(ctx);
      const parts = request.parts({
        limits: { files: 1, fields: 5, fileSize: evidenceMaxMegabytes * 1024 * 1024 + 1 },
      });

      let role: EvidenceRole = 'evidence';
      for await (const part of parts) {
        if (part.type === 'field') {
          role = readRole(part);
          continue;
        }

        const file = part as MultipartFile;
        const upload = { source: file.file, fileName: file.filename, role };
        const evidence = await addEvidence(
          ctx,
          viewerOf(request),
          request.params.id,
          upload,
          request.ip,
        );
        return reply.status(201).send(evidence);
      }

      return fail('VALIDATION_FAILED', [{ field: 'file', message: '请选择要上传的文件' }]);
    },
  );

  app.get(
    '/records/:id/evidence/:evidenceId',
    {
      config: { action: 'record.read' },
      schema: {
        tags,
        summary: '下载或预览证据材料（每次读取都会留痕并校验哈希）',
        params: evidenceParams,
        querystring: z.object({ inline: z.enum(['0', '1']).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { id, evidenceId } = request.params;
      const { evidence, stream } = await openEvidence(
        ctx,
        viewerOf(request),
        id,
        evidenceId,
        request.ip,
      );
      const inline = request.query.inline === '1' && INLINE_KINDS.has(evidence.kind);

      reply.header('content-type', evidence.media_type);
      reply.header('content-length', String(evidence.size));
      reply.header(
        'content-disposition',
        contentDisposition(inline ? 'inline' : 'attachment', evidence.name),
      );
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.send(stream);
    },
  );

  app.post(
    '/records/:id/evidence/:evidenceId/supersede',
    {
      config: { action: 'record.change' },
      schema: {
        tags,
        summary: '标记证据材料为已被替代（不删除）',
        params: evidenceParams,
        body: z.object({ reason: z.string().trim().min(1, '请填写替代原因').max(500) }).strict(),
      },
    },
    async (request, reply) => {
      const { id, evidenceId } = request.params;
      await supersedeEvidence(
        ctx,
        viewerOf(request),
        id,
        evidenceId,
        request.body.reason,
        request.ip,
      );
      return reply.status(204).send();
    },
  );
};

function readRole(part: Multipart): EvidenceRole {
  const value = part.type === 'field' ? String(part.value) : '';
  if (part.fieldname !== 'role' || (value !== 'evidence' && value !== 'witness-signatures')) {
    fail('VALIDATION_FAILED', [
      { field: part.fieldname, message: 'role 须为 evidence 或 witness-signatures' },
    ]);
  }

  return value;
}

/** RFC 6266 with an RFC 5987 UTF-8 name, and an ASCII fallback for old clients. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');

  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
