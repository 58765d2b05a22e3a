/**
 * `liuhen demo` as an operator runs it: it refuses a folder that holds other data, generates
 * and serves a demo whose printed accounts sign in, and serves a demo folder again as it is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const bin = path.resolve(import.meta.dirname, '../../bin/liuhen.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-demo-cli-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

/** Starts the demo and waits for the line with its address; everything printed is kept. */
function startDemo(
  args: string[],
): Promise<{ url: string; output: () => string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'demo', '--no-build', '--port', '0', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  running.push(child);
  let output = '';

  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /演示 demo: (http:\/\/\S+)/.exec(output);
      if (!match) return;

      resolve({
        url: match[1]!,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

/** Signs in over HTTP as the browser does: pre-session cookie and CSRF token first. */
async function signIn(url: string, username: string, password: string): Promise<string> {
  const pre = await fetch(`${url}/api/v1/session`);
  const { csrfToken } = (await pre.json()) as { csrfToken: string };
  const cookie = pre.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);

  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('liuhen demo', () => {
  it('refuses a folder that holds anything but a demo', () => {
    const dir = path.join(root, 'real-data');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'liuhen.db'), '');

    const result = runCli(['demo', '--no-build', '--data-dir', dir], {});

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('不是空目录');
    expect(fs.readdirSync(dir)).toEqual(['liuhen.db']);
  });

  it('generates and serves a demo whose printed accounts sign in, then serves it again', async () => {
    const dir = path.join(root, 'demo-data');
    const first = await startDemo(['--data-dir', dir, '--seed', '3']);
    const line = first
      .output()
      .split('\n')
      .find((l) => l.startsWith('kf-reviewer '))!;
    const password = line.trim().split(/\s+/).at(-1)!;
    const cookie = await signIn(first.url, 'kf-reviewer', password);
    const matrix = await fetch(`${first.url}/api/v1/inbox/410200/matrix?from=2020Q1&to=2020Q1`, {
      headers: { cookie },
    });
    await first.stop();

    expect(matrix.status).toBe(200);
    expect(((await matrix.json()) as { units: unknown[] }).units).toHaveLength(9);
    expect(first.output()).toMatch(/^sysadmin\s.*\sLh\d{3}-Sys#\d{4}$/m);
    expect(fs.existsSync(path.join(dir, 'liuhen-demo.json'))).toBe(true);

    const again = await startDemo(['--data-dir', dir]);
    await again.stop();
    expect(again.output()).toContain('沿用已有的演示数据');
    expect(again.output()).toContain(line.trim());
  }, 240_000);
});
