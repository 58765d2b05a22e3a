/**
 * The records of many reports at once: a national region over 40 quarters counts some 100,000
 * report versions, more ids than SQLite (32,766) or PostgreSQL (65,535) binds in one statement.
 * Found by the oversight benchmark, where the regional summary of the root answered 500.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordsListedBy } from '../../src/reports/listed-records.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('records listed by many reports', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('reads the lines of more reports than one statement can bind', async () => {
    const ids = Array.from({ length: 70_000 }, () => randomUUID());
    const listed = await recordsListedBy(t.instance.ctx, ids);

    expect(listed.size).toBe(70_000);
    expect([...listed.values()].every((rows) => rows.length === 0)).toBe(true);
  });
});
