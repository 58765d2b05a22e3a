/**
 * Checks a checkpoint's SM2 signature in the browser against the published keys
 * (`GET /api/v1/keys`). A signature line is `— <key name> <base64(key id ‖ r ‖ s)>`
 * (c2sp.org/signed-note); the signature is SM2 over SM3(Z ‖ note text) with the default
 * user ID (GB/T 32918.2, GM/T 0009), as the server signs it.
 *
 * The 4-byte key id is a SHA-256 prefix, which a plain-HTTP intranet page cannot compute
 * synchronously; lines are matched to keys by name instead, and a line counts only if the
 * signature verifies under that key, which the key id could not make any stronger.
 */
import { sm2 } from 'sm-crypto-v2';
import { base64ToBytes, bytesToHex, type ParsedCheckpoint } from './inclusion-verifier';

export interface PublishedKey {
  id: string;
  alg: string;
  name: string;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

export type SignatureResult =
  | { state: 'verified'; key: PublishedKey }
  | { state: 'failed'; problem: string }
  /** No SM2 key of the signer's name is published, e.g. an Ed25519-signed log. */
  | { state: 'unchecked'; problem: string };

// GB/T 32918.5: the order n of the SM2 curve; r and s must lie in [1, n − 1] (32918.2 §7.1).
const SM2_ORDER = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

export function verifyCheckpointSignature(
  checkpoint: ParsedCheckpoint,
  keys: PublishedKey[],
): SignatureResult {
  const message = new TextEncoder().encode(checkpoint.body);
  let tried = false;
  for (const line of checkpoint.signatures) {
    for (const key of keys.filter((k) => k.alg === 'sm2' && k.name === line.name)) {
      tried = true;
      if (verifySm2(key, message, line.bytes.subarray(4))) return { state: 'verified', key };
    }
  }

  return tried
    ? { state: 'failed', problem: 'checkpoint signature does not verify under any published key' }
    : { state: 'unchecked', problem: 'no published sm2 key has the signer\u2019s name' };
}

function verifySm2(key: PublishedKey, message: Uint8Array, signature: Uint8Array): boolean {
  const publicKey = base64ToBytes(key.publicKey);
  if (publicKey?.length !== 65 || signature.length !== 64) return false;

  const hex = bytesToHex(signature);
  const r = BigInt(`0x${hex.slice(0, 64)}`);
  const s = BigInt(`0x${hex.slice(64)}`);
  if (!inRange(r) || !inRange(s)) return false;

  try {
    return sm2.doVerifySignature(message, hex, bytesToHex(publicKey), { hash: true });
  } catch {
    // A point that is not on the curve throws; that is a failed signature.
    return false;
  }
}

function inRange(value: bigint): boolean {
  return value >= 1n && value < SM2_ORDER;
}
