/**
 * The import API: the template download, a preview of an uploaded ledger (multipart: first
 * the `unit` field, then the `file`), and the import itself, which names the previewed file
 * by its SM3 and carries the level and situation chosen for rows whose sheet lacks them.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { contentDisposition } from '../records/evidence-routes.js';
import { viewerOf } from '../records/record-routes.js';
import { levels } from '../records/record-schema.js';
import { commitImport, previewImport } from './import-service.js';
import { templateWorkbook } from './template-workbook.js';
import { MAX_IMPORT_BYTES } from './workbook-file.js';

const tags = ['台账导入'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const importBody = z
  .object({
    unit: z.string().trim().min(1, '请选择单位').max(32),
    file: z.string().regex(/^[0-9a-f]{64}$/, '文件标识应为预览时返回的 SM3'),
    fileName: z.string().trim().max(255).default('ledger.xlsx'),
    rows: z
      .array(
        z
          .object({
            row: z.number().int().min(1),
            level: z.enum(levels, { message: '级别须是县处级、乡科级或其他' }).optional(),
            situation: z
              .string()
              .regex(/^\d{4}-\d{1,2}$/, '请选择干预情形')
              .optional(),
          })
          .strict(),
      )
      .max(20_000)
      .default([]),
    validOnly: z.boolean().default(false),
  })
  .strict();

export const importRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const config = { action: 'record.import' as const };

  app.get(
    '/imports/template',
    { config, schema: { tags, summary: '下载导入模板（.xlsx，每行一条记录）' } },
    async (_request, reply) => {
      reply.header(
        'content-disposition',
        contentDisposition('attachment', '干预记录导入模板.xlsx'),
      );
      return reply.type(XLSX_TYPE).send(await templateWorkbook());
    },
  );

  app.post(
    '/imports/preview',
    {
      config,
      schema: {
        tags,
        summary: '上传台账并预览（multipart：先 unit 字段，再 file 文件）；文件会被永久保存',
        consumes: ['multipart/form-data'],
      },
    },
    async (request) => {
      if (!request.isMultipart())
        fail('BAD_REQUEST', undefined, '请以 multipart/form-data 上传文件');
      const parts = request.parts({ limits: { files: 1, fields: 3, fileSize: MAX_IMPORT_BYTES } });

      let unit = '';
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.fieldname === 'unit') unit = String(part.value).trim();
          continue;
        }
        if (!unit)
          fail('VALIDATION_FAILED', [{ field: 'unit', message: '请先选择单位，再上传文件' }]);

        const file = await readUpload(part as MultipartFile);
        return previewImport(ctx, viewerOf(request), { unit, file, fileName: part.filename });
      }

      return fail('VALIDATION_FAILED', [{ field: 'file', message: '请选择要导入的 Excel 文件' }]);
    },
  );

  app.post(
    '/imports',
    {
      config,
      schema: {
        tags,
        summary: '确认导入（全部无误才导入，或 validOnly 只导入无误的行）',
        body: importBody,
      },
    },
    async (request, reply) => {
      const { rows, ...rest } = request.body;
      const result = await commitImport(
        ctx,
        viewerOf(request),
        { ...rest, choices: rows },
        request.ip,
      );
      return reply.status(201).send(result);
    },
  );
};

async function readUpload(part: MultipartFile): Promise<Buffer> {
  try {
    const file = await part.toBuffer();
    if (part.file.truncated) fail('IMPORT_TOO_LARGE');
    return file;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') fail('IMPORT_TOO_LARGE');
    throw error;
  }
}
