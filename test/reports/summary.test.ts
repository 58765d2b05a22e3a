import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel, Level } from '../../src/records/record-schema.js';
import {
  balanceProblems,
  computeRegionalSummary,
  computeSummary,
  type Summary,
  SummaryError,
  type SummaryOptions,
  type SummaryRecord,
  sumUnitSummaries,
} from '../../src/reports/summary.js';
import {
  blockLabels,
  defaultLevels,
  formLabels,
  formRows,
  levelLabels,
  provinceLevels,
  totalLabel,
} from '../../src/reports/summary-rows.js';
import { defaultSituationMapping, ruleVersions } from '../../src/rules/rule-versions.js';

const version = (id: string) => {
  const found = ruleVersions.find((v) => v.id === id)!;

  return { id, situations: found.situations.map((s) => s.id) };
};

const v2017 = version('2017');
const v2023 = version('2023');
const options2017: SummaryOptions = { version: v2017, mapping: defaultSituationMapping };
const options2023: SummaryOptions = { version: v2023, mapping: defaultSituationMapping };

let nextId = 0;

/** A signed oral record by a township cadre, 2020Q2; override what a case is about. */
function record(overrides: Partial<SummaryRecord> = {}): SummaryRecord {
  nextId += 1;

  return {
    id: `r${String(nextId).padStart(4, '0')}`,
    interfererId: 'p-zhang',
    level: 'township',
    form: 'oral',
    situation: '2017-1',
    occurredAt: '2020-05-12T15',
    ...overrides,
  };
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

describe('counting rules', () => {
  it('gives the fixed JSON of the API and exports', () => {
    const records = [
      record({ interfererId: 'p1', level: 'county', form: 'oral', situation: '2017-2' }),
      record({ interfererId: 'p2', form: 'letter', situation: '2017-6' }),
      record({ interfererId: 'p2', form: 'message', channel: 'wechat', situation: '2017-6' }),
      record({ interfererId: 'p3', form: 'message', channel: 'other', situation: '2017-7' }),
    ];
    const summary = computeSummary(records, options2017);

    expect(summary).toEqual({
      persons: { county: 1, township: 2, other: 0, total: 3 },
      forms: { oral: 1, phone: 0, qq: 0, wechat: 1, email: 0, other: 2, total: 4 },
      situations: { ...zeros(v2017.situations), '2017-2': 1, '2017-6': 2, '2017-7': 1, total: 4 },
      records: 4,
      zero: false,
    });
    // Rows in the form's order, 合计 last: exports print the JSON in this order.
    expect(Object.keys(summary)).toEqual(['persons', 'forms', 'situations', 'records', 'zero']);
    expect(Object.keys(summary.persons)).toEqual(['county', 'township', 'other', 'total']);
    expect(Object.keys(summary.forms)).toEqual([...formRows, 'total']);
    expect(Object.keys(summary.situations)).toEqual([...v2017.situations, 'total']);
  });

  it('counts a letter under 其他形式干预', () => {
    const summary = computeSummary([record({ form: 'letter' })], options2017);

    expect(summary.forms).toMatchObject({ oral: 0, other: 1, total: 1 });
  });

  it('ignores a channel given with a letter or oral interference', () => {
    const records = [
      record({ form: 'letter', channel: 'phone' }),
      record({ form: 'oral', channel: 'qq' }),
    ];

    expect(computeSummary(records, options2017).forms).toMatchObject({ other: 1, oral: 1 });
  });

  it.each<[Channel, string]>([
    ['phone', 'phone'],
    ['qq', 'qq'],
    ['wechat', 'wechat'],
    ['email', 'email'],
    ['other', 'other'],
  ])('counts a message over %s under the %s row', (channel, row) => {
    const summary = computeSummary([record({ form: 'message', channel })], options2017);

    expect(summary.forms).toEqual({ ...zeros(formRows), [row]: 1, total: 1 });
  });

  it('counts the same person recorded three times once', () => {
    const records = [1, 2, 3].map((day) => record({ occurredAt: `2020-05-0${day}T09` }));
    const summary = computeSummary(records, options2017);

    expect(summary.persons).toEqual({ county: 0, township: 1, other: 0, total: 1 });
    expect(summary.forms.total).toBe(3);
    expect(summary.records).toBe(3);
  });

  it('gives a zero quarter all zeros and zero: true, with every row present', () => {
    expect(computeSummary([], options2023)).toEqual({
      persons: { county: 0, township: 0, other: 0, total: 0 },
      forms: { ...zeros(formRows), total: 0 },
      situations: { '2023-1': 0, '2023-2': 0, '2023-3': 0, '2023-4': 0, total: 0 },
      records: 0,
      zero: true,
    });
    expect(balanceProblems(computeSummary([], options2017))).toEqual([]);
  });
});

describe('a person recorded at two levels', () => {
  it('counts once, under the level of the latest record', () => {
    const records = [
      record({ level: 'county', occurredAt: '2020-06-30T10' }),
      record({ level: 'township', occurredAt: '2020-04-02T10' }),
    ];

    expect(computeSummary(records, options2017).persons).toEqual({
      county: 1,
      township: 0,
      other: 0,
      total: 1,
    });
  });

  it.each([
    ['b', 'a'],
    ['a', 'b'],
  ])('breaks a tie of occurredAt by record id, read in the order %s, %s', (...order) => {
    const byId = {
      a: record({ id: 'a', level: 'township' }),
      b: record({ id: 'b', level: 'county' }),
    };
    const records = order.map((id) => byId[id as 'a' | 'b']);

    expect(computeSummary(records, options2017).persons).toMatchObject({ county: 1, township: 0 });
  });

  it('puts a letter dated by day before the hours of that day', () => {
    const records = [
      record({ level: 'county', form: 'letter', occurredAt: '2020-05-12' }),
      record({ level: 'other', occurredAt: '2020-05-12T00' }),
    ];

    expect(computeSummary(records, options2017).persons).toMatchObject({ county: 0, other: 1 });
  });
});

describe('situations across rule versions', () => {
  // The mapping of domain README §2: 一→1, 二→2, 三→3, 四→2, 五→3, 六→4, 七→4.
  it.each([
    ['2017-1', '2023-1'],
    ['2017-2', '2023-2'],
    ['2017-3', '2023-3'],
    ['2017-4', '2023-2'],
    ['2017-5', '2023-3'],
    ['2017-6', '2023-4'],
    ['2017-7', '2023-4'],
  ])('counts a %s record under %s in a 2023 summary', (from, to) => {
    const summary = computeSummary([record({ situation: from })], options2023);

    expect(summary.situations).toEqual({ ...zeros(v2023.situations), [to]: 1, total: 1 });
  });

  it('counts a period that straddles 2023-10-27 in the version of the period', () => {
    const records = [
      record({ situation: '2017-4', occurredAt: '2023-10-20T09' }),
      record({ situation: '2017-2', occurredAt: '2023-10-26T09' }),
      record({ situation: '2023-2', occurredAt: '2023-11-03T09' }),
      record({ situation: '2023-4', occurredAt: '2023-12-01T09' }),
    ];
    const summary = computeSummary(records, options2023);

    expect(summary.situations).toEqual({
      '2023-1': 0,
      '2023-2': 3,
      '2023-3': 0,
      '2023-4': 1,
      total: 4,
    });
  });

  it('uses the mapping given, not a built-in one', () => {
    const mapping = [{ from: '2017-4', to: '2023-4' }];
    const summary = computeSummary([record({ situation: '2017-4' })], { ...options2023, mapping });

    expect(summary.situations['2023-4']).toBe(1);
  });

  it('refuses a situation neither of the version nor mapped into it', () => {
    const backwards = () => computeSummary([record({ situation: '2023-1' })], options2017);
    const unknown = () => computeSummary([record({ situation: '2030-1' })], options2023);

    expect(backwards).toThrowError(SummaryError);
    expect(backwards).toThrowError(/situation 2023-1, want a situation of version 2017/);
    expect(unknown).toThrowError(expect.objectContaining({ problem: 'unmapped-situation' }));
  });

  it('refuses a mapping that sends one situation to two', () => {
    const mapping = [...defaultSituationMapping, { from: '2017-4', to: '2023-3' }];
    const compute = () =>
      computeSummary([record({ situation: '2017-1' })], { ...options2023, mapping });

    expect(compute).toThrowError(expect.objectContaining({ problem: 'ambiguous-mapping' }));
  });
});

describe('levels', () => {
  it('adds 省部级 and 厅局级 rows for a province deployment', () => {
    const options = { ...options2017, levels: provinceLevels };
    const records = [
      record({ interfererId: 'p1', level: 'province' }),
      record({ interfererId: 'p2', level: 'prefecture' }),
      record({ interfererId: 'p3', level: 'prefecture' }),
    ];

    expect(computeSummary(records, options).persons).toEqual({
      province: 1,
      prefecture: 2,
      county: 0,
      township: 0,
      other: 0,
      total: 3,
    });
  });

  it('counts a 厅局级 person under 其他 where the form has no row for the level', () => {
    const summary = computeSummary([record({ level: 'prefecture' })], options2017);

    expect(summary.persons).toEqual({ county: 0, township: 0, other: 1, total: 1 });
  });

  it('refuses a level the record schema does not know', () => {
    const compute = () => computeSummary([record({ id: 'x1', level: 'mayor' })], options2017);

    expect(compute).toThrowError(
      expect.objectContaining({ problem: 'unknown-level', recordId: 'x1' }),
    );
  });
});

describe('input the summary refuses', () => {
  it('refuses a message without a channel', () => {
    const compute = () => computeSummary([record({ form: 'message' })], options2017);

    expect(compute).toThrowError(expect.objectContaining({ problem: 'unknown-form' }));
  });

  it('refuses a record given twice', () => {
    const once = record();
    const compute = () => computeSummary([once, once], options2017);

    expect(compute).toThrowError(expect.objectContaining({ problem: 'duplicate-record' }));
  });

  it('refuses a record listed under two units of a region', () => {
    const shared = record();
    const units = new Map([
      ['410221', [shared]],
      ['410222', [shared]],
    ]);

    expect(() => computeRegionalSummary(units, options2017)).toThrowError(SummaryError);
  });
});

describe('balance checks', () => {
  const balanced = () =>
    computeSummary(
      [
        record({ interfererId: 'p1' }),
        record({ interfererId: 'p1', form: 'letter', situation: '2017-6' }),
      ],
      options2017,
    );

  it('finds nothing wrong in a computed summary', () => {
    expect(balanceProblems(balanced())).toEqual([]);
  });

  type Patch = { [block in 'persons' | 'forms' | 'situations']?: Record<string, number> } & {
    records?: number;
    zero?: boolean;
  };

  function patched(patch: Patch): Summary {
    const { persons, forms, situations, ...scalars } = patch;
    const summary = balanced();
    Object.assign(summary.persons, persons);
    Object.assign(summary.forms, forms);
    Object.assign(summary.situations, situations);

    return Object.assign(summary, scalars);
  }

  it.each<[string, Patch, RegExp]>([
    ['a row off its 合计', { forms: { qq: 1 } }, /干预形式「合计」为 2，与各行次数之和 3 不等/],
    ['a level off its 合计', { persons: { county: 1 } }, /干预人员「合计」为 1，与各行人数之和 2/],
    ['a situation off its 合计', { situations: { '2017-3': 1 } }, /干预类型「合计」为 2，与各行/],
    [
      'forms not matching records',
      { forms: { oral: 2, total: 3 } },
      /干预形式「合计」为 3，与记录数 2 不等/,
    ],
    [
      'situations not matching records',
      { situations: { '2017-1': 0, total: 1 } },
      /干预类型「合计」为 1，与记录数 2 不等/,
    ],
    [
      'more persons than records',
      { persons: { township: 3, total: 3 } },
      /干预人员「合计」为 3，多于记录数 2/,
    ],
    [
      'records without persons',
      { persons: { township: 0, total: 0 } },
      /有 2 条记录，干预人员「合计」却为 0/,
    ],
    ['a wrong zero mark', { zero: true }, /零报告标记为 true，与记录数 2 不符/],
    ['a wrong record count', { records: 3 }, /干预形式「合计」为 2，与记录数 3 不等/],
    ['a negative count', { forms: { email: -1 } }, /干预形式「Email 干预」次数应为非负整数/],
    ['a fraction', { persons: { other: 0.5 } }, /干预人员「其他」人数应为非负整数/],
  ])('names %s', (_case, patch, message) => {
    const summary = patched(patch);

    expect(balanceProblems(summary).join('\n')).toMatch(message);
  });
});

describe('regional summary and the sum of unit summaries', () => {
  // Two county bureaus record the same deputy mayor (p-wang) and each its own township head.
  const units = new Map([
    [
      '410221',
      [
        record({ interfererId: 'p-wang', level: 'county' }),
        record({ interfererId: 'p-li', form: 'letter' }),
      ],
    ],
    [
      '410222',
      [
        record({ interfererId: 'p-wang', level: 'county', form: 'message', channel: 'qq' }),
        record({ interfererId: 'p-zhao', situation: '2017-6' }),
      ],
    ],
  ]);

  it('counts a person shared by two units once in the region and twice in the sum', () => {
    const regional = computeRegionalSummary(units, options2017);
    const sum = sumUnitSummaries([...units.values()].map((r) => computeSummary(r, options2017)));

    expect(regional.persons).toEqual({ county: 1, township: 2, other: 0, total: 3 });
    expect(sum.persons).toEqual({ county: 2, township: 2, other: 0, total: 4 });
    expect(regional.forms).toEqual(sum.forms);
    expect(regional.situations).toEqual(sum.situations);
    expect(regional.records).toBe(4);
  });

  it('refuses to add summaries of different rule versions', () => {
    const add = () =>
      sumUnitSummaries([computeSummary([], options2017), computeSummary([], options2023)]);

    expect(add).toThrowError(expect.objectContaining({ problem: 'mismatched-rows' }));
  });

  it('refuses to add nothing', () => {
    expect(() => sumUnitSummaries([])).toThrowError(
      expect.objectContaining({ problem: 'no-summaries' }),
    );
  });
});

describe('row labels, as printed on 附件2', () => {
  it('names levels, forms and totals in the form’s words', () => {
    expect(defaultLevels.map((l) => levelLabels[l])).toEqual(['县处级', '乡科级', '其他']);
    expect(provinceLevels.map((l) => levelLabels[l])).toEqual([
      '省部级',
      '厅局级',
      '县处级',
      '乡科级',
      '其他',
    ]);
    expect(formRows.map((f) => formLabels[f])).toEqual([
      '口头干预',
      '电话干预',
      'QQ 干预',
      '微信干预',
      'Email 干预',
      '其他形式干预',
    ]);
    expect(totalLabel).toBe('合计');
    expect(blockLabels.persons).toEqual({ title: '干预人员', row: '级别', count: '人数' });
    expect(blockLabels.forms).toEqual({ title: '干预形式', row: '形式', count: '次数' });
    expect(blockLabels.situations).toEqual({ title: '干预类型', row: '类型', count: '次数' });
  });
});

// ---- properties over arbitrary record sets ----

const allLevels: Level[] = ['county', 'township', 'other'];
const personPool = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];

