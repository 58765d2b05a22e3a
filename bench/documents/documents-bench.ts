/**
 * `npm run bench -- documents`: exporting a ledger of 10,000 records (LIUHEN_BENCH_RECORDS
 * changes it) to .xlsx and .pdf, each against its library alone writing the same content
 * (bare-documents.ts), in the same run. Goal: within 1.5× of the bare time.
 */
import { renderLedgerPdf } from '../../src/documents/ledger-pdf.js';
import { renderLedgerXlsx } from '../../src/documents/ledger-xlsx.js';
import { formatBytes, formatMs, formatRatio, MemoryPeak, printRows, timed } from '../measure.js';
import { bareLedgerPdf, bareLedgerXlsx } from './bare-documents.js';
import { syntheticLedger } from './synthetic-ledger.js';

/** Each side runs this many times, alternating, and the fastest run counts. */
const RUNS = 3;

export async function benchDocuments(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const count = Number(env.LIUHEN_BENCH_RECORDS ?? 10_000);
  const doc = syntheticLedger(count);
  console.log(`\ndocuments: a ledger of ${count.toLocaleString('en-US')} records`);

  // Warm up both libraries and the font cache on a small ledger first.
  const warm = syntheticLedger(50);
  await Promise.all([renderLedgerXlsx(warm), bareLedgerXlsx(warm)]);
  await renderLedgerPdf(warm);
  await bareLedgerPdf(warm);

  await compare(
    'xlsx',
    () => renderLedgerXlsx(doc),
    () => bareLedgerXlsx(doc),
  );
  await compare(
    'pdf',
    () => renderLedgerPdf(doc),
    () => bareLedgerPdf(doc),
  );
}

async function compare(
  format: string,
  render: () => Promise<Uint8Array>,
  bare: () => Promise<Uint8Array>,
): Promise<void> {
  const best = { render: Number.POSITIVE_INFINITY, bare: Number.POSITIVE_INFINITY };
  const size = { render: 0, bare: 0 };
  const memory = new MemoryPeak();
  for (let run = 0; run < RUNS; run += 1) {
    const rendered = await timed(render);
    memory.sample();
    const baseline = await timed(bare);
    best.render = Math.min(best.render, rendered.ms);
    best.bare = Math.min(best.bare, baseline.ms);
    size.render = rendered.value.length;
    size.bare = baseline.value.length;
  }

  console.log(`  ${format}`);
  printRows(
    [
      ['Liuhen export', `${formatMs(best.render)}, ${kib(size.render)}`],
      [
        `bare ${format === 'xlsx' ? 'exceljs' : 'pdf-lib'}`,
        `${formatMs(best.bare)}, ${kib(size.bare)}`,
      ],
      ['ratio', formatRatio(best.render, best.bare, '≤ 1.5×')],
      ['heap peak', formatBytes(memory.result().heapPeak)],
    ],
    4,
  );
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}
