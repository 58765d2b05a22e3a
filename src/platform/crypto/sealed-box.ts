/**
 * Authenticated encryption with GM algorithms: SM4-CTR, then HMAC-SM3 over the version, IV
 * and ciphertext (encrypt-then-MAC). Node offers no SM4-GCM, and GB/T 39786 asks for SM4 with
 * an integrity check, so this pairing stands in for an AEAD.
 *
 * Layout: 0x01 ‖ IV (16) ‖ ciphertext ‖ tag (32).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const VERSION = 0x01;
const IV_LENGTH = 16;
const TAG_LENGTH = 32;

/** Separate keys for encryption and authentication, derived from one 32-byte secret. */
function subkeys(key: Buffer): { enc: Buffer; mac: Buffer } {
  if (key.length !== 32) throw new Error(`sealed box key must be 32 bytes, got ${key.length}`);

  return {
    enc: createHmac('sm3', key).update('liuhen sealed-box encryption').digest().subarray(0, 16),
    mac: createHmac('sm3', key).update('liuhen sealed-box authentication').digest(),
  };
}

export function seal(plaintext: Buffer, key: Buffer, context = ''): Buffer {
  const { enc, mac } = subkeys(key);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('sm4-ctr', enc, iv);
  const body = Buffer.concat([
    Buffer.from([VERSION]),
    iv,
    cipher.update(plaintext),
    cipher.final(),
  ]);
  const tag = createHmac('sm3', mac).update(context).update(body).digest();

  return Buffer.concat([body, tag]);
}

/**
 * Opens a sealed box; throws when the key or context is wrong or a single byte has changed,
 * so tampering is never read as plausible content.
 */
export function open(box: Buffer, key: Buffer, context = ''): Buffer {
  if (box.length < 1 + IV_LENGTH + TAG_LENGTH || box[0] !== VERSION) {
    throw new Error('sealed box is malformed');
  }

  const { enc, mac } = subkeys(key);
  const body = box.subarray(0, box.length - TAG_LENGTH);
  const tag = box.subarray(box.length - TAG_LENGTH);
  const expected = createHmac('sm3', mac).update(context).update(body).digest();
  if (!timingSafeEqual(tag, expected)) throw new Error('sealed box failed its integrity check');

  const iv = body.subarray(1, 1 + IV_LENGTH);
  const decipher = createDecipheriv('sm4-ctr', enc, iv);

  return Buffer.concat([decipher.update(body.subarray(1 + IV_LENGTH)), decipher.final()]);
}
