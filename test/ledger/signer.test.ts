import { describe, expect, it } from 'vitest';

import {
  decodeBase64,
  describeKeyProblem,
  generateSigningKey,
  keyIdOf,
  type SigningKey,
  signMessage,
  type VerifierKey,
  verifierKeyOf,
  verifyMessage,
} from '../../src/ledger/signer.js';

const message = Buffer.from('liuhen.example/410221\n8\n', 'utf8');

// The signature example of GM/T 0003.5-2012 on the recommended curve (also in
// GB/T 32918.2-2016 Annex A): message "message digest", user ID 1234567812345678.
const gmExample = {
  publicKey: Buffer.from(
    '04' +
      '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
      'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    'hex',
  ).toString('base64'),
  privateKey: Buffer.from(
    '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
    'hex',
  ),
  signature: Buffer.from(
    'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' +
      'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
    'hex',
  ),
};

// RFC 8032 §7.1, TEST 1: the empty message.
const rfc8032 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555' +
    'fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};

describe('SM2 (GB/T 32918.2, SM3 with the default user ID)', () => {
  const gmKey: VerifierKey = { alg: 'sm2', name: 'gm.example', publicKey: gmExample.publicKey };

  it('accepts the GM/T 0003 example signature', () => {
    expect(verifyMessage(gmKey, Buffer.from('message digest'), gmExample.signature)).toBe(true);
  });

  it('rejects it for another message', () => {
    expect(verifyMessage(gmKey, Buffer.from('message digesT'), gmExample.signature)).toBe(false);
  });

  it('signs so that the example public key verifies', () => {
    const key: SigningKey = { ...gmKey, privateKey: gmExample.privateKey.toString('base64') };

    expect(verifyMessage(gmKey, message, signMessage(key, message))).toBe(true);
  });

  it('rejects s + n, which verifies without the range check of §7.1 B2', () => {
    const order = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');
    const r = gmExample.signature.subarray(0, 32);
    const s = BigInt(`0x${gmExample.signature.subarray(32).toString('hex')}`) + order;
    const malleated = Buffer.concat([r, Buffer.from(s.toString(16).padStart(64, '0'), 'hex')]);

    expect(malleated).toHaveLength(64);
    expect(verifyMessage(gmKey, Buffer.from('message digest'), malleated)).toBe(false);
  });

  it('rejects r = 0 and s = 0', () => {
    const zeroR = Buffer.concat([Buffer.alloc(32), gmExample.signature.subarray(32)]);
    const zeroS = Buffer.concat([gmExample.signature.subarray(0, 32), Buffer.alloc(32)]);

    expect(verifyMessage(gmKey, Buffer.from('message digest'), zeroR)).toBe(false);
    expect(verifyMessage(gmKey, Buffer.from('message digest'), zeroS)).toBe(false);
  });

  it('rejects a public key that is not on the curve', () => {
    const offCurve = {
      ...gmKey,
      publicKey: Buffer.concat([Buffer.of(4), Buffer.alloc(64, 1)]).toString('base64'),
    };

    expect(verifyMessage(offCurve, Buffer.from('message digest'), gmExample.signature)).toBe(false);
  });
});

describe('Ed25519 (RFC 8032)', () => {
  const key: SigningKey = {
    alg: 'ed25519',
    name: 'rfc8032.example',
    publicKey: Buffer.from(rfc8032.publicKey, 'hex').toString('base64'),
    privateKey: Buffer.from(rfc8032.seed, 'hex').toString('base64'),
  };

  it('gives the RFC 8032 test signature', () => {
    expect(signMessage(key, new Uint8Array()).toString('hex')).toBe(rfc8032.signature);
  });

  it('verifies it, and not for another message', () => {
    const signature = Buffer.from(rfc8032.signature, 'hex');

    expect(verifyMessage(key, new Uint8Array(), signature)).toBe(true);
    expect(verifyMessage(key, Buffer.of(0), signature)).toBe(false);
  });
});

describe.each(['sm2', 'ed25519'] as const)('generated %s keys', (alg) => {
  const key = generateSigningKey(alg, 'liuhen.example/410221');

  it('sign and verify', () => {
    expect(verifyMessage(verifierKeyOf(key), message, signMessage(key, message))).toBe(true);
  });

  it('do not verify a changed message or a changed signature', () => {
    const signature = signMessage(key, message);
    const changed = Buffer.from(signature);
    changed[10]! ^= 1;

    expect(verifyMessage(key, Buffer.concat([message, Buffer.of(0x20)]), signature)).toBe(false);
    expect(verifyMessage(key, message, changed)).toBe(false);
    expect(verifyMessage(key, message, signature.subarray(1))).toBe(false);
  });

  it('do not verify with another key', () => {
    const other = generateSigningKey(alg, 'liuhen.example/410221');

    expect(verifyMessage(other, message, signMessage(key, message))).toBe(false);
  });

  it('are well-formed verifier keys without the private half', () => {
    expect(describeKeyProblem(verifierKeyOf(key))).toBeUndefined();
    expect(verifierKeyOf(key)).not.toHaveProperty('privateKey');
  });
});

describe('key IDs', () => {
  it('differ between algorithms for the same name and key bytes', () => {
    const key = generateSigningKey('ed25519', 'a.example');

    expect(keyIdOf(key)).toHaveLength(4);
    expect(keyIdOf({ ...key, name: 'b.example' })).not.toEqual(keyIdOf(key));
  });
});

describe('generateSigningKey', () => {
  it.each(['', 'has space', 'a+b', 'tab\there', 'nbsp\u00a0name'])(
    'refuses the key name %j',
    (name) => {
      expect(() => generateSigningKey('sm2', name)).toThrow(RangeError);
    },
  );
});

describe('describeKeyProblem', () => {
  it.each([
    [null, /got object, want an object|want an object/],
    [{ alg: 'rsa', name: 'a', publicKey: '' }, /key algorithm: got "rsa"/],
    [{ alg: 'sm2', name: 'a b', publicKey: '' }, /key name: got "a b"/],
    [{ alg: 'sm2', name: 'a', publicKey: 'AAAA' }, /got 3 bytes of base64, want 65/],
    [{ alg: 'ed25519', name: 'a', publicKey: 'not base64!' }, /got no bytes of base64, want 32/],
  ])('explains %j', (key, want) => {
    expect(describeKeyProblem(key)).toMatch(want);
  });
});

describe('decodeBase64', () => {
  it.each([
    ['', ''],
    ['AA==', '00'],
    ['AAA=', '0000'],
    ['AAAA', '000000'],
  ])('decodes %j', (text, hex) => {
    expect(decodeBase64(text)?.toString('hex')).toBe(hex);
  });

  it.each(['AA', 'AA=', 'A===', 'AB==', 'AA==AA==', 'AA AA', '-_8=', 'AA==\n', 42])(
    'refuses %j',
    (text) => {
      expect(decodeBase64(text)).toBeUndefined();
    },
  );
});
