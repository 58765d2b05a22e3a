/**
 * `npm run bench -- [suite]`: runs one benchmark suite, or all of them without an argument.
 * Benchmarks print what they measured and the ratio to their baseline; they exit 0 whatever
 * the numbers, because a timing says as much about the machine as about the code.
 */
import os from 'node:os';
import { benchDocuments } from './documents/documents-bench.js';
import { benchLedger } from './ledger/ledger-bench.js';
import { benchOversight } from './oversight/oversight-bench.js';

const SUITES: Record<string, () => Promise<void>> = {
  ledger: () => benchLedger(),
  documents: () => benchDocuments(),
  oversight: () => benchOversight(),
};

async function main(name: string | undefined): Promise<void> {
  if (name !== undefined && !(name in SUITES)) {
    console.error(
      `unknown benchmark ${JSON.stringify(name)}: want one of ${Object.keys(SUITES).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }

  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
  for (const [suite, run] of Object.entries(SUITES)) {
    if (name === undefined || name === suite) await run();
  }
}

await main(process.argv[2]);
