/**
 * `npm run bench -- oversight`: the regional summary and the compliance view of a national
 * data set (3,000 reporting units, 40 quarters, about 500,000 records), for the root and for
 * the largest province, through the API against one hand-written SQL query computing the same
 * figures (bare-oversight.ts), in the same run, on SQLite and on PostgreSQL; then the pages
 * that show them, in Chromium, against the API call alone. Goals: the API within 2× of the
 * bare query, the page within 2× of the API call. The API's figures and the bare query's are
 * checked to agree before anything is timed.
 *
 * Environment: LIUHEN_BENCH_SCALE (0.05 for a quick run; 1 by default), LIUHEN_BENCH_PG_URL or
 * LIUHEN_TEST_PG_URL (a PostgreSQL role that may create databases; without it SQLite only),
 * LIUHEN_CHROMIUM (default /usr/bin/chromium), LIUHEN_BENCH_PROTOTYPE=1 to also measure the
 * prototype of the proposed summary fix (prototype-region-summary.ts).
 */
import os from 'node:os';
import { regionSummary } from '../../src/analysis/region-summary.js';
import { beijingDate } from '../../src/calendar/beijing-time.js';
import { parsePeriod, periodDates } from '../../src/calendar/period.js';
import { quartersBetween } from '../../src/documents/regional-summary.js';
import { dueDates } from '../../src/oversight/compliance.js';
import type { Context } from '../../src/platform/context.js';
import { buildServer } from '../../src/platform/http/server.js';
import { defaultLevels, provinceLevels } from '../../src/reports/summary-rows.js';
import { readSettings } from '../../src/settings/settings.js';
import type { BenchTarget } from '../bench-instance.js';
import { describeDatabase, type EngineName } from '../engines.js';
import { formatMs, formatRatio, printRows } from '../measure.js';
import { bareCompliance, bareRegionSummary } from './bare-oversight.js';
import {
  CHROMIUM,
  chromiumAvailable,
  measurePages,
  type PageLoad,
  type PageTiming,
} from './browser-pages.js';
import { checkCompliance, checkSummary } from './figure-check.js';
import {
  BENCH_NOW,
  type NationalDataSet,
  RANGE,
  REVIEWER_PASSWORD,
  writeNationalDataSet,
} from './national-dataset.js';
import { openOversightTarget } from './oversight-instance.js';
import { prototypeRegionSummary } from './prototype-region-summary.js';
import { type ApiAnswer, ReviewerSession } from './reviewer-session.js';
import { buildWebBundle } from './web-bundle.js';

/** Each side runs this many times, alternating, after one warm-up; the median counts. */
const RUNS = 5;

export async function benchOversight(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const scale = Number(env.LIUHEN_BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`LIUHEN_BENCH_SCALE: got ${scale}, want (0, 1]`);

  const pgUrl = env.LIUHEN_BENCH_PG_URL || env.LIUHEN_TEST_PG_URL;
  const prototype = env.LIUHEN_BENCH_PROTOTYPE === '1';
  const engines: EngineName[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  console.log(`\noversight: national data set at scale ${scale}, ${RANGE.from}–${RANGE.to}`);
  console.log(`  the instance's clock stands at ${BENCH_NOW.toISOString()}: every quarter is due`);
  if (!pgUrl) console.log('  PostgreSQL skipped: set LIUHEN_BENCH_PG_URL or LIUHEN_TEST_PG_URL.');

  if (!chromiumAvailable()) console.log(`  Pages not measured: no Chromium at ${CHROMIUM}.`);

  const web = chromiumAvailable() ? buildWebBundle() : null;
  try {
    if (web) console.log(`  web app built for the run in ${formatMs(web.ms)}`);
    for (const engine of engines) {
      const benchEnv = { ...env, LIUHEN_BENCH_PG_URL: pgUrl };
      const target = await openOversightTarget(engine, benchEnv, web?.dir ?? '/nonexistent');
      try {
        await benchEngine(target, scale, { pages: web !== null, prototype });
      } finally {
        await target.close();
      }
    }
  } finally {
    web?.remove();
  }
}

async function benchEngine(
  target: BenchTarget,
  scale: number,
  { pages, prototype }: { pages: boolean; prototype: boolean },
): Promise<void> {
  const { ctx } = target.instance;
  console.log(`\n  ${target.engine}: ${describeDatabase(target.database)}`);
  // Timings on a shared machine say as much about its load as about the code.
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`    load average ${load} on ${os.cpus().length} CPUs when the engine started`);
  const data = await writeNationalDataSet(ctx, scale);
  printDataSet(data);

  const app = await buildServer(ctx);
  try {
    const sessions = {
      root: await ReviewerSession.signIn(app, data.reviewers.root, REVIEWER_PASSWORD),
      province: await ReviewerSession.signIn(app, data.reviewers.province, REVIEWER_PASSWORD),
    };
    const regions = [
      { label: `root ${data.root.code}`, code: data.root.code, session: sessions.root },
      {
        label: `province ${data.province.code} (${data.provinceUnits} units)`,
        code: data.province.code,
        session: sessions.province,
      },
    ];
    const measured: Measured[] = [];
    for (const region of regions) {
      measured.push(await measureView(summaryView(ctx, region), prototype));
      measured.push(await measureView(complianceView(ctx, region), prototype));
    }
    printMeasured(measured);

    if (pages) printPages(await measurePages(app, data, sessions, RUNS));
  } finally {
    await app.close();
  }
}

interface View {
  label: string;
  api: () => Promise<ApiAnswer>;
  bare: () => Promise<unknown[]>;
  /** Throws unless the API's answer and the bare rows hold the same figures. */
  check: (api: unknown, bare: unknown[]) => void;
  /** The service called directly: when the API fails, its error says why. */
  direct?: () => Promise<unknown>;
  /** The prototype of a proposed fix, answering the same JSON (prototype-region-summary.ts). */
  prototype?: () => Promise<string>;
}

