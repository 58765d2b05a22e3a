/**
 * The two hash functions a Liuhen log can use, and the domain-separated leaf and node hashes of
 * RFC 9162 §2.1.1 built on them.
 *
 * SM3 (GB/T 32905) is the default because Chinese government systems are assessed on the GM
 * algorithms; SHA-256 is there so the tree can be checked against Certificate Transparency's
 * published vectors and read by ordinary CT tooling. Both digests are 32 bytes long.
 *
 * The functions ending in `Bytes` work on `Uint8Array` and are what the tree code uses; the
 * others take and return lowercase hex, which is what the public API and JSON documents carry.
 */

import * as crypto from 'node:crypto';

export type HashAlgorithm = 'sm3' | 'sha256';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sm3', 'sha256'];

/** The algorithm of every log unless its configuration says otherwise (DESIGN.md, invariant 1). */
export const DEFAULT_HASH_ALGORITHM: HashAlgorithm = 'sm3';

/** Digest length in bytes: SM3 and SHA-256 both give 256 bits. */
export const HASH_SIZE = 32;

// RFC 9162 §2.1.1: leaves and interior nodes are hashed with different one-byte prefixes so a
// leaf can never be passed off as an interior node (second-preimage resistance of the tree).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

const HASH_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Tells whether `value` names a supported hash algorithm; safe on any input.
 *
 * @example isHashAlgorithm('SM3') // false: names are lowercase
 */
export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return value === 'sm3' || value === 'sha256';
}

/**
 * Hashes the concatenation of `parts` with `alg`.
 *
 * Precondition: `alg` is a HashAlgorithm (anything else throws a TypeError).
 */
export function digest(alg: HashAlgorithm, ...parts: readonly Uint8Array[]): Buffer {
  if (!isHashAlgorithm(alg)) {
    throw new TypeError(`unknown hash algorithm: got ${String(alg)}, want sm3 or sha256`);
  }

  // Node's names for the two digests are the same as ours; OpenSSL 3 provides SM3 natively.
  return hashOnce(alg, parts.length === 1 ? parts[0]! : Buffer.concat(parts));
}

/**
 * One-shot `crypto.hash` (Node 20.12) where it exists: a Hash object per hash costs more than
 * hashing an entry or a node with SM3 (DESIGN.md, notes), and every append hashes two or more.
 */
const hashOnce: (alg: HashAlgorithm, data: Uint8Array) => Buffer =
  typeof crypto.hash === 'function'
    ? (alg, data) => crypto.hash(alg, data, 'buffer')
    : (alg, data) => crypto.createHash(alg).update(data).digest();

/**
 * The leaf hash of RFC 9162 §2.1.1, H(0x00 || entry). A string entry is hashed as its UTF-8
 * encoding, so the caller must pass the exact text that was logged (for Liuhen, the canonical
 * JSON of the event).
 *
 * @example leafHashBytes('', 'sha256') // bytes of 6e340b9c…afa01d
 */
export function leafHashBytes(entry: string | Uint8Array, alg: HashAlgorithm): Buffer {
  if (typeof entry !== 'string') return digest(alg, LEAF_PREFIX, entry);

  // The prefix and the text's UTF-8 in one buffer, written once.
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(entry, 'utf8'));
  bytes[0] = LEAF_PREFIX[0]!;
  bytes.write(entry, 1, 'utf8');

  return digest(alg, bytes);
}

/**
 * The interior node hash of RFC 9162 §2.1.1, H(0x01 || left || right).
 *
 * Precondition: both children are digests of `alg` (HASH_SIZE bytes); a wrong length throws,
 * because hashing it would silently produce a root nobody can reproduce.
 *
 * @example nodeHashBytes(leafHashBytes('a', 'sm3'), leafHashBytes('b', 'sm3'), 'sm3')
 */
export function nodeHashBytes(left: Uint8Array, right: Uint8Array, alg: HashAlgorithm): Buffer {
  assertHashLength(left, 'left child');
  assertHashLength(right, 'right child');

  return digest(alg, NODE_PREFIX, left, right);
}

/**
 * The root of the empty tree, H("") per RFC 9162 §2.1.1.
 *
 * @example toHex(emptyRootBytes('sm3')) // '1ab21d83…5082aa2b'
 */
export function emptyRootBytes(alg: HashAlgorithm): Buffer {
  return digest(alg);
}

/**
 * Lowercase hex form of {@link leafHashBytes}.
 *
 * @example leafHash('{"a":1}', 'sm3') // 64 lowercase hex digits
 */
export function leafHash(entry: string | Uint8Array, alg: HashAlgorithm): string {
  return toHex(leafHashBytes(entry, alg));
}

/**
 * Lowercase hex form of {@link nodeHashBytes}; throws a TypeError when a child is not a
 * 64-digit hex string.
 *
 * @example nodeHash(leafHash('a', 'sm3'), leafHash('b', 'sm3'), 'sm3') // root of the tree [a, b]
 */
export function nodeHash(left: string, right: string, alg: HashAlgorithm): string {
  return toHex(
    nodeHashBytes(requireHash(left, 'left child'), requireHash(right, 'right child'), alg),
  );
}

/**
 * Lowercase hex form of {@link emptyRootBytes}.
 *
 * @example emptyRoot('sha256') // 'e3b0c442…7852b855'
 */
export function emptyRoot(alg: HashAlgorithm): string {
  return toHex(emptyRootBytes(alg));
}

/**
 * Lowercase hex of `bytes`.
 *
 * @example toHex(Uint8Array.of(0, 171)) // '00ab'
 */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Decodes a hash written as 64 hex digits (either case). Returns undefined for anything else,
 * including non-strings, so verifiers can reject hostile input without a try/catch.
 *
 * @example hashFromHex('ab') // undefined: not 32 bytes
 */
export function hashFromHex(hex: unknown): Buffer | undefined {
  if (typeof hex !== 'string' || !HASH_HEX.test(hex)) {
    return undefined;
  }

  return Buffer.from(hex, 'hex');
}

/**
 * Decodes an array of at most `maxLength` hashes written as hex; undefined for anything else,
 * so a hostile, huge array is rejected before any of it is decoded.
 */
export function hashListFromHex(value: unknown, maxLength: number): Buffer[] | undefined {
  if (!Array.isArray(value) || value.length > maxLength) {
    return undefined;
  }

  const hashes: Buffer[] = [];
  for (const element of value) {
    const hash = hashFromHex(element);
    if (hash === undefined) {
      return undefined;
    }

    hashes.push(hash);
  }

  return hashes;
}

/** Throws a RangeError naming `what` unless `hash` is HASH_SIZE bytes long. */
export function assertHashLength(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) {
    throw new RangeError(`${what} hash length: got ${hash.length} bytes, want ${HASH_SIZE}`);
  }
}

function requireHash(hex: string, what: string): Buffer {
  const bytes = hashFromHex(hex);
  if (bytes === undefined) {
    throw new TypeError(`${what} hash: got ${JSON.stringify(hex)}, want 64 hex digits`);
  }

  return bytes;
}
