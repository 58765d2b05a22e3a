/** Units (单位) as the API returns them, their kinds in Chinese, and their tree by `parent`. */
import { api } from '../api/client';

export const unitKinds = ['province', 'city', 'county', 'office', 'affiliate', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  reportsTo: string | null;
  active: boolean;
}

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string | null;
  reportsTo?: string | null;
}

export type UnitPatch = Partial<Omit<UnitInput, 'code'>> & { active?: boolean };

export const unitKindNames: Record<UnitKind, string> = {
  province: '省级统计局',
  city: '市级统计局',
  county: '县级统计局',
  office: '内设机构',
  affiliate: '局属单位',
  other: '其他',
};

export const unitKindColors: Record<UnitKind, string> = {
  province: 'red',
  city: 'volcano',
  county: 'orange',
  office: 'blue',
  affiliate: 'cyan',
  other: 'default',
};

export interface ImportAnswer {
  imported: Unit[];
  dryRun: boolean;
}

export const unitsApi = {
  list: async () => (await api.get<{ units: Unit[] }>('/units')).units,
  create: (input: UnitInput) => api.post<Unit>('/units', input),
  update: (code: string, patch: UnitPatch) =>
    api.patch<Unit>(`/units/${encodeURIComponent(code)}`, patch),
  import: (format: 'csv' | 'json', content: string, dryRun: boolean) =>
    api.post<ImportAnswer>('/units/import', { format, content, dryRun }),
  loadKaifengPreset: () => api.post<ImportAnswer>('/units/presets/kaifeng'),
};

export interface UnitNode extends Unit {
  children?: UnitNode[];
}

/** Arranges units as a forest by `parent`; a unit whose parent is unknown becomes a root. */
export function unitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.code, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent ? nodes.get(node.parent) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), node];
    else roots.push(node);
  }

  return roots;
}

/** The unit's name for display, falling back to its code when the unit is not known. */
export function unitName(units: Map<string, Unit>, code: string | null): string {
  if (!code) return '—';

  return units.get(code)?.name ?? code;
}

/** Options for a Select that picks a unit by name or code. */
export function unitOptions(units: Unit[], filter: (unit: Unit) => boolean = () => true) {
  return units
    .filter(filter)
    .map((u) => ({ value: u.code, label: `${u.name}（${u.code}）`, disabled: !u.active }));
}