// Few distinct times, so that one person's records often tie and the tie-break is exercised.
const occurredAt = fc
  .tuple(
    fc.integer({ min: 4, max: 6 }),
    fc.integer({ min: 1, max: 2 }),
    fc.option(fc.constantFrom(9, 15)),
  )
  .map(([month, day, hour]) => {
    const date = `2020-0${month}-0${day}`;

    return hour === null ? date : `${date}T${String(hour).padStart(2, '0')}`;
  });

const formAndChannel = fc.oneof(
  fc.constant({ form: 'oral' as const }),
  fc.constant({ form: 'letter' as const }),
  fc
    .constantFrom<Channel>('phone', 'qq', 'wechat', 'email', 'other')
    .map((channel) => ({ form: 'message' as const, channel })),
);

/** A record without its id; `situations` are those the summary under test can count. */
const recordBody = (situations: readonly string[]) =>
  fc
    .record({
      interfererId: fc.constantFrom(...personPool),
      level: fc.constantFrom(...allLevels),
      formAndChannel,
      situation: fc.constantFrom(...situations),
      occurredAt,
    })
    .map(({ formAndChannel: fac, ...rest }) => ({ ...rest, ...fac }));

/** Records with ids distinct within the set, `${prefix}0`, `${prefix}1`, … */
const records = (prefix: string, situations: readonly string[] = v2017.situations) =>
  fc
    .array(recordBody(situations), { maxLength: 40 })
    .map((bodies) => bodies.map((body, i): SummaryRecord => ({ id: `${prefix}${i}`, ...body })));

