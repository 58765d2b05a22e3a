/**
 * The instance the oversight benchmark measures: a fresh benchmark database opened the way
 * bench-instance.ts opens one, but on a clock that stands at BENCH_NOW, so that every quarter
 * of the data set is due and the compliance view is the same whatever day the run is on.
 */
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { openInstance } from '../../src/platform/instance.js';
import type { BenchTarget } from '../bench-instance.js';
import { createBenchDatabase, type EngineName } from '../engines.js';
import { BENCH_NOW } from './national-dataset.js';

/** `webDist` is the web app the server serves (see web-bundle.ts). */
export async function openOversightTarget(
  engine: EngineName,
  env: NodeJS.ProcessEnv,
  webDist: string,
): Promise<BenchTarget> {
  const database = await createBenchDatabase(engine, env);
  try {
    const config = loadConfig({
      LIUHEN_DB_URL: database.url,
      LIUHEN_DATA_DIR: database.dataDir,
      LIUHEN_MASTER_KEY: randomBytes(32).toString('hex'),
      // The reviewers' password hashes are not what is measured (see bench-instance.ts).
      LIUHEN_SCRYPT_COST: '1024',
      LIUHEN_WEB_DIST: webDist,
      LOG_LEVEL: 'warn',
    });
    const instance = await openInstance(config, { clock: new ManualClock(BENCH_NOW) });

    return {
      engine,
      database,
      instance,
      async close() {
        await instance.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
