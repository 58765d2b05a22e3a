/**
 * The engines every integration suite runs on. SQLite always runs; PostgreSQL runs when
 * LIUHEN_TEST_PG_URL names a server whose role may create databases. Outside CI a missing
 * server skips the PostgreSQL half with a loud line; in CI (CI=true) it fails the run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const pgUrl = process.env.LIUHEN_TEST_PG_URL;
const inCi = process.env.CI === 'true';

const sqlite: EngineUnderTest = {
  name: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-test-'));

    return {
      url: `sqlite:${path.join(dir, 'liuhen.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: EngineUnderTest = {
  name: 'postgres',
  async create() {
    const name = `liuhen_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;

    return {
      url: url.toString(),
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Runs `suite` once per engine, as `describe('<title> [sqlite]')` and `[postgres]`.
 */
export function describeEachEngine(title: string, suite: (engine: EngineUnderTest) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqlite));

  if (pgUrl) {
    describe(`${title} [postgres]`, () => suite(postgres));
  } else if (inCi) {
    describe(`${title} [postgres]`, () => {
      it('needs a PostgreSQL server in CI', () => {
        throw new Error('LIUHEN_TEST_PG_URL is not set: CI must run every suite on PostgreSQL');
      });
    });
  } else {
    console.warn(
      `\n!!! PostgreSQL half of "${title}" NOT RUN: set LIUHEN_TEST_PG_URL to run it !!!\n`,
    );
  }
}