const bothVersions = [...v2017.situations, ...v2023.situations];

const distinct = (rs: readonly SummaryRecord[]) => new Set(rs.map((r) => r.interfererId));

describe('properties', () => {
  it('every computed summary balances, with no more persons than records', () => {
    const cases = fc.oneof(
      records('r').map((rs) => [rs, options2017] as const),
      records('r', bothVersions).map((rs) => [rs, options2023] as const),
    );
    fc.assert(
      fc.property(cases, ([rs, options]) => {
        const summary = computeSummary(rs, options);

        expect(balanceProblems(summary)).toEqual([]);
        expect(summary.persons.total).toBeLessThanOrEqual(summary.records);
        expect(summary.persons.total).toBe(distinct(rs).size);
        expect(summary.zero).toBe(rs.length === 0);
      }),
    );
  });

  it('the order of the records does not change the summary', () => {
    const shuffled = records('r', bothVersions).chain((rs) =>
      fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length })),
    );
    fc.assert(
      fc.property(shuffled, ([rs, permuted]) => {
        expect(computeSummary(permuted, options2023)).toEqual(computeSummary(rs, options2023));
      }),
    );
  });

  it('how the records are split among units does not change the regional summary', () => {
    const split = records('r').chain((rs) =>
      fc.tuple(
        fc.constant(rs),
        fc.array(fc.constantFrom('410221', '410222', '410223'), {
          minLength: rs.length,
          maxLength: rs.length,
        }),
      ),
    );
    fc.assert(
      fc.property(split, ([rs, unitOf]) => {
        const byUnit = new Map<string, SummaryRecord[]>();
        for (const [i, r] of rs.entries()) {
          byUnit.set(unitOf[i]!, [...(byUnit.get(unitOf[i]!) ?? []), r]);
        }

        expect(computeRegionalSummary(byUnit, options2017)).toEqual(
          computeSummary(rs, options2017),
        );
      }),
    );
  });

  it('regional equals the sum of two units except for persons both recorded', () => {
    fc.assert(
      fc.property(records('a'), records('b'), (a, b) => {
        const regional = computeRegionalSummary(
          new Map([
            ['A', a],
            ['B', b],
          ]),
          options2017,
        );
        const sum = sumUnitSummaries([
          computeSummary(a, options2017),
          computeSummary(b, options2017),
        ]);
        const shared = [...distinct(a)].filter((p) => distinct(b).has(p));

        expect(balanceProblems(sum)).toEqual([]);
        expect(regional.forms).toEqual(sum.forms);
        expect(regional.situations).toEqual(sum.situations);
        expect(regional.records).toBe(sum.records);
        expect(regional.zero).toBe(sum.zero);
        expect(regional.persons.total).toBe(sum.persons.total - shared.length);
      }),
    );
  });

  it('when each person has one level, regional persons per level = sum − shared at that level', () => {
    const levelOfPerson = fc.array(fc.constantFrom(...allLevels), {
      minLength: personPool.length,
      maxLength: personPool.length,
    });
    fc.assert(
      fc.property(records('a'), records('b'), levelOfPerson, (a0, b0, levels) => {
        const levelOf = (p: string) => levels[personPool.indexOf(p)]!;
        const [a, b] = [a0, b0].map((rs) =>
          rs.map((r) => ({ ...r, level: levelOf(r.interfererId) })),
        );
        const regional = computeRegionalSummary(
          new Map([
            ['A', a!],
            ['B', b!],
          ]),
          options2017,
        );
        const sum = sumUnitSummaries([
          computeSummary(a!, options2017),
          computeSummary(b!, options2017),
        ]);
        const shared = [...distinct(a!)].filter((p) => distinct(b!).has(p));

        for (const level of allLevels) {
          const sharedHere = shared.filter((p) => levelOf(p) === level).length;
          expect(regional.persons[level]).toBe(sum.persons[level]! - sharedHere);
        }
      }),
    );
  });

  it('a 2023 summary of 2017 records is the 2017 summary folded through the mapping', () => {
    fc.assert(
      fc.property(records('r'), (rs) => {
        const old = computeSummary(rs, options2017);
        const mapped = computeSummary(rs, options2023);
        const folded: Record<string, number> = zeros(v2023.situations);
        for (const { from, to } of defaultSituationMapping) folded[to]! += old.situations[from]!;

        expect(mapped.situations).toEqual({ ...folded, total: old.situations.total });
        expect(mapped.persons).toEqual(old.persons);
        expect(mapped.forms).toEqual(old.forms);
      }),
    );
  });

  it('balanceProblems notices any one count changed', () => {
    const cell = fc.constantFrom<[keyof Summary, string | null]>(
      ['persons', 'township'],
      ['persons', 'total'],
      ['forms', 'oral'],
      ['forms', 'total'],
      ['situations', '2017-5'],
      ['situations', 'total'],
      ['records', null],
    );
    fc.assert(
      fc.property(records('r'), cell, fc.integer({ min: 1, max: 5 }), (rs, [block, row], by) => {
        const summary = computeSummary(rs, options2017);
        if (row === null) summary.records += by;
        else (summary[block] as Record<string, number>)[row]! += by;

        expect(balanceProblems(summary)).not.toEqual([]);
      }),
    );
  });
});
