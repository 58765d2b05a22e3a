/**
 * Configuration from the environment. Every setting has a working default so that
 * `npm start` runs on the embedded engine (SQLite under ./data) with nothing set.
 */
import path from 'node:path';

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
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  }

  return port;
}
