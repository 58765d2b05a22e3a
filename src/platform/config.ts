/**
 * Configuration from the environment. Every setting has a working default so that
 * `npm start` runs on the embedded engine (SQLite under ./data) with nothing set.
 */
import path from 'node:path';
import type { HashAlgorithm } from '../ledger/hash-algorithm.js';

export interface Config {
  /** `sqlite:PATH` or `postgres://…` */
  dbUrl: string;
  dataDir: string;
  host: string;
  port: number;
  /** Cost parameter N of scrypt, a power of two; lowered only by the test suite. */
  scryptCost: number;
  logLevel: string;
  webDist: string;
  /** Hash function of logs created from now on; a log keeps the one it was created with. */
  logHash: HashAlgorithm;
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-*. */
  trustProxy: boolean;
  /** SMTP server for reminder e-mails; none by default (reminders stay in the app). */
  smtpUrl: string | null;
  smtpFrom: string;
  /** The environment, for the master key (LIUHEN_MASTER_KEY, LIUHEN_MASTER_KEY_FILE). */
  env: NodeJS.ProcessEnv;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.LIUHEN_DATA_DIR ?? './data');

  return {
    dataDir,
    dbUrl: env.LIUHEN_DB_URL ?? `sqlite:${path.join(dataDir, 'liuhen.db')}`,
    host: env.HOST ?? '127.0.0.1',
    port: parsePort(env.PORT ?? '8080'),
    scryptCost: Number(env.LIUHEN_SCRYPT_COST ?? 2 ** 15),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.LIUHEN_WEB_DIST ?? 'web/dist'),
    logHash: parseLogHash(env.LIUHEN_LOG_HASH ?? 'sm3'),
    trustProxy: env.LIUHEN_TRUST_PROXY === 'true',
    smtpUrl: env.LIUHEN_SMTP_URL || null,
    smtpFrom: env.LIUHEN_SMTP_FROM ?? 'liuhen@localhost',
    env,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  }

  return port;
}

function parseLogHash(text: string): HashAlgorithm {
  if (text === 'sm3' || text === 'sha256') return text;

  throw new Error(`LIUHEN_LOG_HASH must be sm3 or sha256, got ${JSON.stringify(text)}`);
}
