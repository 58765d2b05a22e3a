import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  type Checkpoint,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from '../../src/ledger/checkpoint.js';
import { rootHash } from '../../src/ledger/merkle-tree.js';
import { parseSignedNote, signNote, verifyNote } from '../../src/ledger/signed-note.js';
import {
  generateSigningKey,
  keyIdOf,
  type SigningKey,
  type VerifierKey,
  verifierKeyOf,
} from '../../src/ledger/signer.js';

const origin = 'liuhen.example/410221';

const checkpoint: Checkpoint = {
  origin,
  size: 8,
  rootHash: rootHash(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 'sm3'),
  time: new Date('2026-12-03T10:00:00Z'),
  alg: 'sm3',
};

const keys = {
  sm2: generateSigningKey('sm2', origin),
  ed25519: generateSigningKey('ed25519', origin),
};

// The example of golang.org/x/mod/sumdb/note's documentation: an Ed25519 signed note made by
// Go's implementation. Ed25519 is deterministic, so signing the same text with the same key must
// give the same note byte for byte, and the key ID must match the one in the Go key string.
const goExample = {
  // "PeterNeumann+c74f20a3+ARpc…" and "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEK…": the base64
  // holds the type byte 0x01 and then the key.
  verifierKey: 'ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  signerKey: 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  keyId: 'c74f20a3',
  text:
    'If you think cryptography is the answer to your problem,\n' +
    "then you don't know what your problem is.\n",
  signature:
    'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
};

function withoutTypeByte(base64: string): string {
  return Buffer.from(base64, 'base64').subarray(1).toString('base64');
}

describe('signed notes, against Go’s sumdb/note example', () => {
  const peter: SigningKey = {
    alg: 'ed25519',
    name: 'PeterNeumann',
    publicKey: withoutTypeByte(goExample.verifierKey),
    privateKey: withoutTypeByte(goExample.signerKey),
  };
  const note = `${goExample.text}\n— PeterNeumann ${goExample.signature}\n`;

  it('derives the same key ID', () => {
    expect(keyIdOf(peter).toString('hex')).toBe(goExample.keyId);
  });

  it('signs the same note byte for byte', () => {
    expect(signNote(goExample.text, [peter])).toBe(note);
  });

  it('verifies the note Go signed', () => {
    const parsed = parseSignedNote(note);

    expect(parsed.ok && verifyNote(parsed.note, [verifierKeyOf(peter)]).ok).toBe(true);
  });

  it('rejects it with one letter changed', () => {
    const parsed = parseSignedNote(note.replace('cryptography', 'cryptographY'));

    expect(parsed.ok && verifyNote(parsed.note, [peter]).ok).toBe(false);
  });
});

describe('formatCheckpoint', () => {
  it('writes origin, size, base64 root, then the time and hash extension lines', () => {
    const root = Buffer.from(checkpoint.rootHash, 'hex').toString('base64');

    expect(formatCheckpoint(checkpoint)).toBe(
      `${origin}\n8\n${root}\ntime 2026-12-03T10:00:00Z\nhash sm3\n`,
    );
  });

  it('writes the time to the second', () => {
    const body = formatCheckpoint({ ...checkpoint, time: new Date('2026-12-03T10:00:00.987Z') });

    expect(body).toContain('\ntime 2026-12-03T10:00:00Z\n');
  });

  it('writes only the three lines when there are no extensions', () => {
    expect(
      formatCheckpoint({ origin, size: 0, rootHash: checkpoint.rootHash }).split('\n'),
    ).toHaveLength(4);
  });

  it.each([
    ['an origin with a space', { origin: 'a b' }, /origin/],
    ['an empty origin', { origin: '' }, /origin/],
    ['a negative size', { size: -1 }, /tree size/],
    ['a fractional size', { size: 1.5 }, /tree size/],
    ['a short root', { rootHash: 'abcd' }, /root hash/],
    ['an invalid time', { time: new Date(Number.NaN) }, /time/],
    ['an unknown hash', { alg: 'md5' }, /hash/],
    ['an empty extension', { extensions: [''] }, /extension line/],
    ['an extension with a newline', { extensions: ['a\nb'] }, /extension line/],
    [
      'an extension posing as the time',
      { extensions: ['time 2020-01-01T00:00:00Z'] },
      /extension line/,
    ],
  ])('refuses %s', (_, override, message) => {
    expect(() => formatCheckpoint({ ...checkpoint, ...override } as Checkpoint)).toThrow(message);
  });
});

