import { describe, expect, it } from 'vitest';
import { dateTimeText } from '../../src/imports/cell-values.js';
import { formOfBoxes } from '../../src/imports/form-boxes.js';
import { contentOf, witnessesOf } from '../../src/imports/ledger-text.js';

describe('干预时间 as text', () => {
  it.each([
    ['2020年5月12日15时', null, '2020-05-12T15'],
    ['2020年6月2日', null, '2020-06-02'],
    [' 2020.5.12 15:00 ', null, '2020-05-12T15'],
    ['2020/5/12', null, '2020-05-12'],
    ['2020-05-12T09', null, '2020-05-12T09'],
    ['5月12日15时', 2020, '2020-05-12T15'],
    ['２０２０年５月１２日１５时', null, '2020-05-12T15'],
    ['2020年5月12日 15时30分', null, '2020-05-12T15'],
  ] as const)('reads “%s”', (text, year, want) => {
    expect(dateTimeText(text, year)).toEqual({ ok: true, value: want });
  });

  it.each([
    ['5月12日15时', null, '没有年份'],
    ['2020年2月30日', null, '不是有效的日期'],
    ['2020年5月12日25时', null, '0 到 23'],
    ['上周三下午', null, '无法识别的时间'],
  ] as const)('refuses “%s”', (text, year, message) => {
    const read = dateTimeText(text, year);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toContain(message);
  });
});

describe('干预形式 boxes', () => {
  const boxes = (a: string, b: string, c: string) => [
    { text: a, byPosition: 'oral' as const },
    { text: b, byPosition: 'letter' as const },
    { text: c, byPosition: 'message' as const },
  ];

  it.each([
    [boxes('☑ 口头干预', '☐ 来文来函', '☐ 通讯信息'), 'oral'],
    [boxes('□口头干预', '√ 来文来函', '□通讯信息'), 'letter'],
    [boxes('口头干预', '来文来函', '■ 通讯信息'), 'message'],
    [boxes('口头干预✓', '来文来函', '通讯信息'), 'oral'],
    [boxes('', '来文来函', ''), 'letter'],
    [boxes('☐ 口头干预 ☑ 来文来函 ☐ 通讯信息', '', ''), 'letter'],
  ])('reads %j as %s', (given, want) => {
    expect(formOfBoxes(given)).toEqual({ ok: true, value: want });
  });

  it('refuses two ticks and none', () => {
    expect(formOfBoxes(boxes('☑ 口头干预', '☑ 来文来函', '')).ok).toBe(false);
    expect(formOfBoxes(boxes('☐ 口头干预', '☐ 来文来函', '☐ 通讯信息')).ok).toBe(false);
  });
});

describe('干预内容 and 在场人员 as the ledger prints them', () => {
  it('reads contentText back, multi-line words included', () => {
    const text = [
      '统计指标：地区生产总值（2020年一季度）、规模以上工业增加值（2020年一、二季度）',
      '案件：某企业统计造假案；涉案单位：某企业；涉案人员：钱某、孙某',
      '具体表述：第一句',
      '第二句',
      '信息存储介质：手机',
    ].join('\n');

    expect(contentOf(text)).toEqual({
      ok: true,
      value: {
        indicators: [
          { name: '地区生产总值', period: '2020年一季度' },
          { name: '规模以上工业增加值', period: '2020年一、二季度' },
        ],
        case: { name: '某企业统计造假案', units: ['某企业'], persons: ['钱某', '孙某'] },
        words: '第一句\n第二句',
        storageMedium: '手机',
      },
    });
    expect(contentOf('领导打电话要求调整')).toEqual({
      ok: true,
      value: { description: '领导打电话要求调整' },
    });
  });

  it('reads witnesses with posts and signature notes', () => {
    expect(witnessesOf('李某（统计股股长）（已电子签名）、王某')).toEqual({
      ok: true,
      value: [{ name: '李某', post: '统计股股长' }, { name: '王某' }],
    });
  });
});
