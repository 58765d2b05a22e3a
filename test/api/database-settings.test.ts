import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('database durability settings', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('commits durably: SQLite WAL, synchronous=FULL, foreign keys; PostgreSQL fsync on', async () => {
    const { db } = t.instance.ctx;
    if (engine.name === 'postgres') {
      const fsync = await sql<{ fsync: string }>`show fsync`.execute(db);
      const commit = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db);
      expect(fsync.rows[0]?.fsync).toBe('on');
      expect(commit.rows[0]?.synchronous_commit).toBe('on');
      return;
    }

    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('refuses a row that points at a unit that does not exist (foreign keys on)', async () => {
    const insert = t.instance.ctx.db
      .insertInto('user_roles')
      .values({ user_id: 'nobody', role: 'recorder', unit: 'nowhere', granted_at: 'x' })
      .execute();

    await expect(insert).rejects.toThrow();
  });
});
