/**
 * The logs over HTTP, in the shape of a transparency log: the current checkpoint, entries,
 * inclusion and consistency proofs, receipts, and the public keys that sign checkpoints.
 * Who may read a unit's log follows who may read that unit's records; the system log is the
 * audit administrator's. A log the caller may not read answers 404, like one that does not
 * exist, so ids cannot be probed.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { currentCheckpoint } from './checkpoints.js';
import { SYSTEM_LOG } from './event-log.js';
import {
  consistencyProofFor,
  inclusionProofFor,
  type LogHead,
  readHead,
  rootAt,
} from './log-store.js';
import { buildReceipt } from './receipts.js';
import { publicKeys } from './signing-keys.js';

const tags = ['防篡改日志'];
const logParams = z.object({
  unit: z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, '单位代码格式不正确'),
});
const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const checkpointSchema = z.object({
  log: z.string(),
  size: z.number(),
  root: z.string(),
  at: z.string(),
  keyId: z.string(),
  note: z.string(),
});

export const logRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const config = { action: 'log.read' as const };

  /** The log's head, if the caller may read it; otherwise 404, the same as no such log. */
  async function readableHead(request: FastifyRequest, unit: string): Promise<LogHead> {
    const head = (await mayRead(ctx, request, unit)) ? await readHead(ctx.db, unit) : undefined;

    return head ?? fail('NOT_FOUND', undefined, '没有找到该单位的日志，或您无权查看');
  }

  app.get(
    '/keys',
    {
      config: { action: 'keys.read' },
      schema: { tags, summary: '检查点签名公钥（含已轮换的旧密钥）' },
    },
    async () => ({ keys: await publicKeys(ctx) }),
  );

  app.get(
    '/logs/:unit/checkpoint',
    {
      config,
      schema: {
        tags,
        summary: '最新的签名检查点',
        params: logParams,
        response: { 200: checkpointSchema },
      },
    },
    async (request) => {
      await readableHead(request, request.params.unit);
      return currentCheckpoint(ctx, request.params.unit);
    },
  );

  app.get(
    '/logs/:unit/entries/:index',
    { config, schema: { tags, summary: '日志条目', params: logParams.extend({ index: size }) } },
    async (request) => {
      const { unit, index } = request.params;
      await readableHead(request, unit);
      const row = await ctx.db
        .selectFrom('log_entries')
        .selectAll()
        .where('log_id', '=', unit)
        .where('idx', '=', index)
        .executeTakeFirst();
      if (!row) fail('NOT_FOUND', undefined, `日志中没有第 ${index} 条`);

      return {
        log: unit,
        index,
        leafHash: row.leaf_hash,
        entry: row.entry,
        event: JSON.parse(row.entry),
      };
    },
  );

  app.get(
    '/logs/:unit/entries/:index/receipt',
    {
      config,
      schema: {
        tags,
        summary: '条目的回执（条目、包含证明、签名检查点）',
        params: logParams.extend({ index: size }),
      },
    },
    async (request, reply) => {
      const { unit, index } = request.params;
      const head = await readableHead(request, unit);
      if (index >= head.size) fail('NOT_FOUND', undefined, `日志中没有第 ${index} 条`);

      reply.header('content-disposition', `attachment; filename="receipt-${unit}-${index}.json"`);
      return buildReceipt(ctx, unit, index);
    },
  );

  app.get(
    '/logs/:unit/proofs/inclusion',
    {
      config,
      schema: {
        tags,
        summary: '包含证明（RFC 9162 §2.1.3）',
        params: logParams,
        querystring: z.object({ index: size, size: size.optional() }).strict(),
      },
    },
    async (request) => {
      const head = await readableHead(request, request.params.unit);
      const treeSize = request.query.size ?? head.size;
      const { index } = request.query;
      if (index >= treeSize || treeSize > head.size) {
        fail('BAD_REQUEST', undefined, `须满足 index < size ≤ ${head.size}（当前日志条数）`);
      }

      const leaf = await ctx.db
        .selectFrom('log_entries')
        .select('leaf_hash')
        .where('log_id', '=', head.id)
        .where('idx', '=', index)
        .executeTakeFirstOrThrow();
      const proof = await inclusionProofFor(ctx.db, head, index, treeSize);

      return {
        index,
        size: treeSize,
        leafHash: leaf.leaf_hash,
        root: await rootAt(ctx.db, head.id, treeSize, head.alg),
        proof,
      };
    },
  );

  app.get(
    '/logs/:unit/proofs/consistency',
    {
      config,
      schema: {
        tags,
        summary: '一致性证明（RFC 9162 §2.1.4）',
        params: logParams,
        querystring: z.object({ from: size, to: size.optional() }).strict(),
      },
    },
    async (request) => {
      const head = await readableHead(request, request.params.unit);
      const to = request.query.to ?? head.size;
      const { from } = request.query;
      if (from > to || to > head.size)
        fail('BAD_REQUEST', undefined, `须满足 from ≤ to ≤ ${head.size}（当前日志条数）`);

      const [fromRoot, toRoot] = [
        await rootAt(ctx.db, head.id, from, head.alg),
        await rootAt(ctx.db, head.id, to, head.alg),
      ];
      const proof =
        from === to || from === 0 ? [] : await consistencyProofFor(ctx.db, head, from, to);

      return { from, to, fromRoot, toRoot, proof };
    },
  );
};

/**
 * Log access: the audit administrator reads every log; a unit's filler, rule-of-law leader
 * and principal read their unit's; a reviewer reads the logs of the units that report to
 * the reviewer's unit. Recorders see their own records, not the whole log.
 */
async function mayRead(ctx: Context, request: FastifyRequest, logId: string): Promise<boolean> {
  const holder = request.auth.holder;
  if (!holder) return false;
  if (holder.adminRole === 'auditadmin') return true;
  if (logId === SYSTEM_LOG) return false;

  const unit = await ctx.db
    .selectFrom('units')
    .select('reports_to')
    .where('code', '=', logId)
    .executeTakeFirst();
  if (!unit) return false;

  return holder.roles.some(
    (g) =>
      (['filler', 'ruleOfLawLeader', 'principal'].includes(g.role) && g.unit === logId) ||
      (g.role === 'reviewer' && g.unit === unit.reports_to),
  );
}
