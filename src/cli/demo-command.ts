/**
 * `liuhen demo`: a server full of realistic data in one command, for a newcomer to click
 * through. It makes a new SQLite instance (in a temporary folder, or in --data-dir), fills it
 * with eight quarters of the Kaifeng counties' work through the real API, prints every
 * account with its password, and serves it on the real clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accountTable } from '../demo/account-table.js';
import { allAccounts } from '../demo/demo-people.js';
import { planAccounts } from '../demo/demo-plan.js';
import { DemoClock } from '../demo/demo-timeline.js';
import { dailyDuties, generateDemo, openDemoInstance } from '../demo/generate-demo.js';
import { type Config, loadConfig } from '../platform/config.js';
import { buildServer } from '../platform/http/server.js';
import { openInstance } from '../platform/instance.js';
import { ensureWebBuilt } from './web-build.js';

/** 汴统〔2020〕26号, the notice the product implements. */
const DEFAULT_SEED = 26;
/** Marks a data folder as the demo's, so the command never touches a real one. */
const MARKER = 'liuhen-demo.json';
/** The demo's password hashes are cheap, so that ~50 accounts sign in hundreds of times fast. */
const DEMO_SCRYPT_COST = 1024;

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    console.error(`--seed 须为 0 到 4294967295 的整数 (got ${values.seed})`);
    return 2;
  }

  const folder = prepareFolder(values['data-dir']);
  if ('refused' in folder) {
    console.error(folder.refused);
    return 2;
  }
  const config = demoConfig(folder.dir, values.port);
  if (!values['no-build']) ensureWebBuilt(config.webDist);

  return folder.existing
    ? serveExisting(config, folder.existing.seed, folder.temporary)
    : generateAndServe(config, seed, folder.temporary);
}

type Folder =
  | { dir: string; temporary: boolean; existing?: { seed: number } }
  | { refused: string };

/** A new temporary folder; or the named one, when it is empty, new, or a demo's own. */
function prepareFolder(named: string | undefined): Folder {
  if (!named) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-demo-'));
    return { dir, temporary: true };
  }

  const dir = path.resolve(named);
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (entries.includes(MARKER)) {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { seed: number };
    return { dir, temporary: false, existing: { seed: marker.seed } };
  }
  if (entries.length > 0) {
    return {
      refused:
        `${dir} 不是空目录，也不是演示数据目录，演示不会使用它（可能是正式数据）。\n` +
        `${dir} is neither empty nor a demo folder; the demo will not touch it.`,
    };
  }

  fs.mkdirSync(dir, { recursive: true });
  return { dir, temporary: false };
}

/** SQLite in the demo folder with its own master key, whatever the environment names. */
function demoConfig(dir: string, port: string | undefined): Config {
  const {
    LIUHEN_DB_URL: _db,
    LIUHEN_MASTER_KEY: _key,
    LIUHEN_MASTER_KEY_FILE: _file,
    ...env
  } = process.env;
  const base = loadConfig({ ...env, LIUHEN_DATA_DIR: dir, ...(port ? { PORT: port } : {}) });

  return { ...base, scryptCost: DEMO_SCRYPT_COST };
}

async function generateAndServe(config: Config, seed: number, temporary: boolean) {
  const now = new Date();
  const clock = new DemoClock(now);
  const logger = { level: config.logLevel };
  const demo = await openDemoInstance(config, clock, now, { logger });
  console.log(`正在生成演示数据 generating the demo data (seed ${seed}) …`);
  const started = performance.now();
  // Thousands of in-process requests would flood the console; the server logs again after.
  demo.app.log.level = 'warn';
  const result = await generateDemo(demo, seed);
  demo.app.log.level = config.logLevel;
  clock.followSystem();
  fs.writeFileSync(
    path.join(config.dataDir, MARKER),
    `${JSON.stringify({ seed, generatedAt: now.toISOString() })}\n`,
  );

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const periods = `${result.plan.periods[0]}–${result.plan.periods.at(-1)}`;
  console.log(
    `已生成 ${periods} 八个季度的数据，用时 ${seconds} 秒 (eight quarters in ${seconds} s)`,
  );
  console.log(result.referrals);

  return listen(demo.app, demo.instance, config, seed, temporary);
}

async function serveExisting(config: Config, seed: number, temporary: boolean) {
  console.log(`沿用已有的演示数据 reusing the demo data in ${config.dataDir} (seed ${seed})`);
  const instance = await openInstance(config);
  const app = await buildServer(instance.ctx, { logger: { level: config.logLevel } });

  return listen(app, instance, config, seed, temporary);
}

async function listen(
  app: Awaited<ReturnType<typeof buildServer>>,
  instance: Awaited<ReturnType<typeof openInstance>>,
  config: Config,
  seed: number,
  temporary: boolean,
): Promise<number> {
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', 'localhost');
  console.log(`\n${accountTable(allAccounts(planAccounts(seed).people))}\n`);
  console.log(
    `数据目录 data: ${config.dataDir}${temporary ? '（临时目录，退出时删除 temporary, removed on exit）' : ''}`,
  );
  console.log(
    `注意：演示实例的密码哈希强度已降低（scrypt N=${DEMO_SCRYPT_COST}），只用于演示。\n` +
      `Note: the demo instance hashes passwords with a low scrypt cost (N=${DEMO_SCRYPT_COST}); demo use only.`,
  );
  console.log(`\n留痕 Liuhen 演示 demo: ${url}\n`);

  const timer = setInterval(() => {
    dailyDuties(instance.ctx).catch((error) =>
      app.log.error({ err: error }, 'daily duties failed'),
    );
  }, 3_600_000);
  timer.unref();

  const stop = async () => {
    clearInterval(timer);
    await app.close();
    await instance.close();
    if (temporary) fs.rmSync(config.dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  return new Promise<number>(() => {});
}
