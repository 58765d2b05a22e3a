import { afterAll, beforeAll, expect, it } from 'vitest';
import { leafHash } from '../../src/ledger/hash-algorithm.js';
import { verifyInstance } from '../../src/verification/verify.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('the hash function of a log', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, { logHash: 'sha256' });
  });
  afterAll(() => t.close());

  it('is fixed per log at creation: SHA-256 when the instance is set so', async () => {
    const sys = await t.admin('sysadmin');
    await sys
      .post('/api/v1/units', { code: '410200', name: '开封市统计局', kind: 'city' })
      .expect(201);
    const { db } = t.instance.ctx;
    const logs = await db.selectFrom('logs').select(['id', 'alg']).execute();

    expect(logs.map((l) => l.alg)).toEqual(logs.map(() => 'sha256'));
    const entry = await db
      .selectFrom('log_entries')
      .selectAll()
      .where('log_id', '=', '410200')
      .executeTakeFirstOrThrow();
    expect(entry.leaf_hash).toBe(leafHash(entry.entry, 'sha256'));
    expect((await verifyInstance(t.instance.ctx)).ok).toBe(true);
  });

  it('keeps SM3 for a log created under SM3, whatever the setting later says', async () => {
    const { db } = t.instance.ctx;
    await db
      .insertInto('logs')
      .values({ id: 'legacy', alg: 'sm3', size: 0, created_at: '2020-01-01T00:00:00Z' })
      .execute();
    const sys = await t.admin('sysadmin');
    await sys.post('/api/v1/units', { code: 'legacy', name: '旧单位', kind: 'other' }).expect(201);

    const entry = await db
      .selectFrom('log_entries')
      .selectAll()
      .where('log_id', '=', 'legacy')
      .executeTakeFirstOrThrow();
    expect(entry.leaf_hash).toBe(leafHash(entry.entry, 'sm3'));
  });
});
