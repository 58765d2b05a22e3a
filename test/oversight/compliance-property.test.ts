/**
 * Property: for any pattern of sending, returning and accepting (early, on the due date, late,
 * resent after a return, supplemented after acceptance, or never) and any "today", every cell
 * and total of the compliance view equals the day-by-day reference. Reports are written
 * straight into the table, as the compliance view only reads it; the reporting flow itself is
 * covered by compliance.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { complianceView } from '../../src/oversight/compliance.js';
import type { Viewer } from '../../src/records/record-access.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  type Happening,
  referenceCell,
  referenceDue,
  referenceTotals,
  shiftDays,
} from './compliance-reference.js';

const UNITS = ['410200', '410202', '410221', '410222'];
const PERIODS = ['2020Q3', '2020Q4', '2021Q1', '2021Q2'];
const reviewer = {
  user: { username: 'kf-reviewer' },
  holder: { adminRole: null, roles: [{ role: 'reviewer', unit: '410200' }] },
} as unknown as Viewer;

/** One quarter of one unit: when it was first sent (days from the due date), then what followed. */
const cellPattern = fc.record({
  first: fc.option(fc.integer({ min: -5, max: 60 }), { nil: null }),
  after: fc.array(fc.tuple(fc.constantFrom('return', 'accept', 'send'), fc.nat(20)), {
    maxLength: 4,
  }),
  draftAfter: fc.boolean(),
});

type Pattern = typeof cellPattern extends fc.Arbitrary<infer T> ? T : never;

/** The events of a pattern, each step made valid for the state it follows. */
function happenings(unit: string, period: string, pattern: Pattern): Happening[] {
  if (pattern.first === null) return [];

  let on = shiftDays(referenceDue(period), pattern.first);
  let state: Happening['kind'] = 'submit';
  const list: Happening[] = [{ unit, period, kind: 'submit', on }];
  for (const [wish, gap] of pattern.after) {
    on = shiftDays(on, gap);
    const kind: Happening['kind'] =
      state === 'submit' ? (wish === 'return' ? 'return' : 'accept') : 'submit';
    list.push({ unit, period, kind, on });
    state = kind;
  }

  return list;
}

describeEachEngine('compliance equals the calendar walk for any pattern', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const sys = await t.admin('sysadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
  });
  afterAll(() => t.close());

  async function store(
    all: Array<{ unit: string; period: string; pattern: Pattern }>,
    today: string,
  ) {
    const db = t.instance.ctx.db;
    await db.deleteFrom('reports').execute();
    for (const { unit, period, pattern } of all) {
      const events = happenings(unit, period, pattern).filter((h) => h.on <= today);
      const rows = versionsOf(unit, period, events);
      if (pattern.draftAfter) rows.push(draft(unit, period, rows.length + 1));
      if (rows.length) await db.insertInto('reports').values(rows).execute();
    }
  }

  it('for every cell and total', async () => {
    const runs = engine.name === 'sqlite' ? 60 : 20;
    await fc.assert(
      fc.asyncProperty(
        fc.array(cellPattern, { minLength: UNITS.length * PERIODS.length, maxLength: 16 }),
        fc.integer({ min: 0, max: 420 }),
        async (patterns, dayOffset) => {
          const today = shiftDays('2020-09-15', dayOffset);
          const cells = UNITS.flatMap((unit) => PERIODS.map((period) => ({ unit, period })));
          const all = cells.map((cell, i) => ({ ...cell, pattern: patterns[i]! }));
          await store(all, today);
          t.clock.set(`${today}T02:00:00Z`);

          const view = await complianceView(t.instance.ctx, reviewer, '410200', '2020Q3', '2021Q2');
          const events = all.flatMap((a) => happenings(a.unit, a.period, a.pattern));
          const past = events.filter((h) => h.on <= today);
          const want = [];
          for (const row of view.units.filter((r) => UNITS.includes(r.unit))) {
            for (const cell of row.cells) {
              const ref = referenceCell(row.unit, cell.period, past, today);
              expect({ status: cell.status, late: cell.late }).toEqual(ref);
              want.push(ref);
            }
          }
          // The other seven counties never report: missing once due, like the reference says.
          for (const row of view.units.filter((r) => !UNITS.includes(r.unit)))
            for (const cell of row.cells)
              want.push(referenceCell(row.unit, cell.period, [], today));
          expect(view.totals).toEqual(referenceTotals(want));
        },
      ),
      { numRuns: runs },
    );
  });
});

/** The report rows the events leave: one version per sending, its status what followed it. */
function versionsOf(unit: string, period: string, events: Happening[]) {
  const rows: Array<ReturnType<typeof draft>> = [];
  const due = referenceDue(period);
  for (const h of events) {
    if (h.kind === 'submit') {
      const late = Math.max(0, (Date.parse(h.on) - Date.parse(due)) / 86_400_000);
      rows.push({
        ...draft(unit, period, rows.length + 1),
        status: 'submitted',
        submitted_at: `${h.on}T02:00:00.000Z`,
        days_late: late,
      });
    } else {
      rows.at(-1)!.status = h.kind === 'return' ? 'returned' : 'accepted';
    }
  }

  return rows;
}

function draft(unit: string, period: string, version: number) {
  return {
    id: `${unit}-${period}-${version}`,
    unit,
    period,
    version,
    kind: version === 1 ? 'regular' : 'resubmission',
    status: 'draft',
    due: referenceDue(period),
    summary: '{}',
    ledger_digest: '',
    warnings: '{}',
    witness_gap_reason: null,
    compiled_at: '2020-01-01T00:00:00.000Z',
    compiled_by: 'test',
    seal: null,
    scan_sm3: null,
    scan_media_type: null,
    checkpoint: null,
    checkpoint_size: null,
    submitted_at: null as string | null,
    submitted_by: null,
    days_late: null as number | null,
    decided_at: null,
    decided_by: null,
    return_reason: null,
    integrity: null,
  };
}
