/**
 * (b) Full verification of a large log against a bare loop hashing the same bytes.
 *
 * `liuhen verify` must recompute every leaf and every node of every log; on a province's
 * instance a unit's log reaches millions of entries. The goal is that `verifyLog` costs at
 * most twice the bare hashing of the same entries with the same algorithm: everything it does
 * beyond hashing (reading rows, comparing nodes, checking checkpoints) should stay small.
 *
 * `verifyLog` runs on two threads for a log this size (WORKER_FROM entries or more): it hashes
 * in a worker while the main thread reads and checks; the bare loop runs on one. The CPU ratio counts both threads.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HASH_ALGORITHM } from '../../src/ledger/hash-algorithm.js';
import { WORKER_FROM } from '../../src/verification/log-rebuild.js';
import type { BenchTarget } from '../bench-instance.js';
import { formatBytes, formatMs, formatRatio, printRows, timed } from '../measure.js';
import { loadSyntheticLog } from './synthetic-log.js';
import type { VerificationRun } from './verification-run.js';

/** A unit code of its own, so the log reads like a county's. */
const LOG_ID = '410299';
/** Each side runs this many times, alternating; the best run counts, as the least disturbed. */
const ROUNDS = 2;

const RUNNER = fileURLToPath(new URL('./verification-run.ts', import.meta.url));

type Side = 'verify' | 'bare';

export async function benchFullVerification(
  targets: readonly BenchTarget[],
  size: number,
): Promise<void> {
  console.log(
    `\n(b) full verification of a ${size.toLocaleString('en-US')}-entry log, ${DEFAULT_HASH_ALGORITHM}`,
  );
  const loading = await timed(() =>
    loadSyntheticLog(targets, LOG_ID, size, DEFAULT_HASH_ALGORITHM),
  );
  printRows([
    [`loading ${targets.map((t) => t.engine).join(' and ')} (not measured)`, formatMs(loading.ms)],
  ]);

  for (const [i, target] of targets.entries()) {
    console.log(`  ${target.engine}`);
    const runs = await alternate(target.database.url);
    printRows(describe(runs, loading.value[i]!.root), 4);
  }
}

/** Runs both sides ROUNDS times, alternating, each in a fresh process of its own. */
async function alternate(url: string): Promise<Record<Side, VerificationRun[]>> {
  const runs: Record<Side, VerificationRun[]> = { verify: [], bare: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const side of ['verify', 'bare'] as const) runs[side].push(await runSide(side, url));
  }

  return runs;
}

function describe(
  runs: Record<Side, VerificationRun[]>,
  checkpointRoot: string,
): [string, string][] {
  const [verify, bare] = [best(runs.verify), best(runs.bare)];
  const oneShot = best(runs.bare.map((run) => run.oneShot!));
  const rootCheck =
    bare.outcome === checkpointRoot
      ? 'root matches the checkpoint'
      : 'ROOT DIFFERS from the checkpoint';

  return [
    [
      `verifyLog, ${threads(verify.size)}`,
      `${timing(verify)}; ${verify.size.toLocaleString('en-US')} entries, ${verify.outcome}`,
    ],
    ['bare loop, createHash per hash, 1 thread', `${timing(bare)}; ${rootCheck}`],
    ['ratio verifyLog / bare (wall)', formatRatio(verify.ms, bare.ms, '≤ 2×')],
    [
      'ratio verifyLog / bare (CPU of the process, all threads)',
      formatRatio(verify.cpuMs, bare.cpuMs, '≤ 2×'),
    ],
    ['bare loop, one-shot crypto.hash (for information)', timing(oneShot)],
    ['ratio verifyLog / one-shot bare loop (wall)', `${(verify.ms / oneShot.ms).toFixed(2)}×`],
    ['memory verifyLog', memory(runs.verify)],
    [
      'memory bare loop',
      `${memory(runs.bare)}, of which entries held ${formatBytes(bare.heldBytes ?? 0)}`,
    ],
  ];
}

/** How verifyLog ran: log-rebuild.ts hashes a large log in a worker when there are 2 CPUs. */
function threads(size: number): string {
  return size >= WORKER_FROM && availableParallelism() > 1
    ? '2 threads (hashing in a worker)'
    : '1 thread';
}

/** The fastest run by wall time. */
function best<T extends { ms: number }>(runs: readonly T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

function timing(run: { ms: number; cpuMs: number }): string {
  return `${formatMs(run.ms)} (CPU ${formatMs(run.cpuMs)})`;
}

/** The highest peaks over all runs of a side. */
function memory(runs: readonly VerificationRun[]): string {
  const heap = Math.max(...runs.map((r) => r.memory.heapPeak));
  const rss = Math.max(...runs.map((r) => r.memory.rssPeak));

  const start = Math.min(...runs.map((r) => r.memory.rssStart));

  return `heap peak ${formatBytes(heap)}, RSS peak ${formatBytes(rss)} (${formatBytes(start)} at start)`;
}

function runSide(side: Side, url: string): Promise<VerificationRun> {
  // The parent's own flags carry the TypeScript loader (tsx) into the child.
  const child = spawn(process.execPath, [...process.execArgv, RUNNER, side, url, LOG_ID], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (data: Buffer) => {
    out += data.toString('utf8');
  });

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!) as VerificationRun);
      else reject(new Error(`verification-run.ts ${side} exited with ${code}`));
    });
  });
}
