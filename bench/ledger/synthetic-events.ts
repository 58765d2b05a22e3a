/**
 * Events that look like a bureau's working day: sign-ins, records of interference created,
 * read and corrected, units renamed, passwords changed. Drawn from a seeded generator, so a
 * run writes the same log on every engine and every machine.
 *
 * Every object is built with its keys already in RFC 8785 order, so that JSON.stringify gives
 * the canonical text of an event far faster than canonicalJson, which checks every value;
 * synthetic-log.ts holds a sample of them against canonicalJson.
 */
import type { EventInput, LogEvent } from '../../src/ledger/event-log.js';

/** A uniform number in [0, 1) from a seeded xorshift generator: repeatable, not secret. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;

  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;

    return state / 2 ** 32;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '喆'];
const POSITIONS = ['县长', '副县长', '县委书记', '常务副县长', '乡镇党委书记', '局长', '副局长'];
const UNITS = ['410221', '410222', '410223', '410224', '410225', '410200'];
const SUMMARIES = [
  '要求在上报前将规模以上工业总产值上调百分之五，以完成年度考核目标。',
  '授意统计人员暂缓上报一季度固定资产投资数据，待“研究”后再报。',
  '电话要求修改企业一套表中的营业收入，称“与其他部门口径保持一致”。',
  '在会议上明确要求统计局按照预期目标编造地区生产总值增速。',
  '指使下属企业填报虚假从业人员期末人数，并要求统计局不予核查。',
  '要求将未入库项目计入本期投资统计，并在审核时“放一马”。',
];
const REASONS = ['补充干预方式', '更正干预时间', '补充证明材料', '更正领导干部职务'];

type EventMaker = (random: Random) => EventInput;

// Weighted like a county's log: reading a record is logged (DESIGN.md, invariant 4), so reads
// and sign-ins outnumber the changes themselves.
const MAKERS: readonly [number, EventMaker][] = [
  [30, (r) => ({ type: 'record.read', actor: staff(r), unit: pick(r, UNITS), data: read(r) })],
  [20, (r) => ({ type: 'session.signed-in', actor: staff(r), unit: pick(r, UNITS), data: {} })],
  [15, createdRecord],
  [15, correctedRecord],
  [10, (r) => ({ type: 'session.signed-out', actor: staff(r), data: {} })],
  [5, renamedUnit],
  [5, changedPassword],
];
const TOTAL_WEIGHT = MAKERS.reduce((sum, [weight]) => sum + weight, 0);

/** One event as a service passes it to `change.event`. */
export function syntheticEvent(random: Random): EventInput {
  let ticket = random() * TOTAL_WEIGHT;
  for (const [weight, make] of MAKERS) {
    if (ticket < weight) return make(random);
    ticket -= weight;
  }

  return MAKERS[0]![1](random);
}

/** One event as the log stores it, with the id and time `appendEvent` would have given it. */
export function syntheticLogEvent(random: Random, at: Date): LogEvent {
  const input = syntheticEvent(random);

  return {
    actor: input.actor ? { username: input.actor.username } : null,
    at: at.toISOString(),
    data: input.data,
    id: uuid(random),
    result: input.result ?? 'success',
    source: input.actor?.ip ? { ip: input.actor.ip } : null,
    type: input.type,
    unit: input.unit ?? null,
  };
}

function createdRecord(random: Random): EventInput {
  return {
    type: 'record.created',
    actor: staff(random),
    unit: pick(random, UNITS),
    data: {
      leader: { name: personName(random), position: pick(random, POSITIONS) },
      occurredAt: { precision: 'hour', value: '2026-03-18T10' },
      period: `20${20 + Math.floor(random() * 7)}Q${1 + Math.floor(random() * 4)}`,
      record: uuid(random),
      situation: 1 + Math.floor(random() * 12),
      summary: pick(random, SUMMARIES),
    },
  };
}

function correctedRecord(random: Random): EventInput {
  return {
    type: 'record.corrected',
    actor: staff(random),
    unit: pick(random, UNITS),
    data: {
      field: 'summary',
      reason: pick(random, REASONS),
      record: uuid(random),
      to: pick(random, SUMMARIES),
    },
  };
}

function renamedUnit(random: Random): EventInput {
  const code = pick(random, UNITS);

  return {
    type: 'unit.updated',
    actor: { username: 'sysadmin', ip: '10.20.0.1' },
    unit: code,
    data: { changes: { name: { from: '杞县统计局', to: '杞县统计局（更名）' } }, code },
  };
}

function changedPassword(random: Random): EventInput {
  const actor = staff(random);

  return {
    type: 'user.password-changed',
    actor,
    data: { passwordDigest: hex(random, 64), username: actor.username },
  };
}

function staff(random: Random) {
  const username = `${pick(random, ['qixian', 'tongxu', 'weishi', 'lankao', 'kaifeng'])}-${Math.floor(random() * 40)}`;

  return { username, ip: `10.20.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}` };
}

function read(random: Random) {
  return { record: uuid(random) };
}

function personName(random: Random): string {
  return pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : '');
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function uuid(random: Random): string {
  const digits = hex(random, 32);

  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-a${digits.slice(17, 20)}-${digits.slice(20)}`;
}

function hex(random: Random, length: number): string {
  let text = '';
  while (text.length < length)
    text += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');

  return text.slice(0, length);
}
