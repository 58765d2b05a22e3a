import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, runCli, startServer } from '../support/cli.js';
import { describeEachEngine, type TestDatabase } from '../support/engines.js';

describeEachEngine('the liuhen command', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await engine.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-cli-'));
    env = { LIUHEN_DB_URL: database.url, LIUHEN_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('init --preset kaifeng creates the three administrators with one given password and loads the units', () => {
    const result = runCli(
      ['init', '--preset', 'kaifeng', '--admin-password', 'Init-Pass-2026'],
      env,
    );

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('sysadmin, secadmin, auditadmin');
    expect(result.stdout).toMatch(/已载入开封市预置单位 1\d 个/);
    expect(result.stdout).not.toContain('Init-Pass-2026');
  });

  it('init again changes nothing and prints no password', () => {
    const result = runCli(['init', '--preset', 'kaifeng'], env);

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('一次性密码');
    expect(result.stdout).toContain('已载入开封市预置单位 0 个');
  });

  it('refuses a weak --admin-password and an unknown preset with exit code 2', () => {
    expect(runCli(['init', '--admin-password', 'weak'], env).status).toBe(2);
    expect(runCli(['init', '--preset', 'atlantis'], env).status).toBe(2);
  });

  it('creates, resets and unlocks users', () => {
    const created = runCli(
      ['user', 'create', '--username', 'cli-user', '--name', '命令行', '--unit', '410221'],
      env,
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/一次性密码 one-time password: \S{14}/);

    const reset = runCli(['user', 'reset-password', 'cli-user'], env);
    expect(reset.stdout).toMatch(/one-time password: \S{14}/);
    expect(runCli(['user', 'unlock', 'cli-user'], env).status).toBe(0);

    const missing = runCli(['user', 'unlock', 'nobody'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('用户不存在');
    expect(runCli(['user', 'create', '--username', 'x'], env).status).toBe(2);
  });

  it('imports units from a file, checking first with --dry-run, and rejects a bad file whole', () => {
    const file = path.join(dataDir, 'units.csv');
    fs.writeFileSync(file, 'code,name,kind,parent\n410224,测试县统计局,county,410200\n');
    const dry = runCli(['unit', 'import', file, '--dry-run'], env);
    expect(dry.stdout).toContain('检查通过，可导入 1 个单位');

    expect(runCli(['unit', 'import', file], env).stdout).toContain('已导入 1 个单位');
    const again = runCli(['unit', 'import', file], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('系统中已有此单位代码');
  });

  it('migrate reports an up-to-date database', () => {
    expect(runCli(['migrate'], env).stdout).toContain('up to date');
  });

  it('serves the API with a start-up line naming URL, engine and data folder, and no passwords', async () => {
    const server = await startServer(env);
    try {
      const health = await fetch(`${server.url}/readyz`);
      expect(await health.json()).toEqual({ status: 'ok', engine: engine.name });

      const line = server
        .output()
        .split('\n')
        .find((l) => l.includes('Liuhen listening'))!;
      expect(JSON.parse(line)).toMatchObject({ engine: engine.name, dataDir });
      expect(server.output()).not.toContain('一次性密码');

      await fetch(`${server.url}/api/v1/units?secret=abc`);
      const requestLine = await waitForLine(server, '"route":"/api/v1/units"');
      expect(JSON.parse(requestLine)).toMatchObject({ status: 401, method: 'GET' });
      expect(requestLine).not.toContain('secret');

      // A sign-in attempt leaves its id and status in the log, never the name or password.
      const session = await fetch(`${server.url}/api/v1/session`);
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const attempt = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ username: 'cli-user', password: 'Guess-Word-77' }),
      });
      expect(attempt.status).toBe(401);
      await waitForLine(server, '"route":"/api/v1/session","status":401');
      expect(server.output()).not.toContain('Guess-Word-77');
      expect(server.output()).not.toContain('cli-user');
      expect(server.output()).not.toContain(csrfToken);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

it('serves on a fresh data folder: first start prints three one-time passwords, the second none', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-fresh-'));
  const webDist = path.join(dataDir, 'web');
  fs.mkdirSync(webDist);
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>留痕</title>');
  const env = { LIUHEN_DATA_DIR: dataDir, LIUHEN_WEB_DIST: webDist, LIUHEN_DB_URL: '' };
  delete (env as Record<string, string | undefined>).LIUHEN_DB_URL;

  try {
    const first = await startServer(env);
    const page = await fetch(`${first.url}/units`);
    expect(await page.text()).toContain('<title>留痕</title>');
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, 'liuhen.db'))).toBe(true);
    const passwords = first.output().match(/^ {2}(sysadmin|secadmin|auditadmin) +\S{14}$/gm);
    expect(passwords).toHaveLength(3);

    const second = await startServer(env);
    await second.stop();
    expect(second.output()).not.toMatch(/sysadmin +\S{14}/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The request log line is written after the answer is sent, so it may arrive a moment later. */
async function waitForLine(server: RunningServer, text: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const line = server
      .output()
      .split('\n')
      .find((l) => l.includes(text));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  throw new Error(`no log line with ${text} in:\n${server.output()}`);
}
