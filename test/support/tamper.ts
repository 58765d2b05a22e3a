/**
 * A Liuhen instance to tamper with. The scenario is built once per engine: a fresh database
 * initialised by the real `liuhen init --preset kaifeng`, given a realistic history through
 * the services (a dozen renamings of 杞县统计局, two accounts with business roles), and
 * checkpointed log by log. Each tamper case then takes its own copy of that database, so no
 * case can hide or cause another's finding, changes rows behind the application's back
 * through `db`, and runs the real `liuhen verify` against the copy.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { checkpointChangedLogs } from '../../src/ledger/checkpoints.js';
import { updateUnit } from '../../src/org/units.js';
import { createUser, setRoles } from '../../src/org/users.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import type { Db } from '../../src/platform/db/schema.js';
import { type Instance, openInstance } from '../../src/platform/instance.js';
import { type CliResult, runCli } from './cli.js';
import type { EngineUnderTest, TestDatabase } from './engines.js';

/** How many times the scenario renames 杞县统计局: its log holds 1 + RENAMINGS entries. */
export const RENAMINGS = 12;

export interface TamperScene {
  /** What the `liuhen` command needs to open this copy: database URL and data folder. */
  env: Record<string, string>;
  /** The tamperer's handle on the copy, beside the application's back. */
  db: Db;
  /** Runs the real `liuhen verify` with `args` against this copy. */
  verify(...args: string[]): CliResult;
  close(): Promise<void>;
}

export interface TamperScenario {
  /** A fresh, independent copy of the scenario's database, as the scenario left it. */
  copy(): Promise<TamperScene>;
  close(): Promise<void>;
}

const sysadmin = { username: 'sysadmin', ip: '10.20.0.1' };
const secadmin = { username: 'secadmin', ip: '10.20.0.2' };

/** The name 杞县统计局 has after its `n`th renaming. */
export function renamed(n: number): string {
  return `杞县统计局（第${String(n).padStart(2, '0')}次更名）`;
}

export async function buildTamperScenario(engine: EngineUnderTest): Promise<TamperScenario> {
  const original = await engine.create();
  // Copies share the data folder: verifying reads the master key there and writes nothing.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-tamper-'));
  const env = { LIUHEN_DB_URL: original.url, LIUHEN_DATA_DIR: dataDir };

  const init = runCli(['init', '--preset', 'kaifeng', '--admin-password', 'Tamper-Pass-1'], env);
  if (init.status !== 0) throw new Error(`liuhen init failed:\n${init.stdout}${init.stderr}`);

  const instance = await openInstance(loadConfig({ ...env, LIUHEN_SCRYPT_COST: '1024' }));
  try {
    await writeHistory(instance);
  } finally {
    // A PostgreSQL database can serve as a template only while nobody is connected to it.
    await instance.close();
  }

  return {
    copy: () => copyScene(engine, original, dataDir),
    async close() {
      await original.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a county bureau's first weeks leave in the logs, written as the API would write it. */
async function writeHistory({ ctx }: Instance): Promise<void> {
  for (let n = 1; n <= RENAMINGS; n += 1) {
    await updateUnit(ctx, '410221', { name: renamed(n) }, sysadmin);
  }

  const people = [
    { username: 'qixian-liu', name: '刘新', unit: '410221', role: 'filler' },
    { username: 'kaifeng-zhao', name: '赵敏', unit: '410200', role: 'reviewer' },
  ] as const;
  for (const { role, ...person } of people) {
    await createUser(ctx, { ...person, password: 'Scene-Pass-2026' }, sysadmin);
    await setRoles(ctx, person.username, [{ role, unit: person.unit }], secadmin);
  }

  // Every log that grew since `liuhen init` gets a signed head covering all it holds.
  await checkpointChangedLogs(ctx, 0);
}

async function copyScene(
  engine: EngineUnderTest,
  original: TestDatabase,
  dataDir: string,
): Promise<TamperScene> {
  const copy =
    engine.name === 'postgres'
      ? await copyPostgres(original.url)
      : await copySqlite(engine, original.url);
  const env = { LIUHEN_DB_URL: copy.url, LIUHEN_DATA_DIR: dataDir };
  const database = openDatabase(copy.url);

  return {
    env,
    db: database.db,
    verify: (...args) => runCli(['verify', ...args], env),
    async close() {
      await database.close();
      await copy.drop();
    },
  };
}

/** Closed cleanly, the original is one file: its write-ahead log was folded in at close. */
async function copySqlite(engine: EngineUnderTest, url: string): Promise<TestDatabase> {
  const copy = await engine.create();
  fs.copyFileSync(url.slice('sqlite:'.length), copy.url.slice('sqlite:'.length));

  return copy;
}

async function copyPostgres(url: string): Promise<TestDatabase> {
  const source = new URL(url);
  const template = source.pathname.slice(1);
  const name = `${template}_${randomBytes(3).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  source.pathname = `/${name}`;

  return {
    url: source.toString(),
    drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Runs one statement as the test suite's PostgreSQL role, on its own database (as engines.ts
 * does). A backend may linger a moment after its client disconnected, which makes
 * CREATE … TEMPLATE refuse with 55006 (object in use); that is retried.
 */
async function pgAdmin(statement: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client({ connectionString: process.env.LIUHEN_TEST_PG_URL });
    await client.connect();
    try {
      await client.query(statement);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt === 20) throw error;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
