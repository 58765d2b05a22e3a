/**
 * Plans one interference record (one row of 附件1) for the demo: who interfered, when, by
 * which form and channel, under which situation of the rule version in force that day, what
 * was said, and what evidence the recorder keeps. Pure: the same random state gives the same
 * record.
 */
import { addDays } from '../calendar/beijing-time.js';
import { periodLabel, periodOfDate } from '../calendar/period.js';
import type { RecordInput } from '../records/record-schema.js';
import { ruleVersions } from '../rules/rule-versions.js';
import { fill, type Interferer } from './demo-interferers.js';
import type { CountyStaff, NameBook } from './demo-people.js';
import { detailsByKind } from './record-details.js';
import { Deck, type SeededRandom } from './seeded-random.js';
import { caseNames, companies, indicators, offices, themes, themesOf2023 } from './word-lists.js';

/** The form, and for a message its channel. */
export type Kind = 'oral' | 'letter' | 'phone' | 'qq' | 'wechat' | 'email' | 'other';

export interface PlannedEvidence {
  role: 'evidence' | 'witness-signatures';
  name: string;
  /** A screenshot PNG of this channel, or a one-page PDF with this title and these lines. */
  screenshot?: { channel: string; variant: number };
  document?: { title: string; lines: string[] };
}

export interface PlannedRecord {
  recorder: string;
  /** Accounts named as witnesses, who confirm with their own password. */
  confirmers: string[];
  /** What POST /api/v1/records receives. */
  body: RecordInput;
  evidence: PlannedEvidence[];
  /** The interference, and when the recorder writes it down. */
  occurred: Date;
  recorded: Date;
}

/** The decks every county draws from, so the whole demo covers every option. */
export interface RecordDecks {
  kind: Deck<Kind>;
  situation: Record<string, Deck<number>>;
}

/** Oral and WeChat are the common ways to lean on a bureau; QQ and e-mail the rare ones. */
export function recordDecks(random: SeededRandom): RecordDecks {
  const kinds: Array<[Kind, number]> = [
    ['oral', 4],
    ['letter', 2],
    ['phone', 2],
    ['wechat', 3],
    ['qq', 1],
    ['email', 1],
    ['other', 1],
  ];
  const weights: Record<string, number[]> = { '2017': [2, 3, 2, 1, 1, 1, 1], '2023': [1, 3, 2, 1] };
  const situation = Object.fromEntries(
    Object.entries(weights).map(([version, w]) => [
      version,
      new Deck(
        random,
        w.map((weight, i) => [i + 1, weight] as const),
      ),
    ]),
  );

  return { kind: new Deck(random, kinds), situation };
}

export interface RecordRequest {
  county: CountyStaff;
  interferers: Deck<Interferer>;
  names: NameBook;
  /** Beijing date and hour of the interference. */
  date: string;
  hour: number;
  /** A record made late, once the obstacle was gone (补充记录, 2023 rules). */
  supplementary?: { recordedOn: string; reason: string };
}

export function planRecord(random: SeededRandom, decks: RecordDecks, r: RecordRequest) {
  const kind = decks.kind.draw();
  const version = [...ruleVersions].reverse().find((v) => v.effectiveFrom <= r.date)!;
  const item = decks.situation[version.id]!.draw();
  const person = r.interferers.draw();
  const [recorder, colleague] = random.shuffle(r.county.recorders);
  const words = saying(random, r.county.area, version.id, item, r.date);
  const occurred = beijing(r.date, r.hour);
  const recorded = r.supplementary
    ? beijing(r.supplementary.recordedOn, random.int(9, 16))
    : new Date(occurred.getTime() + random.int(1, 20) * 3_600_000);
  const message = kind !== 'oral' && kind !== 'letter';

  const body: RecordInput = {
    unit: r.county.code,
    office: random.pick(offices),
    occurredAt: kind === 'letter' ? r.date : `${r.date}T${String(r.hour).padStart(2, '0')}`,
    form: message ? 'message' : kind,
    ...(message ? { channel: kind } : {}),
    interferer: { name: person.name, post: person.post, level: person.level },
    situation: `${version.id}-${item}`,
    content: words.content,
    details: {},
  };
  if (r.supplementary) {
    // Some days before it is written down, and never before the interference itself.
    const removed = addDays(r.supplementary.recordedOn, -random.int(2, 10));
    const obstacleRemovedOn = [r.date, removed].sort()[1]!;
    body.supplementary = { obstacleRemovedOn, reason: r.supplementary.reason };
  }

  const planned = {
    recorder: recorder!.username,
    confirmers: [],
    body,
    evidence: [],
    occurred,
    recorded,
  };
  detailsByKind[kind](random, {
    planned,
    person,
    county: r.county,
    colleague: colleague!,
    words,
    names: r.names,
  });
  return planned;
}

/** What was asked, from the themes of the situation, with the indicator and its period. */
function saying(random: SeededRandom, area: string, version: string, item: number, date: string) {
  const theme = version === '2017' ? item : random.pick(themesOf2023[item]!);
  const { words, withCase } = themes[theme]!;
  const indicator = random.pick(indicators);
  const company = random.pick(companies);
  const text = fill(random.pick(words), area, random)
    .replace('{indicator}', indicator)
    .replace('{company}', company)
    .replace('{percent}', `${random.int(6, 9)}.${random.int(0, 9)}%`);
  // The figures being worked on are the last quarter's.
  const previous = periodOfDate(addDays(date, -92));
  const content: RecordInput['content'] = {
    indicators: [{ name: indicator, period: periodLabel(previous) }],
    words: text,
  };
  if (withCase) {
    const caseName = `${area}${company}${random.pick(caseNames)}`;
    content.case = { name: caseName, units: [`${area}${company}`] };
  }

  return { content, text, indicator };
}

/** The instant of a Beijing date and hour (UTC+8, no daylight saving). */
export function beijing(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((hour - 8) * 60 + minute) * 60_000);
}
