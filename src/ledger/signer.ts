/**
 * Keys that sign tree heads, and their identities in the C2SP signed-note format.
 *
 * Two algorithms: SM2 (GB/T 32918.2, the GM signature Chinese systems are assessed on) and
 * Ed25519 (RFC 8032, what other transparency logs use). SM2 comes from `sm-crypto-v2`, because
 * node:crypto's "SM2" EC keys sign with ECDSA equations, which no SM2 verifier accepts.
 *
 * Keys travel as JSON-friendly objects with base64 material. A key ID is never stored: it is
 * derived from the key's name, algorithm and public key whenever it is needed, so it cannot
 * disagree with them.
 */

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';

import { sm2 } from 'sm-crypto-v2';

export type SignatureAlgorithm = 'ed25519' | 'sm2';

/** A public key that verifies signed notes; what a verifier trusts and a receipt carries. */
export interface VerifierKey {
  readonly alg: SignatureAlgorithm;
  /** The signed-note key name, e.g. `liuhen.example/410221`: no spaces, no `+`. */
  readonly name: string;
  /** Base64: 32 bytes for Ed25519 (RFC 8032), 65 for SM2 (0x04 || x || y). */
  readonly publicKey: string;
}

/** A key that signs; keep it out of logs and receipts (use {@link verifierKeyOf}). */
export interface SigningKey extends VerifierKey {
  /** Base64 of the 32-byte private key: the Ed25519 seed, or the SM2 scalar d. */
  readonly privateKey: string;
}

// signed-note assigns type 0x01 to Ed25519. SM2 has no byte of its own, so it uses 0xff, which
// the spec reserves for types without one, followed (as the spec recommends) by a longer
// identifier unlikely to collide: the OID of SM2-with-SM3 signatures, GM/T 0006.
const KEY_TYPES: Record<SignatureAlgorithm, Uint8Array> = {
  ed25519: Uint8Array.of(0x01),
  sm2: Buffer.concat([Uint8Array.of(0xff), Buffer.from('1.2.156.10197.1.501', 'ascii')]),
};

const PUBLIC_KEY_SIZES: Record<SignatureAlgorithm, number> = { ed25519: 32, sm2: 65 };

const SIGNATURE_SIZES: Record<SignatureAlgorithm, number> = { ed25519: 64, sm2: 64 };

// The order n of the SM2 recommended curve (GB/T 32918.5). GB/T 32918.2 §7.1 steps B1–B2 reject
// r or s outside [1, n−1]; sm-crypto-v2 skips that check, which would let s + n pass as s.
const SM2_ORDER = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

// signed-note: key names are non-empty, with no Unicode spaces and no plus signs; controls are
// excluded because a note may hold none.
const KEY_NAME = /^[^\s+\p{Cc}]+$/u;

// RFC 4648 §4 base64 with padding, the only encoding signed-note uses.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64 (RFC 4648 §4), strictly: undefined for any other alphabet,
 * missing padding, non-zero padding bits, or a value that is not a string. Node's own decoder
 * skips bad characters silently, which would let two texts carry the same key or signature.
 */
export function decodeBase64(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !BASE64.test(text)) {
    return undefined;
  }

  const bytes = Buffer.from(text, 'base64');

  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Tells whether `name` may be a signed-note key name. */
export function isKeyName(name: unknown): name is string {
  return typeof name === 'string' && KEY_NAME.test(name);
}

/** Tells whether `value` names a supported signature algorithm. */
export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return value === 'ed25519' || value === 'sm2';
}

/**
 * A fresh key pair from the operating system's random source.
 *
 * Precondition: `name` is a valid key name ({@link isKeyName}); otherwise a RangeError.
 *
 * @example generateSigningKey('sm2', 'liuhen.example/410200') // { alg, name, publicKey, … }
 */
export function generateSigningKey(alg: SignatureAlgorithm, name: string): SigningKey {
  if (!isKeyName(name)) {
    throw new RangeError(`key name: got ${JSON.stringify(name)}, want no spaces and no "+"`);
  }

  return alg === 'sm2' ? generateSm2(name) : generateEd25519(name);
}

/**
 * The public half of a signing key, safe to publish.
 *
 * @example verifierKeyOf(signingKey) // { alg: 'sm2', name: 'liuhen.example/410200', publicKey }
 */
export function verifierKeyOf(key: VerifierKey): VerifierKey {
  return { alg: key.alg, name: key.name, publicKey: key.publicKey };
}

/**
 * The signed-note key ID: the first four bytes of SHA-256(name || 0x0A || type || public key),
 * where type is 0x01 for Ed25519 and 0xff followed by the SM2-with-SM3 OID for SM2.
 *
 * Precondition: `key.publicKey` is valid base64 (see {@link describeKeyProblem}).
 */
