/**
 * A real Liuhen instance for a test: a fresh database on the chosen engine, the real
 * server driven in-process with fastify.inject, and a manual clock.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../src/platform/clock.js';
import { type Config, loadConfig } from '../../src/platform/config.js';
import { buildServer } from '../../src/platform/http/server.js';
import { type Instance, openInstance } from '../../src/platform/instance.js';
import { ApiClient } from './api-client.js';
import type { EngineUnderTest } from './engines.js';

/** The one-time password all three administrator accounts start with in tests. */
export const ADMIN_ONE_TIME = 'Once-Only-2026';
/** What the tests change it to at first sign-in. */
export const ADMIN_PASSWORD = 'Admin-Secret-99';

export interface TestApp {
  app: FastifyInstance;
  instance: Instance;
  clock: ManualClock;
  client(ip?: string): ApiClient;
  /** A client signed in as one of the three administrators, past the forced change. */
  admin(role: 'sysadmin' | 'secadmin' | 'auditadmin'): Promise<ApiClient>;
  close(): Promise<void>;
}

export async function startTestApp(
  engine: EngineUnderTest,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const database = await engine.create();
  const clock = new ManualClock(new Date('2026-01-05T02:00:00Z'));
  // A data folder and master key of its own, so the test never touches ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-data-'));
  const env = { LIUHEN_MASTER_KEY: randomBytes(32).toString('hex'), LIUHEN_DATA_DIR: dataDir };
  const config = {
    ...loadConfig(env),
    dbUrl: database.url,
    scryptCost: 1024,
    webDist: '/nonexistent',
    ...overrides,
  };
  const instance = await openInstance(config, { clock, adminPassword: ADMIN_ONE_TIME });
  const app = await buildServer(instance.ctx);
  const passwords = new Map<string, string>();
  let rotations = 0;

  return {
    app,
    instance,
    clock,
    client: (ip?: string) => new ApiClient(app, ip),
    async admin(role) {
      const client = new ApiClient(app);
      const current = passwords.get(role) ?? ADMIN_ONE_TIME;
      await client.signIn(role, current);
      // First sign-in, or a password older than the administrators' 90 days on the test clock:
      // change it to a new one, as an administrator would be made to.
      const session = await client.get('/api/v1/session').expect(200);
      if (session.user.mustChangePassword) {
        const next =
          current === ADMIN_ONE_TIME ? ADMIN_PASSWORD : `${ADMIN_PASSWORD}-${++rotations}`;
        await client.post('/api/v1/session/password', { current, next }).expect(204);
        passwords.set(role, next);
      }

      return client;
    },
    async close() {
      await app.close();
      await instance.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
