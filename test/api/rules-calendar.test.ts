import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('rules, settings and the reporting calendar', (engine) => {
  let t: TestApp;
  let sys: ApiClient;
  let reader: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sys = await t.admin('sysadmin');
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    await sys
      .post('/api/v1/users', {
        username: 'filler',
        name: '填报人',
        unit: '410221',
        password: 'Fl-Pass-1',
      })
      .expect(201);
    reader = t.client();
    await reader.signIn('filler', 'Fl-Pass-1');
    await reader
      .post('/api/v1/session/password', { current: 'Fl-Pass-1', next: 'Fl-Pass-2' })
      .expect(204);
  });
  afterAll(() => t.close());

  it('ships the 2017 seven situations and the 2023 four, with their default dates and mapping', async () => {
    const rules = await reader.get('/api/v1/rules').expect(200);
    const [v2017, v2023] = rules.versions;

    expect(v2017).toMatchObject({ id: '2017', effectiveFrom: '2017-10-01' });
    expect(v2017.situations).toHaveLength(7);
    expect(v2017.situations[5]).toMatchObject({
      id: '2017-6',
      label: '(六)',
      text: '到上级统计机构“跑数要数”',
    });
    expect(v2023).toMatchObject({ id: '2023', effectiveFrom: '2023-10-27' });
    expect(v2023.situations).toHaveLength(4);
    expect(rules.mapping).toEqual([
      { from: '2017-1', to: '2023-1' },
      { from: '2017-2', to: '2023-2' },
      { from: '2017-3', to: '2023-3' },
      { from: '2017-4', to: '2023-2' },
      { from: '2017-5', to: '2023-3' },
      { from: '2017-6', to: '2023-4' },
      { from: '2017-7', to: '2023-4' },
    ]);
  });

  it('lets the system administrator move an effective date, keeping the versions in order', async () => {
    const moved = await sys
      .put('/api/v1/rules/versions/2023', { effectiveFrom: '2024-01-01' })
      .expect(200);
    expect(moved.versions[1].effectiveFrom).toBe('2024-01-01');

    const bad = await sys
      .put('/api/v1/rules/versions/2023', { effectiveFrom: '2016-01-01' })
      .expect(400);
    expect(bad.error.code).toBe('RULE_DATES_INVALID');
    await sys.put('/api/v1/rules/versions/2023', { effectiveFrom: '2024-02-30' }).expect(400);
    await sys.put('/api/v1/rules/versions/1999', { effectiveFrom: '2024-01-01' }).expect(404);
    await reader.put('/api/v1/rules/versions/2023', { effectiveFrom: '2023-10-27' }).expect(403);
    await sys.put('/api/v1/rules/versions/2023', { effectiveFrom: '2023-10-27' }).expect(200);
  });

  it('edits the mapping, refusing one that leaves a situation unmapped', async () => {
    const rules = await sys.get('/api/v1/rules').expect(200);
    const changed = rules.mapping.map((m: { from: string; to: string }) =>
      m.from === '2017-6' ? { ...m, to: '2023-3' } : m,
    );
    const saved = await sys.put('/api/v1/rules/mapping', changed).expect(200);
    expect(saved.mapping.find((m: { from: string }) => m.from === '2017-6').to).toBe('2023-3');

    const partial = await sys.put('/api/v1/rules/mapping', changed.slice(1)).expect(400);
    expect(partial.error.code).toBe('MAPPING_INVALID');
    await sys
      .put('/api/v1/rules/mapping', [...changed.slice(1), { from: '2017-1', to: '2023-9' }])
      .expect(400);
  });

  it('gives the calendar of a period: start, end and the due date of the notice', async () => {
    expect(await reader.get('/api/v1/calendar/2020Q4').expect(200)).toEqual({
      period: '2020Q4',
      start: '2020-10-01',
      end: '2020-12-31',
      due: '2021-01-06',
    });
    expect((await reader.get('/api/v1/calendar/2020Q1?unit=410221').expect(200)).due).toBe(
      '2020-04-06',
    );
    const bad = await reader.get('/api/v1/calendar/2020Q5').expect(400);
    expect(bad.error.message).toContain('2020Q2');
    await reader.get('/api/v1/calendar/2020Q1?unit=999999').expect(404);
  });

  it('follows the deadline settings and the holiday table', async () => {
    await sys.patch('/api/v1/settings', { deadlineInclusive: false }).expect(200);
    expect((await reader.get('/api/v1/calendar/2020Q2').expect(200)).due).toBe('2020-07-05');

    await sys
      .patch('/api/v1/settings', { deadlineInclusive: true, deadlineMovesPastHolidays: true })
      .expect(200);
    for (const day of ['01', '02', '03', '04', '05', '06', '07', '08']) {
      await sys
        .put(`/api/v1/holidays/2020-10-${day}`, { name: '国庆节、中秋节', workday: false })
        .expect(200);
    }
    expect((await reader.get('/api/v1/calendar/2020Q3').expect(200)).due).toBe('2020-10-09');

    await sys.delete('/api/v1/holidays/2020-10-08').expect(204);
    expect((await reader.get('/api/v1/calendar/2020Q3').expect(200)).due).toBe('2020-10-08');
    await sys.delete('/api/v1/holidays/2020-10-08').expect(404);
    const { holidays } = await reader.get('/api/v1/holidays?year=2020').expect(200);
    expect(holidays).toHaveLength(7);
  });

  it('validates settings and holidays with Chinese messages', async () => {
    const bad = await sys.patch('/api/v1/settings', { deadlineDay: 40 }).expect(400);
    expect(bad.error.message).toMatch(/[\u4e00-\u9fff]/);
    await sys.patch('/api/v1/settings', { lockoutThreshold: 1 }).expect(400);
    await sys.patch('/api/v1/settings', { unknownSetting: 1 }).expect(400);
    await sys.put('/api/v1/holidays/2020-13-01', { name: '坏日子', workday: false }).expect(400);
    await sys.put('/api/v1/holidays/2020-10-01', { name: '', workday: false }).expect(400);
    const settings = await reader.get('/api/v1/settings').expect(200);
    expect(settings).toMatchObject({
      deadlineDay: 6,
      lockoutThreshold: 5,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
  });
});
