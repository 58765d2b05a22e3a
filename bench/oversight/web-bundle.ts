/**
 * The web app as users get it, built for this run into a folder of its own: web/dist may be
 * rebuilt meanwhile by someone else's tests, and a build made under Vitest (NODE_ENV=test)
 * carries React's development build and StrictMode's doubled effects, which would be measured
 * instead of the app.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface WebBundle {
  dir: string;
  ms: number;
  remove(): void;
}

export function buildWebBundle(): WebBundle {
  const start = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-bench-web-'));
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'],
    {
      cwd: path.join(root, 'web'),
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`web build failed: got exit code ${result.status}, want 0`);
  }

  return {
    dir,
    ms: performance.now() - start,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
