import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import type { HashAlgorithm } from '../../src/ledger/hash-algorithm.js';
import { inclusionProof, rootHash } from '../../src/ledger/merkle-tree.js';
import { type Receipt, verifyReceipt } from '../../src/ledger/receipt.js';
import { generateSigningKey, type SigningKey, verifierKeyOf } from '../../src/ledger/signer.js';
import { flipBit } from './proof-fixtures.js';

const log = 'liuhen.example/410221';

const entries = Array.from({ length: 13 }, (_, i) =>
  canonicalJson({ type: 'record.created', sequence: i, unit: '410221', reason: '补充记录' }),
);

function buildReceipt(
  key: SigningKey,
  alg: HashAlgorithm,
  index: number,
  size = entries.length,
): Receipt {
  const checkpoint = signCheckpoint(
    { origin: log, size, rootHash: rootHash(entries.slice(0, size), alg), time: new Date(), alg },
    key,
  );

  return {
    version: 1,
    log,
    alg,
    index,
    entry: entries[index]!,
    proof: inclusionProof(entries, index, size, alg),
    checkpoint,
    publicKey: verifierKeyOf(key),
  };
}

describe.each([
  ['sm2', 'sm3'],
  ['ed25519', 'sha256'],
] as const)('receipts signed with %s over %s', (signatureAlg, alg) => {
  const key = generateSigningKey(signatureAlg, log);
  const receipt = buildReceipt(key, alg, 5);

  it('verify against the trusted key', () => {
    expect(verifyReceipt(receipt, [verifierKeyOf(key)])).toEqual({ ok: true, problems: [] });
  });

  it('verify against their own key when no key is given', () => {
    expect(verifyReceipt(receipt)).toEqual({ ok: true, problems: [] });
  });

  it('survive a JSON round trip', () => {
    expect(verifyReceipt(JSON.parse(JSON.stringify(receipt)), [key]).ok).toBe(true);
  });

  it('verify for every leaf of every size', () => {
    for (let size = 1; size <= 6; size++) {
      for (let index = 0; index < size; index++) {
        expect(verifyReceipt(buildReceipt(key, alg, index, size)).problems).toEqual([]);
      }
    }
  });

  // Another key under the same name has another key ID, so its signature is not even tried.
  it('fail against a key that is not trusted', () => {
    const other = verifierKeyOf(generateSigningKey(signatureAlg, log));
    const result = verifyReceipt(receipt, [other]);

    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^checkpoint: signatures: got only liuhen.example\/410221 \(\w{8}\), want one by/,
      ),
    ]);
  });
});

describe('a receipt with something changed', () => {
  const key = generateSigningKey('sm2', log);
  const good = buildReceipt(key, 'sm3', 6);
  const trusted = [verifierKeyOf(key)];

  it.each<[string, Partial<Record<keyof Receipt, unknown>>, RegExp]>([
    [
      'another entry',
      { entry: entries[7] },
      /^root from the proof: got [0-9a-f]{64}, want [0-9a-f]{64}$/,
    ],
    [
      'a non-canonical entry',
      { entry: ` ${entries[6]}` },
      /^entry: got .*, want its canonical form/,
    ],
    ['an entry that is not json', { entry: '{' }, /^entry: got text that is not json/],
    [
      'an entry JCS refuses',
      { entry: '"\\ud800"' },
      /^entry: cannot canonicalise \$: .*lone surrogate/,
    ],
    ['another index', { index: 7 }, /^root from the proof/],
    [
      'an index beyond the tree',
      { index: 13 },
      /^index: got 13, want below the checkpoint size 13$/,
    ],
    [
      'a shorter proof',
      { proof: good.proof.slice(1) },
      /^proof: got 3 hashes, want the length for leaf 6 of 13$/,
    ],
    [
      'a flipped proof bit',
      { proof: [flipBit(good.proof[0]!, 9), ...good.proof.slice(1)] },
      /^root from the proof/,
    ],
    [
      'another log',
      { log: 'liuhen.example/410222' },
      /^log: got "liuhen.example\/410222", want the checkpoint origin/,
    ],
    ['another hash algorithm', { alg: 'sha256' }, /^alg: got sha256, want the checkpoint's sm3$/],
    [
      'a changed checkpoint',
      { checkpoint: good.checkpoint.replace('\n13\n', '\n12\n') },
      /^checkpoint: signature by/,
    ],
  ])('fails for %s', (_, change, problem) => {
    const result = verifyReceipt({ ...good, ...change }, trusted);

    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.stringMatching(problem));
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /^receipt: got null, want a json object$/],
    ['an array', [], /^receipt: got an array/],
    ['version 2', { ...good, version: 2 }, /^version: got 2, want 1$/],
    ['no log', { ...good, log: undefined }, /^log: got nothing/],
    ['an unknown alg', { ...good, alg: 'md5' }, /^alg: got "md5"/],
    ['a negative index', { ...good, index: -1 }, /^index: got -1/],
    ['a proof of numbers', { ...good, proof: [1] }, /^proof: want an array of hex hashes$/],
    ['a bigint index', { ...good, index: 1n }, /^index: got a value of type bigint/],
    ['no public key', { ...good, publicKey: null }, /^publicKey: want a key object$/],
  ])('names the problem for %s', (_, receipt, problem) => {
    const result = verifyReceipt(receipt);

    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.stringMatching(problem));
  });

  it('reports a malformed public key when it is the only key', () => {
    const result = verifyReceipt({ ...good, publicKey: { alg: 'sm2', name: log, publicKey: '' } });

    expect(result.problems).toEqual([
      expect.stringMatching(/^checkpoint: public key of .* got 0 bytes/),
    ]);
  });

  it('never throws, whatever it is given', () => {
    const field = fc.constantFrom<keyof Receipt>(
      'version',
      'log',
      'alg',
      'index',
      'entry',
      'proof',
      'checkpoint',
      'publicKey',
    );
    fc.assert(
      fc.property(field, fc.anything(), fc.anything(), (name, value, keys) => {
        expect(verifyReceipt({ ...good, [name]: value }).ok).toBeTypeOf('boolean');
        expect(verifyReceipt(value, keys as never).ok).toBe(false);
      }),
    );
  });
});
