/**
 * The region analysis as the API returns it (`GET /api/v1/regions/{unit}/analysis`), and the
 * filters as they live in the page's address: every choice is a query parameter, lists
 * comma-separated, so a view can be sent to a colleague as a link.
 */
import { api } from '../api/client';
import { lastFinishedQuarter, parseQuarter, previousQuarter } from '../reports/quarters';

export interface RegionAnalysis {
  region: { code: string; name: string };
  from: string;
  to: string;
  included: 'accepted' | 'submitted';
  regionUnits: Array<{ code: string; name: string }>;
  ruleVersion: { id: string; situations: Array<{ id: string; label: string; text: string }> };
  records: number;
  persons: number;
  byQuarter: Array<{ period: string; records: number; persons: number }>;
  bySituation: Array<{ id: string; label: string; text: string; records: number }>;
  byForm: Array<{ row: string; label: string; records: number }>;
  byLevel: Array<{ level: string; label: string; records: number; persons: number }>;
  byUnit: Array<{ code: string; name: string; records: number; persons: number }>;
  topIndicators: Array<{ name: string; records: number }>;
  repeatedPersons: { total: number; persons: RepeatedPerson[] };
}

export interface RepeatedPerson {
  name: string;
  posts: string[];
  level: string;
  records: number;
  quarters: string[];
  units: string[];
  acrossQuarters: boolean;
  acrossUnits: boolean;
  recordIds: string[];
}

export interface AnalysisFilters {
  region: string;
  from: string;
  to: string;
  /** Also count versions sent and awaiting a decision. */
  submitted: boolean;
  units: string[];
  levels: string[];
  forms: string[];
  situations: string[];
}

export const LIST_KEYS = ['units', 'levels', 'forms', 'situations'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export const analysisApi = {
  get: (filters: AnalysisFilters) =>
    api.get<RegionAnalysis>(`/regions/${encodeURIComponent(filters.region)}/analysis`, {
      from: filters.from,
      to: filters.to,
      include: filters.submitted ? 'submitted' : undefined,
      ...Object.fromEntries(LIST_KEYS.map((key) => [key, filters[key].join(',') || undefined])),
    }),
};

/** The last four quarters that have ended: the year a reviewer usually looks back on. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const to = lastFinishedQuarter(now);
  const from = previousQuarter(previousQuarter(previousQuarter(to)));

  return { from, to };
}

/** Reads the filters from the address, falling back to the defaults for what is missing. */
export function filtersFrom(params: URLSearchParams, regions: string[]): AnalysisFilters {
  const range = defaultRange();
  const quarter = (key: 'from' | 'to') => {
    const value = params.get(key) ?? '';
    return parseQuarter(value) ? value : range[key];
  };
  const list = (key: ListKey) => (params.get(key) ?? '').split(',').filter((v) => v !== '');
  const region = params.get('unit') ?? '';

  return {
    region: regions.includes(region) ? region : (regions[0] ?? ''),
    from: quarter('from'),
    to: quarter('to'),
    submitted: params.get('include') === 'submitted',
    units: list('units'),
    levels: list('levels'),
    forms: list('forms'),
    situations: list('situations'),
  };
}

/** The address of a view: every filter spelled out, so the link shows the same view. */
export function paramsOf(filters: AnalysisFilters): URLSearchParams {
  const params = new URLSearchParams({ unit: filters.region, from: filters.from, to: filters.to });
  if (filters.submitted) params.set('include', 'submitted');
  for (const key of LIST_KEYS) if (filters[key].length) params.set(key, filters[key].join(','));

  return params;
}
