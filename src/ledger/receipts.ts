/**
 * Receipts: an entry, its inclusion proof and a signed checkpoint, in one JSON file that
 * `liuhen receipt verify` (or any RFC 9162 verifier) checks with no database at all.
 */
import type { Context } from '../platform/context.js';
import { currentCheckpoint, logOrigin } from './checkpoints.js';
import { inclusionProofFor, readHead } from './log-store.js';
import type { Receipt } from './receipt.js';
import { publicKeys } from './signing-keys.js';

/** Precondition: the log exists and `index` is below its size. */
export async function buildReceipt(ctx: Context, logId: string, index: number): Promise<Receipt> {
  const checkpoint = await currentCheckpoint(ctx, logId);
  const head = (await readHead(ctx.db, logId))!;
  const row = await ctx.db
    .selectFrom('log_entries')
    .select('entry')
    .where('log_id', '=', logId)
    .where('idx', '=', index)
    .executeTakeFirstOrThrow();
  const proof = await inclusionProofFor(ctx.db, head, index, checkpoint.size);
  const key = (await publicKeys(ctx)).find((k) => k.id === checkpoint.keyId)!;

  return {
    version: 1,
    log: await logOrigin(ctx, logId),
    alg: head.alg,
    index,
    entry: row.entry,
    proof,
    checkpoint: checkpoint.note,
    publicKey: { alg: key.alg, name: key.name, publicKey: key.publicKey },
  };
}
