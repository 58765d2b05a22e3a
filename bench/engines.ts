/**
 * The engines a benchmark runs on: SQLite always, PostgreSQL when LIUHEN_BENCH_PG_URL names a
 * server whose role may create databases. Each run gets a database of its own, dropped after,
 * so a benchmark never touches ./data or a database someone else uses.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { redactUrl } from '../src/platform/db/database.js';

export type EngineName = 'sqlite' | 'postgres';

export interface BenchDatabase {
  engine: EngineName;
  /** LIUHEN_DB_URL of the fresh database. */
  url: string;
  /** A folder of its own for LIUHEN_DATA_DIR, removed with the database. */
  dataDir: string;
  drop(): Promise<void>;
}

/** The engines this run covers, with a line saying why PostgreSQL is absent when it is. */
export function benchEngines(env: NodeJS.ProcessEnv = process.env): EngineName[] {
  if (env.LIUHEN_BENCH_PG_URL) return ['sqlite', 'postgres'];

  console.log('PostgreSQL not measured: set LIUHEN_BENCH_PG_URL to include it.');

  return ['sqlite'];
}

export async function createBenchDatabase(
  engine: EngineName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-bench-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'sqlite') {
    const url = `sqlite:${path.join(dataDir, 'liuhen.db')}`;

    return { engine, url, dataDir, drop: removeDir };
  }

  const adminUrl = env.LIUHEN_BENCH_PG_URL!;
  const name = `liuhen_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    engine,
    url: url.toString(),
    dataDir,
    async drop() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeDir();
    },
  };
}

/** Where a benchmark database lives, without its password, for the report. */
export function describeDatabase(database: BenchDatabase): string {
  return database.engine === 'sqlite' ? database.url : redactUrl(database.url);
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
