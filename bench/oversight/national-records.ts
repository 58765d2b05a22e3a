/**
 * The interference records of the national data set, as the record API would have accepted
 * them: each unit's recurring interferers (a few promoted along the way, so a person's latest
 * level is not always their first), and records in the demo's mix of forms, channels and
 * situations of the rule version in force that day, with what was said and where it is kept.
 */
import { createHash } from 'node:crypto';
import { addDays } from '../../src/calendar/beijing-time.js';
import { periodLabel, periodOfDate } from '../../src/calendar/period.js';
import { fill, interferer } from '../../src/demo/demo-interferers.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';
import {
  companies,
  givenCharacters,
  indicators,
  offices,
  places,
  postDetail,
  postsByLevel,
  storageMedia,
  surnames,
  themes,
  themesOf2023,
} from '../../src/demo/word-lists.js';
import { channelField } from '../../src/records/record-rules.js';
import type { Channel, Level, RecordInput } from '../../src/records/record-schema.js';
import type { PlannedUnit } from './national-units.js';

export interface Person {
  id: string;
  name: string;
  post: string;
  /** The unit that sends their letters. */
  sender: string;
  level: Level;
  /** From this quarter (an index into the range) on, records name them at `level`. */
  promotion: { from: number; level: Level } | null;
  handles: Record<Channel, string>;
}

export interface PlannedRecord {
  id: string;
  person: Person;
  input: RecordInput;
  ruleVersion: string;
}

type Kind = 'oral' | 'letter' | Channel;

const kinds: ReadonlyArray<readonly [Kind, number]> = [
  ['oral', 4],
  ['letter', 2],
  ['phone', 2],
  ['wechat', 3],
  ['qq', 1],
  ['email', 1],
  ['other', 1],
];
const levels: ReadonlyArray<readonly [Level, number]> = [
  ['county', 40],
  ['township', 38],
  ['other', 12],
  ['prefecture', 7],
  ['province', 3],
];
const situationWeights: Record<string, readonly number[]> = {
  '2017': [2, 3, 2, 1, 1, 1, 1],
  '2023': [1, 3, 2, 1],
};
/** Posts of the two levels the demo has none for, as [unit, title]. */
const higherPosts: Record<'prefecture' | 'province', Array<[string, string]>> = {
  prefecture: [
    ['市人民政府', '副市长'],
    ['市发展和改革委员会', '主任'],
  ],
  province: [
    ['省人民政府', '副省长'],
    ['省工业和信息化厅', '厅长'],
  ],
};
const promotions: Record<Level, Level> = {
  township: 'county',
  county: 'prefecture',
  prefecture: 'province',
  province: 'province',
  other: 'township',
};
/** The 2023 rules took effect on 27 October 2023 (rule-versions.ts). */
const RULES_2023 = '2023-10-27';

/** A unit's recurring interferers; `quarters` is the length of the range, for promotions. */
export function planPeople(
  random: SeededRandom,
  ids: IdSource,
  unit: PlannedUnit,
  count: number,
  quarters: number,
): Person[] {
  const area = areaOf(unit);
  const names = new Set<string>();

  return Array.from({ length: count }, () => {
    const level = weighted(random, levels);
    const [sender, title] = random.pick(postsOf(level));
    const [unitName, post] = fill(`${sender}|${sender}${title}`, area, random).split('|');
    const found = interferer(random, uniqueName(random, names), [unitName!, post!], 'other', '');
    const promoted = random.chance(0.05) && level !== 'province';

    return {
      id: ids.next(),
      name: found.name,
      post: found.post,
      sender: found.unit,
      level,
      promotion: promoted ? { from: random.int(1, quarters - 1), level: promotions[level] } : null,
      handles: {
        phone: found.phone,
        qq: found.qq,
        wechat: found.wechat,
        email: found.email,
        other: `钉钉工作群“${area}经济运行调度群”`,
      },
    };
  });
}

/** The level a person's record names in the quarter with index `quarter` of the range. */
export function levelAt(person: Person, quarter: number): Level {
  return person.promotion && quarter >= person.promotion.from
    ? person.promotion.level
    : person.level;
}

