/**
 * The texts a ledger cell packs several values into, read back into the record's parts: the
 * 干预内容 that contentText (documents/ledger-document.ts) writes, lists of indicators with
 * their periods, and witnesses with their posts and signature notes. Free text is kept as
 * written; only the separators are read.
 */
import type { RecordInput } from '../records/record-schema.js';
import type { Read } from './cell-values.js';

type Content = RecordInput['content'];

const PREFIXES = {
  统计指标: 'indicators',
  案件: 'case',
  具体表述: 'words',
  情况描述: 'description',
  信息存储介质: 'storageMedium',
} as const;
type Part = (typeof PREFIXES)[keyof typeof PREFIXES];
const PREFIX = /^\s*(统计指标|案件|具体表述|情况描述|信息存储介质)\s*[:：]\s*/;

/**
 * 干预内容 back into its parts. A line starting with one of contentText's prefixes begins that
 * part; other lines continue the part before them (words and descriptions span lines). Text
 * before any prefix, or a cell with none, is the description (情况描述).
 */
export function contentOf(text: string): Read<Content> {
  const parts = new Map<Part, string[]>();
  let current: Part = 'description';
  for (const line of text.split('\n')) {
    const match = PREFIX.exec(line);
    if (match) current = PREFIXES[match[1] as keyof typeof PREFIXES];
    const rest = match ? line.slice(match[0].length) : line;
    parts.set(current, [...(parts.get(current) ?? []), rest]);
  }

  const joined = (part: Part) => parts.get(part)?.join('\n').trim() || undefined;
  const content: Content = {};
  const indicators = joined('indicators');
  if (indicators) {
    const read = indicatorsOf(indicators);
    if (!read.ok) return read;
    content.indicators = read.value;
  }
  const illegalCase = joined('case');
  if (illegalCase) content.case = caseOf(illegalCase);
  setIf(content, 'words', joined('words'));
  setIf(content, 'description', joined('description'));
  setIf(content, 'storageMedium', joined('storageMedium'));

  return { ok: true, value: content };
}

function setIf(content: Content, key: 'words' | 'description' | 'storageMedium', value?: string) {
  if (value) content[key] = value;
}

/** 案件：名称；涉案单位：甲、乙；涉案人员：丙 (the order contentText writes). */
function caseOf(text: string): NonNullable<Content['case']> {
  const [name = '', ...rest] = splitTop(text, /[；;]/);
  const illegalCase: NonNullable<Content['case']> = { name: name.trim() };
  for (const part of rest) {
    const match = /^\s*(涉案单位|涉案人员)\s*[:：]\s*(.*)$/s.exec(part);
    if (!match) {
      illegalCase.name = `${illegalCase.name}；${part.trim()}`;
      continue;
    }
    const items = listOf(match[2]!);
    if (match[1] === '涉案单位') illegalCase.units = items;
    else illegalCase.persons = items;
  }

  return illegalCase;
}

/** `地区生产总值（2020年一季度）、规模以上工业增加值（2020年二季度）`. */
export function indicatorsOf(text: string): Read<NonNullable<Content['indicators']>> {
  const indicators = [];
  for (const item of listOf(text)) {
    const match = /^(.+?)\s*[（(]([^（()）]+)[)）]$/s.exec(item);
    if (!match) {
      return {
        ok: false,
        message: `统计指标“${item}”没有写期别，请写作“指标名称（期别）”，如“地区生产总值（2020年一季度）”`,
      };
    }
    indicators.push({ name: match[1]!.trim(), period: match[2]!.trim() });
  }

  return { ok: true, value: indicators };
}

export interface WitnessText {
  name: string;
  post?: string;
}

/** Notes a ledger adds after a name in place of the signature. */
const SIGNATURE_NOTE = /^(已电子签名|已签字|已签名|签字|签名)$/;

/** `李某（统计股股长）（已电子签名）、王某`. */
export function witnessesOf(text: string): Read<WitnessText[]> {
  const witnesses: WitnessText[] = [];
  for (const item of listOf(text)) {
    const { name, notes } = nameAndNotes(item);
    const posts = notes.filter((note) => !SIGNATURE_NOTE.test(note));
    if (name === '' || posts.length > 1) {
      return {
        ok: false,
        message: `无法读取在场人员“${item}”，请写作“姓名（职务）”，多人用顿号“、”隔开`,
      };
    }
    witnesses.push(posts[0] ? { name, post: posts[0] } : { name });
  }

  return { ok: true, value: witnesses };
}

/** The recorder's name without the signature note: `王某（已电子签名）` → 王某. */
export function recorderName(text: string): string {
  const { name, notes } = nameAndNotes(text);
  const kept = notes.filter((note) => !SIGNATURE_NOTE.test(note));

  return [name, ...kept.map((note) => `（${note}）`)].join('');
}

function nameAndNotes(text: string): { name: string; notes: string[] } {
  const notes: string[] = [];
  let rest = text.trim();
  let match = /[（(]([^（()）]*)[)）]\s*$/.exec(rest);
  while (match) {
    notes.unshift(match[1]!.trim());
    rest = rest.slice(0, match.index).trim();
    match = /[（(]([^（()）]*)[)）]\s*$/.exec(rest);
  }

  return { name: rest, notes };
}

/** Items separated by 、 (or ; ， and line breaks), never inside brackets. */
export function listOf(text: string): string[] {
  return splitTop(text, /[、，,；;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function splitTop(text: string, separator: RegExp): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if ('（(【['.includes(char)) depth++;
    if ('）)】]'.includes(char)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separator.test(char)) {
      items.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  items.push(current);

  return items;
}
