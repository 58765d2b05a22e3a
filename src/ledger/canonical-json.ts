/**
 * The JSON Canonicalization Scheme of RFC 8785 (JCS): one exact text for a JSON value, so that
 * the log hashes an event the same way on every machine and a verifier can recompute it.
 *
 * JCS is JSON.stringify's own serialisation of primitives (RFC 8785 §3.2.2) with object members
 * sorted by the UTF-16 code units of their names (§3.2.3) and no whitespace. It is defined on
 * I-JSON (RFC 7493), so anything JSON cannot carry faithfully is refused instead of being
 * silently dropped or changed the way JSON.stringify would: undefined, functions, symbols,
 * bigints, NaN and ±Infinity, lone surrogates, cycles, and objects other than plain ones and
 * arrays (a Date, a Map, a class instance).
 */

/** A JSON value as canonicalJson accepts it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Thrown for a value JCS cannot represent; `path` points at it, e.g. `$.witnesses[2].name`. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`cannot canonicalise ${path}: ${problem}`);
  }
}

// A lone surrogate has no UTF-8 encoding; I-JSON (RFC 7493 §2.1) forbids it.
const LONE_SURROGATE = /\p{Surrogate}/u;

// Deeper nesting than any event needs; refusing it keeps hostile input from exhausting the stack.
const MAX_DEPTH = 256;

/**
 * The RFC 8785 canonical text of `value`.
 *
 * Precondition: `value` is JSON data made of null, booleans, finite numbers, well-formed
 * strings, arrays without holes and plain objects, with no cycles. Anything else throws a
 * {@link CanonicalJsonError} naming where it is. Invariant: the output parses back with
 * JSON.parse to an equal value, and canonicalJson(JSON.parse(output)) === output.
 *
 * @example canonicalJson({ b: [1e21, -0], a: 'ü' }) // '{"a":"ü","b":[1e+21,0]}'
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', []);
}

function serialise(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serialiseNumber(value, path);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      return value === null ? 'null' : serialiseContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(path, `got ${typeof value}, want a JSON value`);
  }
}

// RFC 8785 §3.2.2.3: numbers are written exactly as ECMAScript's Number::toString writes them
// (shortest round-trip form, exponent from 1e21 and below 1e-6, and -0 as 0).
function serialiseNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalJsonError(path, `got ${value}, want a finite number`);
  }

  return String(value);
}

// RFC 8785 §3.2.2.2: JSON.stringify's escaping is the canonical one (\b \t \n \f \r, other
// controls as lowercase \u00xx, everything else literal) once lone surrogates are excluded.
function serialiseString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new CanonicalJsonError(path, 'got a string with a lone surrogate, want valid unicode');
  }

  return JSON.stringify(value);
}

function serialiseContainer(value: object, path: string, ancestors: object[]): string {
  if (ancestors.includes(value)) {
    throw new CanonicalJsonError(path, 'got a cycle, want a tree of values');
  }

  if (ancestors.length >= MAX_DEPTH) {
    throw new CanonicalJsonError(path, `got nesting deeper than ${MAX_DEPTH}, want less`);
  }

  const inside = [...ancestors, value];
  if (Array.isArray(value)) {
    return serialiseArray(value, path, inside);
  }

  const refusal = whyNotPlain(value);
  if (refusal !== undefined) {
    throw new CanonicalJsonError(path, refusal);
  }

  return serialiseObject(value, path, inside);
}

function serialiseArray(value: readonly unknown[], path: string, ancestors: object[]): string {
  const items: string[] = [];
  // A for loop rather than map, so holes in sparse arrays are visited and refused.
  for (let i = 0; i < value.length; i++) {
    items.push(serialise(value[i], `${path}[${i}]`, ancestors));
  }

  return `[${items.join(',')}]`;
}

// RFC 8785 §3.2.3: members sorted by name compared as arrays of UTF-16 code units, which is
// what JavaScript's < does on strings; names are serialised like any other string.
function serialiseObject(value: object, path: string, ancestors: object[]): string {
  const record = value as Record<string, unknown>;
  const names = Object.keys(record).sort(compareCodeUnits);
  const members = names.map((name) => {
    const memberPath = `${path}${formatMember(name)}`;

    return `${serialiseString(name, memberPath)}:${serialise(record[name], memberPath, ancestors)}`;
  });

  return `{${members.join(',')}}`;
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}

// Only plain objects are JSON objects; symbol-keyed members are refused rather than skipped,
// since skipping them would leave them out of the hash without anyone noticing.
function whyNotPlain(value: object): string | undefined {
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name: unknown = prototype?.constructor?.name;
    const got = typeof name === 'string' && name !== '' ? `a ${name}` : 'a non-plain object';

    return `got ${got}, want a plain object`;
  }

  if (Object.getOwnPropertySymbols(value).length > 0) {
    return 'got an object with symbol keys, want string keys only';
  }

  return undefined;
}

function formatMember(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