interface Region {
  label: string;
  code: string;
  session: ReviewerSession;
}

function summaryView(ctx: Context, region: Region): View {
  const url = `/api/v1/regions/${region.code}/summary?from=${RANGE.from}&to=${RANGE.to}`;
  const request = { region: region.code, ...RANGE, included: 'accepted' as const };

  return {
    label: `summary, ${region.label}`,
    api: () => region.session.get(url),
    bare: async () =>
      bareRegionSummary(ctx.db, ctx.engine, {
        region: region.code,
        ...RANGE,
        toEnd: periodDates(parsePeriod(RANGE.to)!).end,
        statuses: ['accepted'],
        levels: (await readSettings(ctx)).provinceLevels ? provinceLevels : defaultLevels,
      }),
    check: (api, bare) => checkSummary(`summary of ${region.code}`, api as never, bare as never),
    direct: () => regionSummary(ctx, request),
    prototype: async () => JSON.stringify(await prototypeRegionSummary(ctx, request)),
  };
}

function complianceView(ctx: Context, region: Region): View {
  const url = `/api/v1/regions/${region.code}/compliance?from=${RANGE.from}&to=${RANGE.to}`;

  return {
    label: `compliance, ${region.label}`,
    api: () => region.session.get(url),
    bare: async () => {
      const periods = quartersBetween(RANGE.from, RANGE.to);
      const dues = await dueDates(ctx, periods);
      const quarters = periods.map((period) => ({ period, due: dues.get(period)! }));
      const today = beijingDate(BENCH_NOW);
      return bareCompliance(ctx.db, ctx.engine, { region: region.code, ...RANGE, quarters, today });
    },
    check: (api, bare) =>
      checkCompliance(`compliance of ${region.code}`, api as never, bare as never),
  };
}

interface Measured {
  label: string;
  api: number;
  bare: number;
  bytes: number;
  /** The prototype of the proposed fix, when measured (LIUHEN_BENCH_PROTOTYPE=1). */
  prototype?: number;
  /** Why the API gave no figures, when it did not. */
  failure?: string;
}

async function measureView(view: View, withPrototype: boolean): Promise<Measured> {
  const first = await view.api();
  const bareRows = await view.bare();
  const failure = first.status === 200 ? undefined : await why(view, first);
  if (!failure) view.check(JSON.parse(first.body), bareRows);
  const prototype = withPrototype ? view.prototype : undefined;
  if (prototype) view.check(JSON.parse(await prototype()), bareRows);

  const times = { api: [] as number[], bare: [] as number[], prototype: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    if (!failure) times.api.push(await clock(view.api));
    times.bare.push(await clock(view.bare));
    if (prototype) times.prototype.push(await clock(prototype));
  }

  return {
    label: view.label,
    api: failure ? Number.NaN : middle(times.api),
    bare: middle(times.bare),
    bytes: first.body.length,
    ...(prototype ? { prototype: middle(times.prototype) } : {}),
    ...(failure ? { failure } : {}),
  };
}

async function why(view: View, answer: ApiAnswer): Promise<string> {
  const said = `${answer.status} ${answer.body.slice(0, 120)}`;
  try {
    await view.direct?.();
    return said;
  } catch (error) {
    return `${said}; the service threw: ${(error as Error).message.slice(0, 160)}`;
  }
}

async function clock(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();

  return performance.now() - start;
}

function middle(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)]!;
}

function printDataSet(data: NationalDataSet): void {
  const n = (value: number) => value.toLocaleString('en-US');
  printRows(
    [
      [
        'reporting units',
        `${n(data.reportingUnits)} (province ${data.province.code}: ${n(data.provinceUnits)})`,
      ],
      ['records', n(data.rows.records)],
      ['reports (versions)', n(data.rows.reports)],
      ['listed records', n(data.rows.reportRecords)],
      ['generated in', formatMs(data.ms)],
    ],
    4,
  );
}

function printMeasured(measured: readonly Measured[]): void {
  for (const m of measured) {
    console.log(`    ${m.label}`);
    const rows: Array<[string, string]> = m.failure
      ? [
          ['API', `failed: ${m.failure}`],
          ['bare query', formatMs(m.bare)],
        ]
      : [
          ['API', `${formatMs(m.api)}, ${kib(m.bytes)} of JSON`],
          ['bare query', formatMs(m.bare)],
          ['ratio', formatRatio(m.api, m.bare, '≤ 2×')],
        ];
    if (m.prototype !== undefined) {
      const ratio = formatRatio(m.prototype, m.bare, '≤ 2×');
      rows.push(['prototype fix', `${formatMs(m.prototype)}, ratio ${ratio}`]);
    }
    printRows(rows, 6);
  }
}

function printPages(pages: readonly PageTiming[]): void {
  for (const p of pages) {
    console.log(`    Chromium, ${p.label}`);
    const rows: Array<[string, string]> = p.failure
      ? [['page', `not measured: ${p.failure}`]]
      : [
          ['page shows figures', `${formatMs(p.page)} (${loadParts(p.load!)})`],
          ['API call alone', formatMs(p.api)],
          ['ratio', formatRatio(p.page, p.api, '≤ 2×')],
        ];
    printRows(rows, 6);
  }
}

/** The three parts of a page load (browser-pages.ts, PageLoad). */
function loadParts(load: PageLoad): string {
  const request = load.responseEnd - load.requestStart;
  const parts = [
    `${formatMs(load.requestStart)} to the API request`,
    `${formatMs(request)} in it`,
    `${formatMs(load.shown - load.responseEnd)} to render`,
  ];

  return parts.join(', ');
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`;
}
