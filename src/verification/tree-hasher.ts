/**
 * Where a log's tree is hashed while it is verified: in this thread for a small log, in a
 * worker thread for a large one, so that hashing one batch of entries overlaps with reading
 * and checking the others (two threads). Either way tree-hashing.js does the hashing, and the
 * batches are answered in the order they were sent.
 */
import { Worker } from 'node:worker_threads';
import type { HashAlgorithm } from '../ledger/hash-algorithm.js';
import { BatchHasher, type HashedBatch, WORKER_MARK } from './tree-hashing.js';

export type { HashedBatch } from './tree-hashing.js';

/** Hashes a log's entries as consecutive leaves of its tree, one batch at a time. */
export interface TreeHasher {
  /**
   * Appends `entries` (their text, hashed as UTF-8) as the next leaves, and asks for the root
   * after each count in `rootsAfter`: counts of entries of this batch, ascending.
   */
  hash(entries: readonly string[], rootsAfter: readonly number[]): Promise<HashedBatch>;
  /** Stops the worker, if any. Pending batches are not answered. */
  close(): Promise<void>;
}

/**
 * A hasher for one log of `alg`. Starting a worker costs some tens of milliseconds, more than
 * hashing a small log: `inWorker` says whether this log is worth one.
 */
export function openTreeHasher(alg: HashAlgorithm, inWorker: boolean): TreeHasher {
  return inWorker ? new WorkerHasher(alg) : new LocalHasher(alg);
}

class LocalHasher implements TreeHasher {
  private readonly hasher: BatchHasher;
  private readonly arenas = new ArenaPool();

  constructor(alg: HashAlgorithm) {
    this.hasher = new BatchHasher(alg);
  }

  async hash(entries: readonly string[], rootsAfter: readonly number[]): Promise<HashedBatch> {
    const { arena, ends } = this.arenas.pack(entries);
    const hashed = this.hasher.hashBatch(arena, ends, rootsAfter);
    this.arenas.give(hashed.arena);

    return hashed;
  }

  async close(): Promise<void> {}
}

interface Waiting {
  resolve(hashed: HashedBatch): void;
  reject(error: unknown): void;
}

class WorkerHasher implements TreeHasher {
  private readonly worker: Worker;
  private readonly arenas = new ArenaPool();
  private readonly waiting: Waiting[] = [];
  private failure: unknown;

  constructor(alg: HashAlgorithm) {
    // No execArgv: the worker needs no TypeScript loader (tree-hashing.js is plain JavaScript),
    // and starts faster without the parent's.
    this.worker = new Worker(new URL('./tree-hashing.js', import.meta.url), {
      workerData: { mark: WORKER_MARK, alg },
      execArgv: [],
    });
    this.worker.on('message', (hashed: HashedBatch) => {
      this.arenas.give(hashed.arena);
      this.waiting.shift()?.resolve(hashed);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`tree hashing worker exited (${code})`)));
  }

  hash(entries: readonly string[], rootsAfter: readonly number[]): Promise<HashedBatch> {
    if (this.failure !== undefined) return Promise.reject(this.failure);

    const { arena, ends } = this.arenas.pack(entries);
    const answer = new Promise<HashedBatch>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
    // The arena moves to the worker, not copied; it comes back with the answer.
    this.worker.postMessage({ arena, ends, rootsAfter }, [arena, ends.buffer as ArrayBuffer]);

    return answer;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('tree hashing worker closed');
    await this.worker.terminate();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }
}

/**
 * Entries as UTF-8 in one buffer, each after the 0x00 leaf prefix (RFC 9162 §2.1.1), so that a
 * leaf hashes in place. The arenas are few and reused: two or three batches are in flight.
 */
class ArenaPool {
  private readonly spare: ArrayBuffer[] = [];

  pack(entries: readonly string[]): { arena: ArrayBuffer; ends: Uint32Array } {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    let capacity = 0;
    for (const entry of entries) capacity += 1 + 3 * entry.length;
    const spare = this.spare.pop();
    const arena = spare && spare.byteLength >= capacity ? spare : new ArrayBuffer(capacity);

    const bytes = Buffer.from(arena);
    const ends = new Uint32Array(entries.length);
    let at = 0;
    for (let i = 0; i < entries.length; i += 1) {
      bytes[at] = 0x00;
      at += 1 + bytes.write(entries[i]!, at + 1, 'utf8');
      ends[i] = at;
    }

    return { arena, ends };
  }

  give(arena: ArrayBuffer): void {
    this.spare.push(arena);
  }
}
