import { describe, expect, it } from 'vitest';

import { breakLines } from '../../src/documents/line-breaking.js';

// Every character one unit wide, so widths read as character counts.
const measure = (text: string) => [...text].length;

describe('breakLines', () => {
  it.each([
    ['Chinese breaks between any two characters', '一二三四五六', 4, ['一二三四', '五六']],
    ['a Latin word stays whole', '运行 liuhen receipt', 10, ['运行 liuhen', 'receipt']],
    [
      'a file name is not cut inside its extension',
      '校验 回执.json 文件',
      9,
      ['校验 回', '执.json 文件'],
    ],
    ['closing punctuation never starts a line', '一二三，四', 3, ['一二', '三，四']],
    ['opening punctuation never ends a line', '一二（三）', 3, ['一二', '（三）']],
    ['a word wider than the line is cut', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a newline always breaks', '一\n二', 10, ['一', '二']],
    ['leading spaces indent', '  命令', 10, ['  命令']],
    ['nothing is one empty line', '', 10, ['']],
  ])('%s', (_, text, width, lines) => {
    expect(breakLines(text, width, measure)).toEqual(lines);
  });

  it('loses no character but the spaces at breaks', () => {
    const text =
      '3. 校验通过，即证明日志“liuhen.example/410221”第 777 条（从 0 起计）所记事件存在。';
    for (const width of [3, 7, 12, 30]) {
      const lines = breakLines(text, width, measure);

      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      expect(lines.every((line) => measure(line) <= width)).toBe(true);
    }
  });
});
