/**
 * The people the demo records: each county's recurring interferers (two 县处级, two 乡科级,
 * one other) and two city officials who turn up in several counties' ledgers, each with the
 * unit that sends their letters and the numbers and accounts they message from.
 */
import type { CountyStaff, NameBook } from './demo-people.js';
import { Deck, type SeededRandom } from './seeded-random.js';
import { countyPinyin, postsByLevel, towns, villages } from './word-lists.js';

export type Level = keyof typeof postsByLevel;

export interface Interferer {
  name: string;
  /** Where the interferer works: the sending unit of their letters. */
  unit: string;
  post: string;
  level: Level;
  phone: string;
  qq: string;
  wechat: string;
  email: string;
}

/** A county's interferers as a deck: its own come up twice as often as the city's. */
export function planInterferers(
  random: SeededRandom,
  names: NameBook,
  county: CountyStaff,
  shared: Interferer[],
): Deck<Interferer> {
  const levels: Level[] = ['county', 'county', 'township', 'township', 'other'];
  const own = levels.map((level) => {
    const [unit, title] = random.pick(postsByLevel[level]);
    // One fill for both, so the unit and the post name the same town.
    const [filled, post] = fill(`${unit}|${unit}${title}`, county.area, random).split('|');
    return interferer(random, names.next(), [filled!, post!], level, county.code);
  });

  return new Deck(random, [
    ...own.map((p) => [p, 2] as const),
    ...shared.map((p) => [p, 1] as const),
  ]);
}

/** A person with their unit and post, and the phone, QQ, WeChat and e-mail they write from. */
export function interferer(
  random: SeededRandom,
  name: string,
  [unit, post]: [string, string],
  level: Level,
  county: string,
): Interferer {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  const handle = `${countyPinyin[county] ?? 'kf'}${digits(4)}`;

  return {
    name,
    unit,
    post,
    level,
    phone: `13${random.int(0, 9)}${digits(8)}`,
    qq: `${random.int(1, 9)}${digits(random.int(7, 9))}`,
    wechat: `wxid_${handle}${digits(2)}`,
    email: `${handle}@163.com`,
  };
}

/** Fills {area}, {head}, {party}, {town}, {townHead}, {village} of a template. */
export function fill(template: string, area: string, random: SeededRandom): string {
  const town = random.pick(towns);
  const townHead = town.endsWith('镇') ? '镇长' : town.endsWith('乡') ? '乡长' : '办事处主任';
  const county = area.endsWith('县');

  return template
    .replaceAll('{area}', area)
    .replaceAll('{head}', county ? '县' : '区')
    .replaceAll('{party}', `中共${area}${county ? '县委' : '委'}`)
    .replaceAll('{town}', town)
    .replaceAll('{townHead}', townHead)
    .replaceAll('{village}', random.pick(villages));
}
