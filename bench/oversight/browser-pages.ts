/**
 * The pages that show the oversight figures, in Chromium against the benchmark's server
 * listening on a free port: the time from the start of navigation until the figures are on
 * screen (the page's own clock, checked every frame), against the same API call made alone
 * from the page (fetch and read the body). Chromium is launched as the E2E harness launches it
 * (test/e2e/browser.ts); the browser's cache is warm, as for a reviewer who used the app before.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type NationalDataSet, RANGE } from './national-dataset.js';
import type { ReviewerSession } from './reviewer-session.js';

export interface PageTiming {
  label: string;
  /** Median milliseconds from navigation to the figures on screen. */
  page: number;
  /** Median milliseconds of the page's API call made alone. */
  api: number;
  /** Where the median page load spent its time (see PageLoad). */
  load?: PageLoad;
  failure?: string;
}

/**
 * One page load in three parts, from the page's resource timing: until the page sends its API
 * request (loading and starting the app, the session, the chunk of the page), the request as
 * the page saw it, and from the answer to the figures on screen (parsing and rendering).
 */
export interface PageLoad {
  shown: number;
  requestStart: number;
  responseEnd: number;
}

export const CHROMIUM = process.env.LIUHEN_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The root's largest page can take a while on a slow machine; this is no goal, only a stop. */
const TIMEOUT_MS = 180_000;

interface PageSpec {
  label: string;
  session: ReviewerSession;
  path: string;
  api: string;
  /** Runs in the page: performance.now() once the figure `want` shows, else false. */
  shown: (want: number) => number | false;
  /** The figure to wait for, from the API's answer. */
  want: (answer: never) => number;
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** Precondition: chromiumAvailable(), and `app` serves the web app built by web-bundle.ts. */
export async function measurePages(
  app: FastifyInstance,
  data: NationalDataSet,
  sessions: { root: ReviewerSession; province: ReviewerSession },
  runs: number,
): Promise<PageTiming[]> {
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const timings: PageTiming[] = [];
    for (const spec of pageSpecs(data, sessions)) {
      timings.push(await measurePage(browser, origin, spec, runs));
    }

    return timings;
  } finally {
    await browser.close();
  }
}

function pageSpecs(
  data: NationalDataSet,
  sessions: { root: ReviewerSession; province: ReviewerSession },
): PageSpec[] {
  const range = `from=${RANGE.from}&to=${RANGE.to}`;
  const regions = [
    { label: `root ${data.root.code}`, code: data.root.code, session: sessions.root },
    {
      label: `province ${data.province.code}`,
      code: data.province.code,
      session: sessions.province,
    },
  ];

  return regions.flatMap(({ label, code, session }) => [
    {
      label: `/compliance, ${label}`,
      session,
      path: `/compliance?${range}&bureau=${code}`,
      api: `/api/v1/regions/${code}/compliance?${range}`,
      shown: complianceShown,
      want: (answer: { totals: { expected: number } }) => answer.totals.expected,
    },
    {
      label: `/analysis, ${label}`,
      session,
      path: `/analysis?unit=${code}&${range}`,
      api: `/api/v1/regions/${code}/analysis?${range}`,
      shown: analysisShown,
      want: (answer: { records: number }) => answer.records,
    },
  ]);
}

/** What the two predicates use of the page's DOM (bench/ is compiled without the DOM types). */
interface PageDocument {
  querySelector(selector: string): { textContent: string | null } | null;
}

// The predicates are sent to the page as source text: they may use nothing from this module.

/** The totals card shows the expected quarters, and the table its first cells. */
const complianceShown = (expected: number): number | false => {
  const page = (globalThis as unknown as { document: PageDocument }).document;
  const value = page.querySelector(
    '[data-testid="compliance-total-expected"] .ant-statistic-content-value',
  );
  const cell = page.querySelector(
    '[data-testid="compliance-table"] [data-testid^="compliance-cell-"]',
  );
  const shown = cell !== null && value?.textContent?.replace(/\D/g, '') === String(expected);

  return shown ? performance.now() : false;
};

/** The overview card shows the number of incidents. */
const analysisShown = (records: number): number | false => {
  const overview = (globalThis as unknown as { document: PageDocument }).document.querySelector(
    '[data-testid="analysis-overview"]',
  );
  const numbers = ` ${overview?.textContent?.replace(/,/g, '').replace(/\D+/g, ' ')} `;

  return overview && numbers.includes(` ${records} `) ? performance.now() : false;
};

async function measurePage(
  browser: Browser,
  origin: string,
  spec: PageSpec,
  runs: number,
): Promise<PageTiming> {
  const answer = await spec.session.get(spec.api);
  if (answer.status !== 200) {
    const failure = `its API answers ${answer.status} ${answer.body.slice(0, 100)}`;
    return { label: spec.label, page: Number.NaN, api: Number.NaN, failure };
  }

  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    await context.addCookies([{ ...spec.session.cookie, url: origin, httpOnly: true }]);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const want = spec.want(JSON.parse(answer.body) as never);
    const url = `${origin}${spec.path}`;
    // The first visit fills the cache with the app's bundle.
    await timeToFigures(page, url, spec, want);

    const loads: PageLoad[] = [];
    const apiTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      loads.push(await timeToFigures(page, url, spec, want));
      apiTimes.push(await apiCallAlone(page, spec.api));
    }
    const load = loads.sort((a, b) => a.shown - b.shown)[Math.floor(loads.length / 2)]!;

    return { label: spec.label, page: load.shown, api: middle(apiTimes), load };
  } finally {
    await context.close();
  }
}

async function timeToFigures(page: Page, url: string, spec: PageSpec, want: number) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(spec.shown, want, { polling: 'raf' });
  const shown = Number(await handle.jsonValue());
  const request = await page.evaluate(requestTiming, spec.api.split('?')[0]!);
  if (!request) throw new Error(`${spec.api}: got no resource timing for it, want one`);

  return { shown, ...request } satisfies PageLoad;
}

/** Runs in the page: when the last request to `path` started and its answer ended. */
const requestTiming = (path: string) => {
  const entry = performance
    .getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === path)
    .at(-1) as unknown as { startTime: number; responseEnd: number } | undefined;

  return entry ? { requestStart: entry.startTime, responseEnd: entry.responseEnd } : null;
};

async function apiCallAlone(page: Page, url: string): Promise<number> {
  const [status, ms] = await page.evaluate(async (address) => {
    const start = performance.now();
    const response = await fetch(address);
    await response.text();
    return [response.status, performance.now() - start] as const;
  }, url);
  if (status !== 200) throw new Error(`${url} from the page: got ${status}, want 200`);

  return ms;
}

function middle(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)]!;
}
