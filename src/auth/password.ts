/**
 * Password hashing and policy. scrypt is memory-hard and ships with Node, so no native
 * dependency is needed; its parameters are stored in each hash so they can be raised later
 * without invalidating old hashes.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);

  return `scrypt$${cost}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || r !== '8' || p !== '1') return false;

  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n));

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const options = { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 + 1024 * 1024 };
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * What the log records of a password hash: its SM3 digest. It reveals nothing usable (the hash
 * is already salted and slow), yet `liuhen verify` can tell when someone with database access
 * swapped a hash to take over an account.
 */
export function passwordDigest(passwordHash: string): string {
  return createHash('sm3').update(passwordHash).digest('hex');
}

/** The character classes of the policy: upper, lower, digit, symbol (GB/T 22239 复杂度). */
export function passwordClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

  return classes.filter((pattern) => pattern.test(password)).length;
}

/**
 * A random one-time password that meets the default policy: 14 characters from an alphabet
 * without look-alikes (0/O, 1/l/I), with every class present.
 */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);

  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }

  return chars.join('');
}
