/**
 * Persons recorded more than once in a region: in several quarters, by several units, or
 * several times in one quarter. These are the cadres a bureau above watches and refers.
 *
 * Who is one person: interferer ids are kept per recording unit (records/interferers.ts), so
 * across units this matches by the name as nameKey normalises it, the same rule a unit's own
 * registry uses. Two different people of one name in a region are then one row; the row lists
 * every post the records give, so a reviewer sees 「县发改委主任」 beside 「某镇党委书记」 and
 * can tell them apart. Matching by post as well was rejected: posts are free text and change
 * with promotions, and a missed repeat is invisible while a false one is shown for checking.
 */
import { nameKey } from '../records/interferers.js';
import { type AnalysedRecord, groupBy } from './analysis-counts.js';

export interface RepeatedPerson {
  /** As their latest record writes it. */
  name: string;
  /** Every post the records give, latest first. */
  posts: string[];
  /** The 「干预人员」 row of their latest record. */
  level: string;
  records: number;
  quarters: string[];
  units: string[];
  acrossQuarters: boolean;
  acrossUnits: boolean;
  /** For opening the records; every listing of them is logged (see region-analysis.ts). */
  recordIds: string[];
}

/**
 * Every person with two or more of `records`, most records first, then most units and
 * quarters, then by name; at most `limit` of them beside the total.
 */
export function repeatedPersons(
  records: readonly AnalysedRecord[],
  limit = 100,
): { total: number; persons: RepeatedPerson[] } {
  const people = [...groupBy(records, (r) => nameKey(r.interferer.name)).values()]
    .filter((group) => group.length > 1)
    .map(personOf)
    .sort(
      (a, b) =>
        b.records - a.records ||
        b.units.length - a.units.length ||
        b.quarters.length - a.quarters.length ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );

  return { total: people.length, persons: people.slice(0, limit) };
}

function personOf(group: AnalysedRecord[]): RepeatedPerson {
  const newestFirst = [...group].sort((a, b) => laterFirst(a.summary, b.summary));
  const latest = newestFirst[0]!;
  const quarters = distinctSorted(group.map((r) => r.period));
  const units = distinctSorted(group.map((r) => r.unit));

  return {
    name: latest.interferer.name,
    posts: [...new Set(newestFirst.map((r) => r.interferer.post))],
    level: latest.levelRow,
    records: group.length,
    quarters,
    units,
    acrossQuarters: quarters.length > 1,
    acrossUnits: units.length > 1,
    recordIds: newestFirst.map((r) => r.summary.id),
  };
}

// The order computeSummary uses for "latest": occurredAt, then record id.
function laterFirst(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }) {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt > b.occurredAt ? -1 : 1;

  return a.id > b.id ? -1 : 1;
}

function distinctSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