describe.each(['sm2', 'ed25519'] as const)('signed checkpoints (%s)', (alg) => {
  const key = keys[alg];
  const trusted = [verifierKeyOf(key)];
  const signed = signCheckpoint(checkpoint, key);

  it('round-trip: verify and give back the checkpoint', () => {
    const verification = verifyCheckpoint(signed, trusted);

    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.verifiedBy).toEqual(trusted);
    expect(verification.checkpoint).toEqual({ ...checkpoint, extensions: [] });
  });

  it('keep unknown extension lines', () => {
    const text = signCheckpoint({ ...checkpoint, extensions: ['witness none'] }, key);

    expect(verifyCheckpoint(text, trusted).checkpoint?.extensions).toEqual(['witness none']);
  });

  it('fail when any byte of the body changes', () => {
    const body = formatCheckpoint(checkpoint);
    for (let at = 0; at < body.length - 1; at++) {
      if (body[at] === '\n') {
        continue;
      }

      const other = body[at] === 'x' ? 'y' : 'x';
      const changed = `${signed.slice(0, at)}${other}${signed.slice(at + 1)}`;

      expect(verifyCheckpoint(changed, trusted).ok, `byte ${at}`).toBe(false);
    }
  });

  it('fail when any bit of the signature changes', () => {
    const line = signed.slice(signed.lastIndexOf('— '));
    const encoded = line.split(' ')[2]!.trim();
    const bytes = Buffer.from(encoded, 'base64');
    for (let bit = 32; bit < bytes.length * 8; bit += 7) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const text = signed.replace(encoded, flipped.toString('base64'));

      expect(verifyCheckpoint(text, trusted).ok, `bit ${bit}`).toBe(false);
    }
  });

  it('ignore a signature whose key ID is unknown, and then find no trusted one', () => {
    const line = signed.slice(signed.lastIndexOf('— '));
    const encoded = line.split(' ')[2]!.trim();
    const bytes = Buffer.from(encoded, 'base64');
    bytes[0]! ^= 1;
    const verification = verifyCheckpoint(
      signed.replace(encoded, bytes.toString('base64')),
      trusted,
    );

    expect(verification.ok).toBe(false);
    expect(verification.problems[0]).toMatch(
      /^signatures: got only liuhen.example\/410221 \(\w{8}\), want one by/,
    );
  });

  it('are rejected when no key is trusted, or another key is', () => {
    const stranger = verifierKeyOf(generateSigningKey(alg, 'other.example/1'));

    expect(verifyCheckpoint(signed, []).problems).toEqual([
      expect.stringMatching(/no trusted key was given/),
    ]);
    expect(verifyCheckpoint(signed, [stranger]).ok).toBe(false);
  });

  it('are rejected when a trusted key with the same name and ID fails to verify', () => {
    const impostor = signCheckpoint(checkpoint, {
      ...key,
      privateKey: generateSigningKey(alg, origin).privateKey,
    });
    const verification = verifyCheckpoint(impostor, trusted);

    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual([
      expect.stringMatching(/^signature by liuhen.example\/410221 .* does not verify$/),
    ]);
  });
});

describe('checkpoints with several signatures', () => {
  const both = signCheckpoint(checkpoint, [keys.sm2, keys.ed25519]);

  it('verify with either key trusted, naming which verified', () => {
    expect(verifyCheckpoint(both, [verifierKeyOf(keys.ed25519)]).verifiedBy).toEqual([
      verifierKeyOf(keys.ed25519),
    ]);
    expect(verifyCheckpoint(both, [keys.sm2, keys.ed25519]).verifiedBy).toHaveLength(2);
  });

  it('report a malformed trusted key instead of skipping it', () => {
    const broken: VerifierKey = { alg: 'sm2', name: origin, publicKey: 'AAAA' };
    const verification = verifyCheckpoint(both, [broken, keys.ed25519]);

    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual([expect.stringMatching(/public key of .*got 3 bytes/)]);
  });
});