/**
 * One record of `unit` about `person` on a Beijing `date` and `hour`, valid under the record
 * schema and record-rules.ts (the generator checks a sample of them against both).
 */
export function planRecord(
  random: SeededRandom,
  ids: IdSource,
  unit: PlannedUnit,
  person: Person,
  when: { date: string; hour: number; quarter: number },
): PlannedRecord {
  const kind = weighted(random, kinds);
  const ruleVersion = when.date >= RULES_2023 ? '2023' : '2017';
  const item =
    1 +
    weighted(
      random,
      situationWeights[ruleVersion]!.map((w, i) => [i, w] as const),
    );
  const message = kind !== 'oral' && kind !== 'letter';
  const area = areaOf(unit);
  const input: RecordInput = {
    unit: unit.code,
    office: random.pick(offices),
    occurredAt:
      kind === 'letter' ? when.date : `${when.date}T${String(when.hour).padStart(2, '0')}`,
    form: message ? 'message' : kind,
    ...(message ? { channel: kind } : {}),
    interferer: { name: person.name, post: person.post, level: levelAt(person, when.quarter) },
    situation: `${ruleVersion}-${item}`,
    content: content(random, area, ruleVersion, item, when.date),
    details: {},
  };
  if (kind === 'oral') {
    const witness = { name: uniqueName(random, new Set([person.name])), post: `${unit.name}干部` };
    input.details = { place: fill(random.pick(places), area, random), witnesses: [witness] };
  } else if (kind === 'letter') {
    input.details = { senderUnit: person.sender };
  } else {
    input.details = { [channelField[kind]]: person.handles[kind] };
    input.content.storageMedium = storageMedia[kind];
  }

  return { id: ids.next(), person, input, ruleVersion };
}

/** What was asked: an indicator of the last quarter and the words, as the demo writes them. */
function content(
  random: SeededRandom,
  area: string,
  version: string,
  item: number,
  date: string,
): RecordInput['content'] {
  const theme = version === '2017' ? item : random.pick(themesOf2023[item]!);
  const { words, withCase } = themes[theme]!;
  const indicator = random.pick(indicators);
  const company = random.pick(companies);
  const text = fill(random.pick(words), area, random)
    .replace('{indicator}', indicator)
    .replace('{company}', company)
    .replace('{percent}', `${random.int(6, 9)}.${random.int(0, 9)}%`);
  const previous = periodOfDate(addDays(date, -92));

  return {
    indicators: [{ name: indicator, period: periodLabel(previous) }],
    ...(withCase ? { case: { name: `${area}${company}统计违法案`, units: [company] } } : {}),
    words: text,
  };
}

function postsOf(level: Level): Array<[string, string]> {
  return level === 'prefecture' || level === 'province' ? higherPosts[level] : postsByLevel[level];
}

/** `安平县统计局` → `安平县`: the area the unit's interferers work in. */
function areaOf(unit: PlannedUnit): string {
  return unit.name.replace(/统计局$/, '');
}

function uniqueName(random: SeededRandom, taken: Set<string>): string {
  for (;;) {
    const given =
      random.pick(givenCharacters) + (random.chance(0.7) ? random.pick(givenCharacters) : '');
    const name = random.pick(surnames) + given;
    if (taken.has(name)) continue;

    taken.add(name);
    return name;
  }
}

/** The correction a returned report asks for: the interferer's post, made more precise. */
export function corrected(input: RecordInput): RecordInput {
  const post = `${input.interferer.post}${postDetail}`;

  return { ...input, interferer: { ...input.interferer, post } };
}

/** Picks from [option, weight] pairs in proportion to the weights. */
export function weighted<T>(random: SeededRandom, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let left = random.next() * total;
  for (const [option, weight] of options) {
    left -= weight;
    if (left < 0) return option;
  }

  return options.at(-1)![0];
}

/**
 * Ids in the form of version 4 UUIDs, the same on every run and distinct across the data set:
 * a digest of the unit and a running number. (The seeded generator has 32 bits of state, so
 * ids drawn from it would repeat among a million.)
 */
export class IdSource {
  private count = 0;

  constructor(private readonly unit: string) {}

  next(): string {
    const hex = createHash('sha256')
      .update(`${this.unit}/${this.count++}`)
      .digest('hex');

    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
