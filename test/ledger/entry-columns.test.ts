/**
 * The check that an entry's index columns (type, actor, at) say what its hashed text says.
 * It compares in place instead of building the JSON it expects; a slow version that builds
 * it, and matches the closing with one regular expression, is the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { columnProblem } from '../../src/verification/entry-columns.js';

interface Row {
  entry: string;
  type: string;
  actor: string | null;
  at: string;
}

function slowColumnProblem(row: Row): string | null {
  const actor = row.actor === null ? 'null' : `{"username":${JSON.stringify(row.actor)}}`;
  const opening = `{"actor":${actor},"at":${JSON.stringify(row.at)},`;
  if (!row.entry.startsWith(opening)) return 'its actor or time column differs from its text';

  const closing = /,"type":("(?:[^"\\]|\\.)*"),"unit":(?:null|"(?:[^"\\]|\\.)*")\}$/.exec(
    row.entry.slice(Math.max(0, row.entry.lastIndexOf(',"type":'))),
  );
  if (!closing || closing[1] !== JSON.stringify(row.type)) {
    return 'its type column differs from its text';
  }

  return null;
}

/** Strings with what JSON escapes: quotes, backslashes, controls, and Chinese beside them. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '干', '}', ',', ':') }),
  fc.string(),
);
const event = fc.record({
  actor: fc.option(fc.record({ username: text }), { nil: null }),
  at: text,
  data: fc.dictionary(text, text),
  type: text,
  unit: fc.option(text, { nil: null }),
});

type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

function rowOf(e: Event): Row {
  return { entry: canonicalJson(e), type: e.type, actor: e.actor?.username ?? null, at: e.at };
}

describe('the index columns held against the entry text', () => {
  it('accepts every well-formed entry whose columns match it', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(columnProblem(rowOf(e))).toBeNull();
      }),
    );
  });

  it('answers as the slow reference does when a column or the text is changed', () => {
    const change = fc.constantFrom('type', 'actor', 'at', 'entry') as fc.Arbitrary<keyof Row>;
    fc.assert(
      fc.property(event, change, text, (e, column, value) => {
        const row = { ...rowOf(e), [column]: column === 'entry' ? `${value}${e.type}` : value };

        expect(columnProblem(row)).toBe(slowColumnProblem(row));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['a relabelled type', { type: 'unit.viewed' }, 'its type column differs from its text'],
    ['an actor set on a system event', { actor: 'x' }, 'its actor or time column differs'],
    ['a time moved by a second', { at: '2026-01-05T02:00:01.000Z' }, 'its actor or time'],
  ] as const)('names %s', (_, change, problem) => {
    const entry = canonicalJson({
      actor: null,
      at: '2026-01-05T02:00:00.000Z',
      data: { note: '"引号" \\ 和换行\n' },
      type: 'record.read',
      unit: '410221',
    });
    const row = { entry, type: 'record.read', actor: null, at: '2026-01-05T02:00:00.000Z' };

    expect(columnProblem(row)).toBeNull();
    expect(columnProblem({ ...row, ...change })).toContain(problem);
  });
});
