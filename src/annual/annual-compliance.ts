/**
 * The yearly regional summaries in the compliance view: for each bureau of a region and each
 * year, whether its 本地区汇总表 was sent, on time, is being prepared or is missing. Like the
 * quarters, lateness is judged on the first version sent; one query for every bureau and year.
 */
import { daysBetween } from '../calendar/beijing-time.js';
import type { Context } from '../platform/context.js';
import { readSettings } from '../settings/settings.js';
import type { AnnualStatus } from './annual-state.js';
import { annualDue, isBureau } from './annual-summary.js';

/**
 * `not-due`: nothing sent and the date has not passed; `missing`: nothing sent and it has;
 * `submitted`: a version was sent. `progress` says how far an unsent version has come.
 */
export type AnnualComplianceStatus = 'not-due' | 'missing' | 'submitted';

export interface AnnualComplianceCell {
  unit: string;
  name: string;
  year: number;
  due: string;
  status: AnnualComplianceStatus;
  /** The latest version not yet sent: draft, signed or sealed; null when there is none. */
  progress: AnnualStatus | null;
  late: boolean;
  /** Days the first sending was late, or for a missing summary the days overdue so far. */
  daysLate: number;
  firstSubmittedAt: string | null;
  /** The latest version sent, null when none was. */
  version: number | null;
}

interface BureauUnit {
  code: string;
  name: string;
  kind: string;
}

/** One cell per bureau and year, bureaus in the order given. */
export async function annualCompliance(
  ctx: Context,
  units: readonly BureauUnit[],
  years: readonly number[],
  today: string,
): Promise<AnnualComplianceCell[]> {
  const bureaus = units.filter((u) => isBureau(u.kind));
  if (bureaus.length === 0 || years.length === 0) return [];

  const settings = await readSettings(ctx);
  const rows = await ctx.db
    .selectFrom('annual_summaries')
    .select(['unit', 'year', 'version', 'status', 'due', 'submitted_at', 'days_late'])
    .where(
      'unit',
      'in',
      bureaus.map((b) => b.code),
    )
    .where('year', 'in', [...years])
    .orderBy('version')
    .execute();
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.unit}/${row.year}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }

  return years.flatMap((year) =>
    bureaus.map((b) => {
      const versions = byKey.get(`${b.code}/${year}`) ?? [];
      const sent = versions.filter((v) => v.submitted_at !== null);
      const unsent = versions.filter((v) => v.submitted_at === null).at(-1);
      const due = versions[0]?.due ?? annualDue(b.kind, year, settings);
      const base = { unit: b.code, name: b.name, year, due };
      const progress = (unsent?.status as AnnualStatus | undefined) ?? null;
      const first = sent[0];
      if (!first) {
        const overdue = daysBetween(due, today);
        return {
          ...base,
          status: overdue > 0 ? 'missing' : 'not-due',
          progress,
          late: overdue > 0,
          daysLate: Math.max(0, overdue),
          firstSubmittedAt: null,
          version: null,
        };
      }
      const daysLate = Number(first.days_late ?? 0);

      return {
        ...base,
        status: 'submitted',
        progress,
        late: daysLate > 0,
        daysLate,
        firstSubmittedAt: first.submitted_at,
        version: Number(sent.at(-1)!.version),
      };
    }),
  );
}

/** The years whose four quarters all lie within `from`..`to` (periods written 2020Q1). */
export function wholeYears(from: string, to: string): number[] {
  const first = Number(from.slice(0, 4)) + (from.endsWith('Q1') ? 0 : 1);
  const last = Number(to.slice(0, 4)) - (to.endsWith('Q4') ? 0 : 1);

  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
