import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('units', (engine) => {
  let t: TestApp;
  let sys: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sys = await t.admin('sysadmin');
  });
  afterAll(() => t.close());

  it('builds a tree: province → city → county, with offices and affiliates', async () => {
    await sys
      .post('/api/v1/units', { code: '420000', name: '湖北省统计局', kind: 'province' })
      .expect(201);
    const city = await sys
      .post('/api/v1/units', {
        code: '420100',
        name: '武汉市统计局',
        kind: 'city',
        parent: '420000',
      })
      .expect(201);
    await sys
      .post('/api/v1/units', {
        code: '420102',
        name: '江岸区统计局',
        kind: 'county',
        parent: '420100',
      })
      .expect(201);
    await sys
      .post('/api/v1/units', {
        code: '420100-02',
        name: '法规科',
        kind: 'office',
        parent: '420100',
      })
      .expect(201);
    await sys
      .post('/api/v1/units', {
        code: '420100-90',
        name: '普查中心',
        kind: 'affiliate',
        parent: '420100',
      })
      .expect(201);

    expect(city).toEqual({
      code: '420100',
      name: '武汉市统计局',
      kind: 'city',
      parent: '420000',
      reportsTo: '420000',
      active: true,
    });
    const county = await sys.get('/api/v1/units/420102').expect(200);
    expect(county.reportsTo).toBe('420100');
  });

  it('refuses bad input with a field-level Chinese message and writes nothing', async () => {
    const before = await sys.get('/api/v1/units').expect(200);
    const cases = [
      { code: '', name: 'x', kind: 'city' },
      { code: '42 01', name: 'x', kind: 'city' },
      { code: '429999', name: '', kind: 'city' },
      { code: '429999', name: 'x', kind: 'planet' },
      { code: '429999', name: 'x', kind: 'city', parent: 'nowhere' },
      { code: '429999', name: 'x', kind: 'city', extra: 1 },
      { code: '429999', name: 'x'.repeat(101), kind: 'city' },
    ];
    for (const body of cases) {
      const res = await sys.post('/api/v1/units', body).expect(400);
      expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    }

    const taken = await sys
      .post('/api/v1/units', { code: '420000', name: '重复', kind: 'province' })
      .expect(409);
    expect(taken.error.code).toBe('UNIT_EXISTS');
    const after = await sys.get('/api/v1/units').expect(200);
    expect(after.units).toEqual(before.units);
  });

  it('changes a unit and refuses a cycle', async () => {
    const renamed = await sys
      .patch('/api/v1/units/420102', { name: '江岸区统计局（新）' })
      .expect(200);
    expect(renamed.name).toBe('江岸区统计局（新）');

    const cycle = await sys.patch('/api/v1/units/420000', { parent: '420102' }).expect(400);
    expect(cycle.error.code).toBe('UNIT_PARENT_INVALID');
    await sys.patch('/api/v1/units/420102', { parent: '420102' }).expect(400);
    await sys.get('/api/v1/units/999999').expect(404);
  });

  it('deactivates a unit instead of deleting it', async () => {
    const off = await sys.patch('/api/v1/units/420100-90', { active: false }).expect(200);
    expect(off.active).toBe(false);
    const res = await sys.delete('/api/v1/units/420100-90');
    expect(res.statusCode).toBe(404);
    await sys.get('/api/v1/units/420100-90').expect(200);
  });

  it('loads the Kaifeng preset with the codes of the domain reference, twice without harm', async () => {
    const first = await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    const again = await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    const { units } = await sys.get('/api/v1/units').expect(200);
    const byCode = new Map(units.map((u: { code: string }) => [u.code, u]));

    expect(first.imported.length).toBeGreaterThanOrEqual(12);
    expect(again.imported).toEqual([]);
    for (const code of [
      '410000',
      '410200',
      '410202',
      '410203',
      '410204',
      '410205',
      '410212',
      '410221',
      '410222',
      '410223',
      '410225',
    ]) {
      expect(byCode.has(code), code).toBe(true);
    }
    expect(byCode.get('410221')).toMatchObject({
      name: '杞县统计局',
      kind: 'county',
      parent: '410200',
      reportsTo: '410200',
    });
    expect(
      units.some(
        (u: { name: string; parent: string }) => u.name === '法规科' && u.parent === '410200',
      ),
    ).toBe(true);
  });

  it('imports units from CSV with Chinese headers, parents after children in the file', async () => {
    const csv =
      '\ufeff单位代码,单位名称,类型,上级单位\r\n430102,芙蓉区统计局,县,430100\r\n430100,"长沙市统计局",市,\r\n';
    const dry = await sys
      .post('/api/v1/units/import', { format: 'csv', content: csv, dryRun: true })
      .expect(200);
    expect(dry.dryRun).toBe(true);
    await sys.get('/api/v1/units/430100').expect(404);

    const done = await sys
      .post('/api/v1/units/import', { format: 'csv', content: csv })
      .expect(200);
    expect(done.imported.map((u: { code: string }) => u.code)).toEqual(['430100', '430102']);
    const county = await sys.get('/api/v1/units/430102').expect(200);
    expect(county).toMatchObject({ kind: 'county', parent: '430100', reportsTo: '430100' });
  });

  it('imports units from JSON', async () => {
    const json = JSON.stringify({
      units: [{ code: '440000', name: '广东省统计局', kind: 'province' }],
    });
    await sys.post('/api/v1/units/import', { format: 'json', content: json }).expect(200);
    await sys.get('/api/v1/units/440000').expect(200);
  });

  it('imports nothing from a file with one bad row, and names every bad row', async () => {
    const csv =
      'code,name,kind,parent\n450000,广西壮族自治区统计局,province,\n450100,,city,450000\n450200,柳州市统计局,moon,450000\n';
    const res = await sys.post('/api/v1/units/import', { format: 'csv', content: csv }).expect(400);

    expect(res.error.code).toBe('UNIT_IMPORT_INVALID');
    expect(res.error.details.map((d: { field: string }) => d.field)).toEqual([
      '第 2 个单位 name',
      '第 3 个单位 kind',
    ]);
    await sys.get('/api/v1/units/450000').expect(404);
  });

  it.each([
    ['csv', ''],
    ['csv', 'foo,bar\n1,2\n'],
    ['json', '{not json'],
    ['json', '{"units": 5}'],
    ['json', '[{"code": "<script>", "name": "x", "kind": "city"}]'],
    ['csv', `code,name,kind\n${'460000,海南,province\n'.repeat(2)}`],
    ['csv', 'code,name,kind,parent\n470001,孤儿,county,479999\n'],
  ])('refuses a malformed %s file with a clear message', async (format, content) => {
    const res = await sys.post('/api/v1/units/import', { format, content }).expect(400);

    expect(res.error.code).toBe('UNIT_IMPORT_INVALID');
    expect(res.error.details.length).toBeGreaterThan(0);
    expect(res.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a file that is too large', async () => {
    const content = `code,name,kind\n${'x'.repeat(2_100_000)}`;
    const res = await sys.post('/api/v1/units/import', { format: 'csv', content });

    expect([400, 413]).toContain(res.statusCode);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lets business users read units but not change them', async () => {
    await sys
      .post('/api/v1/users', {
        username: 'reader',
        name: '读者',
        unit: '410221',
        password: 'Rd-Pass-1',
      })
      .expect(201);
    const c = t.client();
    await c.signIn('reader', 'Rd-Pass-1');
    await c
      .post('/api/v1/session/password', { current: 'Rd-Pass-1', next: 'Rd-Pass-2' })
      .expect(204);

    await c.get('/api/v1/units').expect(200);
    const denied = await c
      .post('/api/v1/units', { code: '480000', name: 'x', kind: 'province' })
      .expect(403);
    expect(denied.error.code).toBe('FORBIDDEN');
  });
});