describe('parseCheckpoint', () => {
  const root = Buffer.from(checkpoint.rootHash, 'hex').toString('base64');
  const signature = `— ${origin} ${Buffer.alloc(68, 7).toString('base64')}\n`;
  const note = (body: string): string => `${body}\n${signature}`;

  it('parses the text and signatures without checking them', () => {
    const parsed = parseCheckpoint(note(`${origin}\n8\n${root}\n`));

    expect(parsed.ok && parsed.checkpoint).toEqual({
      origin,
      size: 8,
      rootHash: checkpoint.rootHash,
      extensions: [],
    });
    expect(parsed.ok && parsed.note.signatures[0]?.keyId.toString('hex')).toBe('07070707');
  });

  it('accepts the largest safe tree size', () => {
    const parsed = parseCheckpoint(note(`${origin}\n9007199254740991\n${root}\n`));

    expect(parsed.ok && parsed.checkpoint.size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['not-text', 42],
    ['too-large', note(`${origin}\n8\n${root}\n${'x'.repeat(200_000)}\n`)],
    ['invalid-character', note(`${origin}\r\n8\n${root}\n`)],
    ['invalid-character', note(`${origin}\n8\n${root}\n\u0000\n`)],
    ['invalid-character', note(`${origin}\n8\n${root}\n\ud800\n`)],
    ['no-signatures', `${origin}\n8\n${root}\n`],
    ['no-signatures', `${origin}\n8\n${root}\n\n`],
    ['no-signatures', note(`${origin}\n8\n${root}\n`).slice(0, -1)],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n- ${origin} AAAAAAA=\n`],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n— ${origin} AAAA\n`],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n— ${origin}  AAAAAAA=\n`],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n— ${origin} AAAAAAA= extra\n`],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n— a+b AAAAAAA=\n`],
    ['bad-signature-line', `${origin}\n8\n${root}\n\n— ${origin} AAAAAAA\n`],
    ['too-many-signatures', `${origin}\n8\n${root}\n\n${signature.repeat(65)}`],
    ['too-few-lines', note(`${origin}\n8\n`)],
    ['bad-origin', note(`\n8\n${root}\n`)],
    ['bad-size', note(`${origin}\n08\n${root}\n`)],
    ['bad-size', note(`${origin}\n-1\n${root}\n`)],
    ['bad-size', note(`${origin}\n8.0\n${root}\n`)],
    ['bad-size', note(`${origin}\n 8\n${root}\n`)],
    ['bad-size', note(`${origin}\n9007199254740992\n${root}\n`)],
    ['bad-root-hash', note(`${origin}\n8\n${root.slice(0, -4)}\n`)],
    ['bad-root-hash', note(`${origin}\n8\n${checkpoint.rootHash}\n`)],
    ['bad-extension', note(`${origin}\n8\n${root}\ntime 2026-02-30T10:00:00Z\n`)],
    ['bad-extension', note(`${origin}\n8\n${root}\ntime 2026-12-03 10:00:00Z\n`)],
    ['bad-extension', note(`${origin}\n8\n${root}\ntime 2026-12-03T10:00:00+08:00\n`)],
    ['bad-extension', note(`${origin}\n8\n${root}\nhash md5\n`)],
    ['bad-extension', note(`${origin}\n8\n${root}\nhash sm3\nhash sm3\n`)],
  ])('fails with %s', (code, text) => {
    const parsed = parseCheckpoint(text);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.code).toBe(code);
    expect(!parsed.ok && parsed.message).toMatch(/^[^A-Z]/);
  });

  it('takes the last blank line as the separator, so text may not hold an empty line', () => {
    const parsed = parseCheckpoint(note(`${origin}\n8\n\n${root}\n`));

    expect(parsed.ok).toBe(false);
  });
});

describe('hostile input never makes parsing or verification throw', () => {
  const signed = signCheckpoint(checkpoint, keys.ed25519);
  const trusted = [verifierKeyOf(keys.ed25519)];

  it('for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (text, trust) => {
        expect(parseCheckpoint(text).ok).toBe(false);
        expect(verifyCheckpoint(text, trust as VerifierKey[]).ok).toBe(false);
      }),
    );
  });

  it('for any string, including full Unicode and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(typeof parseCheckpoint(text).ok).toBe('boolean');
        expect(verifyCheckpoint(text, trusted).ok).toBe(false);
      }),
    );
  });

  it('for a signed checkpoint with characters replaced, inserted or removed', () => {
    const edit = fc.record({
      at: fc.nat({ max: signed.length }),
      remove: fc.nat({ max: 3 }),
      insert: fc.string({ unit: 'binary', maxLength: 3 }),
    });
    fc.assert(
      fc.property(edit, ({ at, remove, insert }) => {
        const text = `${signed.slice(0, at)}${insert}${signed.slice(at + remove)}`;
        fc.pre(text !== signed);

        expect(typeof parseCheckpoint(text).ok).toBe('boolean');
        expect(verifyCheckpoint(text, trusted).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
