/**
 * The unit tree of the national data set: the national bureau at the root, 31 provinces, their
 * cities and their counties, 3,000 reporting units at full scale (31 + 341 + 2,628, close to
 * China's 31 + 333 + 2,843). Provinces differ in size as real ones do, so the largest holds
 * about twice the average; that one is the "province-sized subtree" the benchmark reads.
 */
import type { SeededRandom } from '../../src/demo/seeded-random.js';

export interface PlannedUnit {
  code: string;
  name: string;
  /** The national bureau is `other`: it reads its region but keeps no ledger of its own. */
  kind: 'other' | 'province' | 'city' | 'county';
  /** The bureau it reports to; null for the national bureau. */
  reportsTo: string | null;
  /** How much it records, relative to the others (see planRecordRates). */
  weight: number;
}

export const NATIONAL_CODE = '000000';

const PROVINCE_COUNT = 31;
/** Share of the reporting units below the provinces that are cities, as in China. */
const CITY_SHARE = 0.115;

const provinceNames = [
  ...'北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆'.split(
    ' ',
  ),
];
const syllables = [...'安平宁河山阳城州江源兴庆丰德泰华昌隆永新清明武文东西南北长临'];

/**
 * The whole tree in an order where every unit comes after the bureau it reports to, so it can
 * be inserted as it is. `reporting` counts the provinces, cities and counties.
 */
export function planUnits(random: SeededRandom, reporting: number): PlannedUnit[] {
  const provinceCount = Math.min(PROVINCE_COUNT, Math.max(1, Math.floor(reporting / 4)));
  const cityCount = Math.max(provinceCount, Math.round((reporting - provinceCount) * CITY_SHARE));
  const countyCount = Math.max(0, reporting - provinceCount - cityCount);

  const national: PlannedUnit = {
    code: NATIONAL_CODE,
    name: '国家统计局',
    kind: 'other',
    reportsTo: null,
    weight: 0,
  };
  const provinces = Array.from({ length: provinceCount }, (_, i) => province(random, i));
  const cities = spread(random, provinces, cityCount).map(([p, n]) => city(random, p, n));
  const counties = spread(random, cities, countyCount).map(([c, n]) => county(random, c, n));

  return [national, ...provinces, ...cities, ...counties];
}

/** The reporting unit with the most units reporting to it, directly or not. */
export function largestProvince(units: readonly PlannedUnit[]): PlannedUnit {
  const size = new Map<string, number>();
  for (const unit of units) {
    const province = unit.kind === 'province' ? unit.code : provinceOf(unit.code);
    if (unit.kind !== 'other') size.set(province, (size.get(province) ?? 0) + 1);
  }
  const [code] = [...size].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;

  return units.find((u) => u.code === code)!;
}

/** Province codes are `PP0000`, so the first two digits name the province of any unit. */
function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

function province(random: SeededRandom, index: number): PlannedUnit {
  // From 0.3 to 2.0, most below 1: a few large provinces, many middling ones.
  const weight = 0.3 + 1.7 * random.next() ** 1.5;
  const name = provinceNames[index] ?? `第${index + 1}省`;

  return {
    code: `${11 + index}0000`,
    name: `${name}统计局`,
    kind: 'province',
    reportsTo: NATIONAL_CODE,
    weight,
  };
}

function city(random: SeededRandom, parent: PlannedUnit, n: number): PlannedUnit {
  return {
    code: `${parent.code.slice(0, 2)}${pad(n)}00`,
    name: `${placeName(random)}市统计局`,
    kind: 'city',
    reportsTo: parent.code,
    weight: parent.weight * (0.5 + random.next()),
  };
}

function county(random: SeededRandom, parent: PlannedUnit, n: number): PlannedUnit {
  return {
    code: `${parent.code.slice(0, 4)}${pad(n)}`,
    name: `${placeName(random)}县统计局`,
    kind: 'county',
    reportsTo: parent.code,
    weight: parent.weight * (0.5 + random.next()),
  };
}

/**
 * Hands out `count` children over `parents`: one each first while there are enough, the rest
 * in proportion to the parents' weights. Returns each child's parent and its number under it.
 */
function spread(
  random: SeededRandom,
  parents: readonly PlannedUnit[],
  count: number,
): Array<[PlannedUnit, number]> {
  const taken = new Map<PlannedUnit, number>();
  const total = parents.reduce((sum, p) => sum + p.weight, 0);
  const children: Array<[PlannedUnit, number]> = [];
  for (let i = 0; i < count; i += 1) {
    const parent = i < parents.length ? parents[i]! : weightedPick(random, parents, total);
    const n = (taken.get(parent) ?? 0) + 1;
    taken.set(parent, n);
    children.push([parent, n]);
  }

  return children.sort((a, b) => a[0].code.localeCompare(b[0].code) || a[1] - b[1]);
}

function weightedPick(random: SeededRandom, items: readonly PlannedUnit[], total: number) {
  let left = random.next() * total;
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }

  return items.at(-1)!;
}

function placeName(random: SeededRandom): string {
  return random.pick(syllables) + random.pick(syllables);
}

function pad(n: number): string {
  if (n > 99) throw new Error(`unit number ${n} under one bureau, want at most 99`);

  return String(n).padStart(2, '0');
}
