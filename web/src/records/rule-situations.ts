/**
 * Which rule version applies to a record, and how its situation reads. The version in force on
 * a date is the latest whose effective date is on or before it (domain README §2); a record
 * keeps the version of its 干预时间 for good.
 */
import { byEffectiveDate, type RuleVersion, type Situation } from '../rules/rules';

/** The version in force on `date` (YYYY-MM-DD), or undefined before the first one. */
export function versionInForce(versions: RuleVersion[], date: string): RuleVersion | undefined {
  return byEffectiveDate(versions)
    .filter((version) => version.effectiveFrom <= date)
    .at(-1);
}

/** Every situation of every version by its id (`2017-6`). */
export function situationsById(versions: RuleVersion[]): Map<string, Situation> {
  return new Map(versions.flatMap((v) => v.situations.map((s) => [s.id, s] as const)));
}

/** `(六)` for `2017-6`, or the id itself when the rules are not loaded. */
export function situationLabel(situations: Map<string, Situation>, id: string): string {
  return situations.get(id)?.label ?? id;
}

/** Options for a filter: every situation, grouped by version. */
export function situationFilterOptions(versions: RuleVersion[]) {
  return byEffectiveDate(versions).map((version) => ({
    label: `${version.id} 版`,
    title: version.name,
    options: version.situations.map((s) => ({
      value: s.id,
      label: `${version.id} ${s.label} ${s.text}`,
    })),
  }));
}
