/**
 * The Kaifeng preset: the province bureau, the city bureau with the offices the notice names,
 * and the city's counties and districts, with their administrative division codes (domain
 * README §3). Office codes extend the bureau's code so they sort beside it.
 */
import type { UnitInput } from './unit-schema.js';

const counties: Array<[string, string]> = [
  ['410202', '龙亭区统计局'],
  ['410203', '顺河回族区统计局'],
  ['410204', '鼓楼区统计局'],
  ['410205', '禹王台区统计局'],
  ['410212', '祥符区统计局'],
  ['410221', '杞县统计局'],
  ['410222', '通许县统计局'],
  ['410223', '尉氏县统计局'],
  ['410225', '兰考县统计局'],
];

const cityOffices: Array<[string, string]> = [
  ['410200-01', '办公室'],
  ['410200-02', '法规科'],
  ['410200-03', '综合科'],
  ['410200-04', '工业交通科'],
  ['410200-05', '农村科'],
];

export const kaifengPreset: UnitInput[] = [
  { code: '410000', name: '河南省统计局', kind: 'province', parent: null },
  { code: '410200', name: '开封市统计局', kind: 'city', parent: '410000' },
  ...cityOffices.map(([code, name]) => ({ code, name, kind: 'office' as const, parent: '410200' })),
  { code: '410200-91', name: '开封市统计普查中心', kind: 'affiliate', parent: '410200' },
  ...counties.map(([code, name]) => ({ code, name, kind: 'county' as const, parent: '410200' })),
];
