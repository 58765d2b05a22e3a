/**
 * Signed tree heads. A checkpoint pins a log's size and root under the instance key, in the
 * C2SP tlog-checkpoint format, so that anyone holding one can later prove that the log only
 * grew. Made on demand, daily for logs that changed, and at every quarterly submission.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../platform/context.js';
import { signCheckpoint } from './checkpoint.js';
import { readHead } from './log-store.js';
import { activeSigningKey, instanceName } from './signing-keys.js';

export interface StoredCheckpoint {
  log: string;
  size: number;
  root: string;
  at: string;
  keyId: string;
  note: string;
}

/** The origin line of a log's checkpoints: the instance's name and the log id. */
export async function logOrigin(ctx: Context, logId: string): Promise<string> {
  return `${await instanceName(ctx)}/${logId}`;
}

/** Signs the log's current head and stores the checkpoint. Precondition: the log exists. */
export async function makeCheckpoint(ctx: Context, logId: string): Promise<StoredCheckpoint> {
  const signer = await activeSigningKey(ctx);
  const origin = await logOrigin(ctx, logId);

  return ctx.db.transaction().execute(async (trx) => {
    const head = await readHead(trx, logId);
    if (!head) throw new Error(`log ${logId} does not exist`);

    const at = ctx.clock.now();
    const note = signCheckpoint(
      { origin, size: head.size, rootHash: head.root, time: at, alg: head.alg },
      signer.key,
    );
    const row = {
      id: randomUUID(),
      log_id: logId,
      size: head.size,
      root: head.root,
      at: at.toISOString(),
      key_id: signer.id,
      note,
    };
    await trx.insertInto('checkpoints').values(row).execute();

    return toCheckpoint(row);
  });
}

export async function latestCheckpoint(
  ctx: Context,
  logId: string,
): Promise<StoredCheckpoint | undefined> {
  const row = await ctx.db
    .selectFrom('checkpoints')
    .selectAll()
    .where('log_id', '=', logId)
    .orderBy('size', 'desc')
    .orderBy('at', 'desc')
    .executeTakeFirst();

  return row ? toCheckpoint(row) : undefined;
}

/** A checkpoint of the log as it stands: the latest if it covers every entry, else a new one. */
export async function currentCheckpoint(ctx: Context, logId: string): Promise<StoredCheckpoint> {
  const head = await ctx.db
    .selectFrom('logs')
    .select('size')
    .where('id', '=', logId)
    .executeTakeFirstOrThrow();
  const latest = await latestCheckpoint(ctx, logId);
  if (latest && latest.size === head.size) return latest;

  return makeCheckpoint(ctx, logId);
}

/**
 * Checkpoints every log that grew since its last checkpoint, or whose last is older than
 * `maxAgeHours`. Run at start-up and hourly by the server, so a changed log gets at least
 * one checkpoint a day.
 */
export async function checkpointChangedLogs(ctx: Context, maxAgeHours = 24): Promise<string[]> {
  const logs = await ctx.db.selectFrom('logs').select(['id', 'size']).execute();
  const cutoff = new Date(ctx.clock.now().getTime() - maxAgeHours * 3_600_000).toISOString();
  const made: string[] = [];

  for (const log of logs) {
    const latest = await latestCheckpoint(ctx, log.id);
    const stale = !latest || (latest.size < log.size && latest.at <= cutoff);
    if (stale && log.size > 0) {
      await makeCheckpoint(ctx, log.id);
      made.push(log.id);
    }
  }

  return made;
}

function toCheckpoint(row: {
  log_id: string;
  size: number;
  root: string;
  at: string;
  key_id: string;
  note: string;
}): StoredCheckpoint {
  return {
    log: row.log_id,
    size: row.size,
    root: row.root,
    at: row.at,
    keyId: row.key_id,
    note: row.note,
  };
}
