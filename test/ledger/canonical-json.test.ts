import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CanonicalJsonError, canonicalJson } from '../../src/ledger/canonical-json.js';

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));

  return view.getFloat64(0);
}

describe('RFC 8785 examples', () => {
  it('sorts members by UTF-16 code units, whatever the script (§3.2.3)', () => {
    const input = JSON.parse(`{
      "\\u20ac": "Euro Sign",
      "\\r": "Carriage Return",
      "\\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\\ud83d\\ude00": "Emoji: Grinning Face",
      "\\u0080": "Control",
      "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`);

    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('puts an emoji (a surrogate pair) before a BMP character above U+D800', () => {
    expect(canonicalJson({ '\ufb33': 1, '\u{1f600}': 2, '\u20ac': 3 })).toBe(
      '{"\u20ac":3,"\u{1f600}":2,"\ufb33":1}',
    );
  });

  it('writes the §3.2.2 example exactly', () => {
    const input = JSON.parse(`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`);

    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  // Appendix B: IEEE 754 bit patterns and their ECMAScript serialisation.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double 0x%s as %s', (bits, want) => {
    expect(canonicalJson(fromBits(bits))).toBe(want);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'refuses the non-finite double 0x%s',
    (bits) => {
      expect(() => canonicalJson(fromBits(bits))).toThrow(/want a finite number/);
    },
  );
});

describe('canonicalJson', () => {
  it('writes no whitespace and sorts nested objects', () => {
    expect(canonicalJson({ z: { b: 1, a: [true, null] }, a: '' })).toBe(
      '{"a":"","z":{"a":[true,null],"b":1}}',
    );
  });

  it('writes -0 as 0, 1e21 with an exponent and 0.000001 without one', () => {
    expect(canonicalJson([-0, 1e21, 1e20, 0.000001, 1e-7])).toBe(
      '[0,1e+21,100000000000000000000,0.000001,1e-7]',
    );
  });

  it('escapes controls the JSON.stringify way and leaves other characters literal', () => {
    expect(canonicalJson('\u0000\u001f\u007f\u2028"\\/干预')).toBe(
      '"\\u0000\\u001f\u007f\u2028\\"\\\\/干预"',
    );
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });

    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it.each([
    ['undefined', undefined, '$', /got undefined/],
    ['an undefined member', { a: { b: undefined } }, '$.a.b', /got undefined/],
    ['a hole in an array', Object.assign([1], { 2: 3 }), '$[1]', /got undefined/],
    ['NaN', { n: Number.NaN }, '$.n', /finite/],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0]', /finite/],
    ['a bigint', { n: 10n }, '$.n', /got bigint/],
    ['a function', { f() {} }, '$.f', /got function/],
    ['a symbol', Symbol('x'), '$', /got symbol/],
    ['a Date', { at: new Date(0) }, '$.at', /got a Date, want a plain object/],
    ['a Map', new Map(), '$', /got a Map/],
    ['a class instance', new (class Event {})(), '$', /got a Event/],
    ['a typed array', Uint8Array.of(1), '$', /got a Uint8Array/],
    ['a symbol key', { [Symbol('k')]: 1 }, '$', /symbol keys/],
    ['a lone surrogate', { 名: '\ud800' }, '$["名"]', /lone surrogate/],
    ['a lone surrogate in a name', { '\udc00': 1 }, '$["\\udc00"]', /lone surrogate/],
  ])('refuses %s, naming where it is', (_, value, path, message) => {
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).path).toBe(path);
    expect((error as CanonicalJsonError).message).toMatch(message);
  });

  it('refuses cycles', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;

    expect(() => canonicalJson(looped)).toThrow(/\$\.self: got a cycle/);
  });

  it('accepts the same value twice when it is not a cycle', () => {
    const shared = { x: 1 };

    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 10_000; i++) {
      deep = [deep];
    }

    expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
  });

  it('round-trips any JSON value to the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);

        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('gives the same text whatever order the members were inserted in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());

        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });
});
