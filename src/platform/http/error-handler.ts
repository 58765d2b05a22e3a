/**
 * The one boundary where errors become answers: `{ "error": { "code", "message" } }` with
 * the registry's status and Chinese text. Unexpected errors are logged with their stack and
 * answered with a generic message, so no internals reach the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorCatalog, type FieldProblem } from '../errors.js';

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, error.code, error.message, error.details);

  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldProblem[] = error.validation.map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`.replace(
        /\.$/,
        '',
      ),
      message: v.message ?? '格式不正确',
    }));
    const summary = details.map((d) => `${d.field}：${d.message}`).join('；');

    return send(
      reply,
      'VALIDATION_FAILED',
      `${errorCatalog.VALIDATION_FAILED.message}（${summary}）`,
      details,
    );
  }

  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return send(reply, mapped, errorCatalog[mapped].message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return send(
      reply,
      'BAD_REQUEST',
      errorCatalog.BAD_REQUEST.message,
      undefined,
      error.statusCode,
    );
  }

  request.log.error({ err: error }, 'unexpected error');
  return send(reply, 'INTERNAL', errorCatalog.INTERNAL.message);
}

function send(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: AppError['details'],
  status: number = errorCatalog[code].status,
) {
  return reply.status(status).send({ error: { code, message, ...(details ? { details } : {}) } });
}
