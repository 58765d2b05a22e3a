/**
 * Builds the web app when its bundle is missing or older than its sources, so that
 * `npm start` on a fresh clone serves the UI with no separate build step.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function ensureWebBuilt(webDist: string): 'fresh' | 'built' | 'skipped' {
  const sources = path.join(root, 'web');
  if (path.resolve(webDist) !== path.join(sources, 'dist')) return 'skipped';

  const index = path.join(webDist, 'index.html');
  if (fs.existsSync(index) && newestChange(sources) <= fs.statSync(index).mtimeMs) return 'fresh';

  console.log('正在构建网页界面（首次启动约需一分钟）… building the web app');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: sources,
    stdio: 'inherit',
    // Started from a test runner the environment says NODE_ENV=test, which would give React's
    // and antd's development builds: larger, slower, and rendering twice in StrictMode.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web build failed with exit code ${result.status}`);

  return 'built';
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : fs.statSync(full).mtimeMs);
  }

  return newest;
}
