/**
 * Whether a logged event still verifies, for the audit trail: its text must hash to its leaf,
 * and its inclusion proof must lead to the root of the log's latest signed checkpoint (or,
 * for events newer than that checkpoint, to the log's current root).
 */

import { verifyCheckpoint } from '../ledger/checkpoint.js';
import { latestCheckpoint, type StoredCheckpoint } from '../ledger/checkpoints.js';
import { leafHash } from '../ledger/hash-algorithm.js';
import { verifyInclusion } from '../ledger/inclusion-proof.js';
import { inclusionProofFor, type LogHead, readHead } from '../ledger/log-store.js';
import { publicKeys } from '../ledger/signing-keys.js';
import type { Context } from '../platform/context.js';

/**
 * `checkpointed`: proved against a signed checkpoint. `included`: proved against the current
 * root, not yet signed. `failed`: the entry, its tree or its checkpoint was altered.
 */
export type Integrity = 'checkpointed' | 'included' | 'failed';

interface LogState {
  head: LogHead;
  checkpoint?: StoredCheckpoint;
  signed: boolean;
}

/** Checks events of several logs, reading each log's head and checkpoint once. */
export function integrityChecker(ctx: Context) {
  const states = new Map<string, Promise<LogState | undefined>>();
  const keys = publicKeys(ctx);

  async function stateOf(log: string): Promise<LogState | undefined> {
    const head = await readHead(ctx.db, log);
    if (!head) return undefined;

    const checkpoint = await latestCheckpoint(ctx, log);
    const signed = checkpoint ? verifyCheckpoint(checkpoint.note, await keys).ok : false;

    return { head, ...(checkpoint ? { checkpoint } : {}), signed };
  }

  return async (event: {
    log: string;
    index: number;
    entry: string;
    leafHash: string;
  }): Promise<Integrity> => {
    if (!states.has(event.log)) states.set(event.log, stateOf(event.log));
    const state = await states.get(event.log);
    if (!state || leafHash(event.entry, state.head.alg) !== event.leafHash) return 'failed';

    const cp =
      state.checkpoint && event.index < state.checkpoint.size ? state.checkpoint : undefined;
    if (cp && !state.signed) return 'failed';

    const size = cp ? cp.size : state.head.size;
    const root = cp ? cp.root : state.head.root;
    try {
      const proof = await inclusionProofFor(ctx.db, state.head, event.index, size);
      const ok = verifyInclusion({
        leafHash: event.leafHash,
        index: event.index,
        size,
        proof,
        root,
        alg: state.head.alg,
      });
      if (!ok) return 'failed';
    } catch {
      return 'failed';
    }

    return cp ? 'checkpointed' : 'included';
  };
}
