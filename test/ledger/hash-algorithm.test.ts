import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  digest,
  emptyRoot,
  hashFromHex,
  hashListFromHex,
  leafHash,
  nodeHash,
  nodeHashBytes,
  toHex,
} from '../../src/ledger/hash-algorithm.js';
import { hashVectors } from './proof-fixtures.js';

describe('SM3 from node:crypto (GB/T 32905-2016 examples)', () => {
  it('hashes "abc"', () => {
    expect(toHex(digest('sm3', Buffer.from('abc')))).toBe(hashVectors.sm3.abc);
  });

  it('hashes "abcd" sixteen times', () => {
    expect(toHex(digest('sm3', Buffer.from('abcd'.repeat(16))))).toBe(hashVectors.sm3.abcd_x16);
  });

  it('hashes parts as their concatenation', () => {
    expect(toHex(digest('sm3', Buffer.from('a'), Buffer.from('bc')))).toBe(hashVectors.sm3.abc);
  });
});

describe('RFC 9162 §2.1.1 hashes', () => {
  it('gives H("") as the empty root', () => {
    expect(emptyRoot('sha256')).toBe(hashVectors.rfc6962_sha256.empty_tree_root);
    expect(emptyRoot('sm3')).toBe(createHash('sm3').digest('hex'));
  });

  it('prefixes leaves with 0x00', () => {
    const want = createHash('sm3').update(Buffer.from('00616263', 'hex')).digest('hex');

    expect(leafHash('abc', 'sm3')).toBe(want);
    expect(leafHash(Buffer.from('abc'), 'sm3')).toBe(want);
  });

  it('hashes a string entry as UTF-8', () => {
    const want = createHash('sha256').update(
      Buffer.concat([Buffer.of(0), Buffer.from('留痕', 'utf8')]),
    );

    expect(leafHash('留痕', 'sha256')).toBe(want.digest('hex'));
  });

  it('prefixes interior nodes with 0x01', () => {
    const left = leafHash('a', 'sm3');
    const right = leafHash('b', 'sm3');
    const want = createHash('sm3')
      .update(Buffer.from(`01${left}${right}`, 'hex'))
      .digest('hex');

    expect(nodeHash(left, right, 'sm3')).toBe(want);
  });

  it('refuses children that are not hashes', () => {
    expect(() => nodeHashBytes(Buffer.alloc(31), Buffer.alloc(32), 'sm3')).toThrow(
      /got 31 bytes, want 32/,
    );
    expect(() => nodeHash('zz', leafHash('b', 'sm3'), 'sm3')).toThrow(/want 64 hex digits/);
  });

  it('refuses an unknown algorithm', () => {
    expect(() => leafHash('a', 'md5' as 'sm3')).toThrow(/got md5, want sm3 or sha256/);
  });
});

describe('hex', () => {
  it('decodes 64 hex digits of either case', () => {
    const hex = hashVectors.sm3.abc;

    expect(toHex(hashFromHex(hex)!)).toBe(hex);
    expect(toHex(hashFromHex(hex.toUpperCase())!)).toBe(hex);
  });

  it.each([
    ['short', 'ab'],
    ['non-hex', `${'0'.repeat(63)}x`],
    ['a number', 42],
    ['null', null],
  ])('rejects %s input', (_, value) => {
    expect(hashFromHex(value)).toBeUndefined();
  });

  it('rejects lists that are too long before decoding them', () => {
    expect(hashListFromHex([hashVectors.sm3.abc], 1)).toHaveLength(1);
    expect(hashListFromHex([hashVectors.sm3.abc, hashVectors.sm3.abc], 1)).toBeUndefined();
    expect(hashListFromHex('not a list', 1)).toBeUndefined();
  });
});
