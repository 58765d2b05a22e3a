/**
 * Rule versions (2017, 2023) with their interference situations (干预情形), the mapping from
 * the situations of older versions to those of the newest, and the holiday table.
 */
import { api } from '../api/client';

export interface Situation {
  /** `2017-6`: version and item number. */
  id: string;
  item: number;
  /** How the form numbers it: (一)…(七) for 2017, 1.…4. for 2023. */
  label: string;
  text: string;
}

export interface RuleVersion {
  id: string;
  name: string;
  /** Beijing calendar date, YYYY-MM-DD. */
  effectiveFrom: string;
  situations: Situation[];
}

export interface SituationLink {
  from: string;
  to: string;
}

export interface Rules {
  versions: RuleVersion[];
  mapping: SituationLink[];
}

export interface Holiday {
  date: string;
  name: string;
  /** True: a weekend day made a working day (调休上班); false: a day off. */
  workday: boolean;
}

export const rulesApi = {
  read: () => api.get<Rules>('/rules'),
  setEffectiveFrom: (id: string, effectiveFrom: string) =>
    api.put<Rules>(`/rules/versions/${encodeURIComponent(id)}`, { effectiveFrom }),
  setMapping: (mapping: SituationLink[]) => api.put<Rules>('/rules/mapping', mapping),
};

export const holidaysApi = {
  list: async (year: number) =>
    (await api.get<{ holidays: Holiday[] }>('/holidays', { year })).holidays,
  put: (holiday: Holiday) =>
    api.put<Holiday>(`/holidays/${holiday.date}`, { name: holiday.name, workday: holiday.workday }),
  remove: (date: string) => api.delete(`/holidays/${date}`),
};

/** Versions from the oldest to the newest effective date. */
export function byEffectiveDate(versions: RuleVersion[]): RuleVersion[] {
  return [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}