export function keyIdOf(key: VerifierKey): Buffer {
  const hash = createHash('sha256')
    .update(key.name, 'utf8')
    .update(Uint8Array.of(0x0a))
    .update(KEY_TYPES[key.alg])
    .update(decodeBase64(key.publicKey) ?? new Uint8Array())
    .digest();

  return hash.subarray(0, 4);
}

/**
 * Signs `message` with `key`: Ed25519 over the message (RFC 8032), or SM2 over
 * SM3(Z || message) with the default user ID 1234567812345678 (GB/T 32918.2 §6.1, GM/T 0009),
 * encoded as r || s, 32 bytes each.
 *
 * Precondition: `key` came from {@link generateSigningKey} or was stored from one unchanged.
 */
export function signMessage(key: SigningKey, message: Uint8Array): Buffer {
  const privateKey = decodeBase64(key.privateKey);
  if (privateKey === undefined || privateKey.length !== 32) {
    throw new RangeError(`private key of ${key.name}: want 32 bytes of base64`);
  }

  return key.alg === 'sm2'
    ? signSm2(key, privateKey, message)
    : signEd25519(key, privateKey, message);
}

/**
 * Checks `signature` on `message` under `key`. Returns false, never throwing, for a malformed
 * key or signature.
 */
export function verifyMessage(
  key: VerifierKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (describeKeyProblem(key) !== undefined || signature.length !== SIGNATURE_SIZES[key.alg]) {
    return false;
  }

  const publicKey = decodeBase64(key.publicKey)!;
  try {
    return key.alg === 'sm2'
      ? verifySm2(publicKey, message, signature)
      : verifyEd25519(publicKey, message, signature);
  } catch {
    // Both libraries throw on points that are not on the curve; that is a failed verification.
    return false;
  }
}

/**
 * Why `key` cannot be a verifier key, in lowercase English, or undefined when it can. Safe on
 * any input, so hostile receipts and configuration can be checked with it.
 */
export function describeKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'object' || key === null) {
    return `key: got ${typeof key}, want an object`;
  }

  const { alg, name, publicKey } = key as Partial<Record<keyof VerifierKey, unknown>>;
  if (!isSignatureAlgorithm(alg)) {
    return `key algorithm: got ${JSON.stringify(alg)}, want "sm2" or "ed25519"`;
  }

  if (!isKeyName(name)) {
    return `key name: got ${JSON.stringify(name)}, want a non-empty name without spaces or "+"`;
  }

  const bytes = decodeBase64(publicKey);
  const want = PUBLIC_KEY_SIZES[alg];
  if (bytes === undefined || bytes.length !== want) {
    return `public key of ${name}: got ${bytes?.length ?? 'no'} bytes of base64, want ${want}`;
  }

  return undefined;
}

function generateEd25519(name: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });

  return {
    alg: 'ed25519',
    name,
    publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
    privateKey: Buffer.from(jwk.d!, 'base64url').toString('base64'),
  };
}

function generateSm2(name: string): SigningKey {
  const pair = sm2.generateKeyPairHex();

  return {
    alg: 'sm2',
    name,
    publicKey: Buffer.from(pair.publicKey, 'hex').toString('base64'),
    privateKey: Buffer.from(pair.privateKey, 'hex').toString('base64'),
  };
}

function signEd25519(key: SigningKey, seed: Uint8Array, message: Uint8Array): Buffer {
  const jwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: Buffer.from(key.publicKey, 'base64').toString('base64url'),
    d: Buffer.from(seed).toString('base64url'),
  };

  return sign(null, message, createPrivateKey({ key: jwk, format: 'jwk' }));
}

function signSm2(key: SigningKey, scalar: Uint8Array, message: Uint8Array): Buffer {
  const publicKey = Buffer.from(key.publicKey, 'base64').toString('hex');
  // `hash: true` makes the library sign e = SM3(Z || M) as the standard requires, instead of
  // treating the message itself as the digest.
  const signature = sm2.doSignature(message, Buffer.from(scalar).toString('hex'), {
    hash: true,
    publicKey,
  });

  return Buffer.from(signature, 'hex');
}

function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') };

  return verify(null, message, createPublicKey({ key: jwk, format: 'jwk' }), signature);
}

function verifySm2(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const hex = Buffer.from(signature).toString('hex');
  const r = BigInt(`0x${hex.slice(0, 64)}`);
  const s = BigInt(`0x${hex.slice(64)}`);
  if (!inSm2Range(r) || !inSm2Range(s)) {
    return false;
  }

  return sm2.doVerifySignature(message, hex, Buffer.from(publicKey).toString('hex'), {
    hash: true,
  });
}

function inSm2Range(value: bigint): boolean {
  return value >= 1n && value < SM2_ORDER;
}
