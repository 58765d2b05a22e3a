/**
 * The master key that wraps the instance's private signing keys (and, later, the per-unit
 * data keys). Read from `LIUHEN_MASTER_KEY` (64 hex characters) or the file named by
 * `LIUHEN_MASTER_KEY_FILE`; without either, from `<data dir>/master.key`, created on first
 * use with mode 0600. Keeping it outside the database means a copy of the database alone
 * cannot sign a forged checkpoint.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface MasterKeySource {
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

export function loadMasterKey({ env, dataDir }: MasterKeySource): Buffer {
  if (env.LIUHEN_MASTER_KEY) return parseKey(env.LIUHEN_MASTER_KEY, 'LIUHEN_MASTER_KEY');

  const file = env.LIUHEN_MASTER_KEY_FILE ?? path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8'), file);
  if (env.LIUHEN_MASTER_KEY_FILE) throw new Error(`master key file ${file} does not exist`);

  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });

  return key;
}

function parseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(`master key in ${where} must be 64 hexadecimal characters, got ${hex.length}`);
  }

  return Buffer.from(hex, 'hex');
}
