import { afterAll, beforeAll, expect, it } from 'vitest';
import { parsePeriod } from '../../src/calendar/period.js';
import { renderLedgerXlsx } from '../../src/documents/ledger-xlsx.js';
import { loadReportDocuments } from '../../src/documents/report-documents.js';
import { quarterState } from '../../src/reports/report-ledger.js';
import { describeEachEngine } from '../support/engines.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('ledger round trip', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  it('exports a quarter as xlsx, imports it into an empty unit, and the summary is the same', async () => {
    const records = [
      buildRecord('oral'),
      buildRecord('oral', {
        interferer: { name: '赵镇长', post: '某镇镇长', level: 'township' },
        situation: '2017-5',
        content: {
          case: { name: '某企业统计造假案', units: ['某企业'], persons: ['钱某', '孙某'] },
        },
      }),
      buildRecord('letter', { noEvidenceReason: '原件已归档', situation: '2017-1' }),
      buildRecord('message', { noEvidenceReason: '截屏已打印', situation: '2017-7' }),
      buildRecord('message', {
        channel: 'email',
        details: { email: 'wang@example.cn' },
        interferer: { name: '周主任', post: '县统计局办公室主任', level: 'other' },
        noEvidenceReason: '邮件已打印',
      }),
    ];
    for (const body of records) {
      const record = await c.recorder.post('/api/v1/records', body).expect(201);
      await c.recorder
        .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
        .expect(200);
    }

    const ctx = t.instance.ctx;
    const documents = await loadReportDocuments(ctx, '410221', '2020Q2', 'unit');
    const xlsx = await renderLedgerXlsx(documents.ledger);
    const shown = await c.otherCounty
      .upload('/api/v1/imports/preview', { name: 'ledger.xlsx', content: xlsx }, { unit: '410222' })
      .expect(200);
    expect(shown).toMatchObject({ layout: 'ledger', hasLevelAndSituation: true, problems: [] });
    expect(shown.rows.flatMap((r: { problems: unknown[] }) => r.problems)).toEqual([]);
    await c.otherCounty
      .post('/api/v1/imports', { unit: '410222', file: shown.file.sm3 })
      .expect(201);

    const period = parsePeriod('2020Q2')!;
    const source = await quarterState(ctx, '410221', period, '2020Q2');
    const imported = await quarterState(ctx, '410222', period, '2020Q2');
    expect(imported.summary).toEqual(source.summary);
    expect(source.summary.forms.total ?? source.ledger.length).toBeGreaterThan(0);
  });
});
