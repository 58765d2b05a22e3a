/**
 * Clocks, memory peaks and the formatting of results. Benchmarks report numbers and the
 * ratios to their baselines; they never assert, because a timing depends on the machine.
 */
import { getHeapStatistics } from 'node:v8';

/**
 * Runs `work` and returns its result with the wall time it took and the CPU time this process
 * spent meanwhile, in milliseconds. CPU time is the steadier of the two on a busy machine, but
 * leaves out what a database server does for the process.
 */
export async function timed<T>(
  work: () => Promise<T> | T,
): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);

  return { value, ms, cpuMs: (user + system) / 1000 };
}

/**
 * The highest heap use seen by {@link MemoryPeak.sample}, and the process's peak resident set.
 * Heap use can only be sampled, so callers sample where the heap is at its fullest: right
 * after a batch of rows arrives, or every few thousand steps of a loop.
 */
export class MemoryPeak {
  private heap = 0;
  /** The resident set before the work: Node, the loader and the modules, for scale. */
  private readonly rssStart = process.memoryUsage.rss();

  sample(): void {
    // Not process.memoryUsage(): it also reads the RSS from the kernel, 0.2 ms a call.
    const { used_heap_size: used } = getHeapStatistics();
    if (used > this.heap) this.heap = used;
  }

  /** Peak heap sampled, and peak RSS as the kernel counted it since the process started. */
  result(): MemoryUse {
    this.sample();

    return {
      heapPeak: this.heap,
      rssPeak: process.resourceUsage().maxRSS * 1024,
      rssStart: this.rssStart,
    };
  }
}

export interface MemoryUse {
  heapPeak: number;
  rssPeak: number;
  rssStart: number;
}

export function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

export function formatRate(perSec: number, unit: string): string {
  return `${Math.round(perSec).toLocaleString('en-US')} ${unit}/s`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/** `value / baseline` to two decimals, with the goal it is held against. */
export function formatRatio(value: number, baseline: number, goal: string): string {
  return `${(value / baseline).toFixed(2)}× (goal ${goal})`;
}

/** Prints `label … value` lines, indented by `indent`, with the labels padded into a column. */
export function printRows(rows: readonly (readonly [string, string])[], indent = 2): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) {
    console.log(`${' '.repeat(indent)}${label.padEnd(width)}  ${value}`);
  }
}
