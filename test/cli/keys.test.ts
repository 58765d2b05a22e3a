import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { runCli } from '../support/cli.js';
import { describeEachEngine, type TestDatabase } from '../support/engines.js';

describeEachEngine('signing keys', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await engine.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-keys-'));
    env = { LIUHEN_DB_URL: database.url, LIUHEN_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('are chosen at init, sealed under a master key kept outside the database', () => {
    const init = runCli(
      ['init', '--signing-alg', 'ed25519', '--admin-password', 'Keys-Pass-001'],
      env,
    );
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/signing key: [0-9a-f]{8} \(ed25519\)/);

    const master = fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8').trim();
    expect(master).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(runCli(['init', '--signing-alg', 'rsa'], env).status).toBe(2);
  });

  it('rotate, and old checkpoints still verify with the retired key', () => {
    const rotated = runCli(['keys', 'rotate', '--alg', 'sm2'], env);
    expect(rotated.stdout).toContain('(sm2)');

    const file = path.join(dataDir, 'units.csv');
    fs.writeFileSync(file, 'code,name,kind\n520000,贵州省统计局,province\n');
    expect(runCli(['unit', 'import', file], env).status).toBe(0);
    expect(runCli(['init'], env).status).toBe(0);

    const { keys } = JSON.parse(runCli(['keys'], env).stdout) as {
      keys: Array<{ alg: string; retiredAt: string | null }>;
    };
    const state = keys.map((k) => `${k.alg} ${k.retiredAt ? 'retired' : 'active'}`);
    expect(state).toEqual(['ed25519 retired', 'sm2 active']);

    const verify = runCli(['verify', '--json'], env);
    expect(verify.status, verify.stdout).toBe(0);
    const report = JSON.parse(verify.stdout) as {
      logs: Array<{ log: string; checkpoints: number }>;
    };
    expect(report.logs.find((l) => l.log === 'system')!.checkpoints).toBeGreaterThanOrEqual(2);
  });

  it('refuse to start with a master key that is not 64 hex characters', () => {
    const serve = runCli(['verify'], { ...env, LIUHEN_MASTER_KEY: 'short' });
    expect(serve.status).toBe(2);
    expect(serve.stderr).toContain('64 hexadecimal characters');
  });

  it('catch a signing key slipped into the table without an event', async () => {
    const database2 = openDatabase(database.url);
    try {
      await database2.db
        .insertInto('signing_keys')
        .values({
          id: 'deadbeef',
          alg: 'ed25519',
          name: 'forger',
          public_key: 'AAAA',
          sealed_private_key: 'x',
          created_at: '2026-01-01T00:00:00Z',
          retired_at: null,
        })
        .execute();
    } finally {
      await database2.close();
    }

    const verify = runCli(['verify'], env);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain('signing_keys deadbeef: in the table with no event in any log');
  });

  it('catch a key of someone else even when a forged event introduces it; --key pins trust', () => {
    const report = JSON.parse(runCli(['verify', '--json'], env).stdout) as {
      tables: Array<{ kind: string; message: string }>;
    };
    expect(
      report.tables.some((p) => p.kind === 'key-foreign' && p.message.includes('deadbeef')),
    ).toBe(true);

    const keysFile = path.join(dataDir, 'pinned.json');
    const listed = JSON.parse(runCli(['keys'], env).stdout) as { keys: Array<{ id: string }> };
    fs.writeFileSync(
      keysFile,
      JSON.stringify({ keys: listed.keys.filter((k) => k.id !== 'deadbeef') }),
    );
    const pinned = runCli(['verify', '--unit', '520000', '--key', keysFile], env);
    expect(pinned.status, pinned.stdout).toBe(0);
    fs.writeFileSync(keysFile, JSON.stringify({ keys: [] }));
    const distrusted = runCli(['verify', '--unit', '520000', '--key', keysFile], env);
    expect(distrusted.status).toBe(1);
    expect(distrusted.stdout).toContain('checkpoint-signature');
  });
});
