/**
 * Every rule of 附件1, its 填报说明 and the domain reference §4, as a table: what is wrong,
 * which field the answer names, and that nothing was saved.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { buildRecord, type County, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const oral = buildRecord('oral');
const letter = buildRecord('letter');
const message = buildRecord('message');

const cases: Array<[string, Record<string, any>, string]> = [
  [
    'oral without a place',
    { ...oral, details: { witnesses: oral.details.witnesses } },
    'details.place',
  ],
  ['oral without witnesses', { ...oral, details: { place: '会议室' } }, 'details.witnesses'],
  [
    'oral with an empty witness list',
    { ...oral, details: { place: '会议室', witnesses: [] } },
    'details.witnesses',
  ],
  ['oral with only a date', { ...oral, occurredAt: '2020-05-12' }, 'occurredAt'],
  [
    'a witness without a name',
    { ...oral, details: { place: '会议室', witnesses: [{ name: '' }] } },
    'details.witnesses.0.name',
  ],
  ['letter without the sending unit', { ...letter, details: {} }, 'details.senderUnit'],
  ['message without a channel', { ...message, channel: undefined }, 'channel'],
  [
    'WeChat message without the WeChat ID',
    { ...message, details: { phone: '13800000000' } },
    'details.wechat',
  ],
  [
    'phone message without the number',
    { ...message, channel: 'phone', details: { wechat: 'x' } },
    'details.phone',
  ],
  ['QQ message without the QQ number', { ...message, channel: 'qq', details: {} }, 'details.qq'],
  [
    'email message without the address',
    { ...message, channel: 'email', details: {} },
    'details.email',
  ],
  [
    'email message with a bad address',
    { ...message, channel: 'email', details: { email: 'not-an-address' } },
    'details.email',
  ],
  [
    'other-source message without the source',
    { ...message, channel: 'other', details: {} },
    'details.otherSource',
  ],
  [
    'message without the storage medium',
    { ...message, content: { words: '调高一点' } },
    'content.storageMedium',
  ],
  ['a channel on an oral record', { ...oral, channel: 'phone' }, 'channel'],
  [
    'nothing said about what was asked',
    { ...oral, content: { description: '领导来过' } },
    'content',
  ],
  ['an unknown form', { ...oral, form: 'telepathy' }, 'form'],
  [
    'an unknown level',
    { ...oral, interferer: { ...oral.interferer, level: 'emperor' } },
    'interferer.level',
  ],
  [
    'no interferer name',
    { ...oral, interferer: { ...oral.interferer, name: '' } },
    'interferer.name',
  ],
  [
    'no interferer post',
    { ...oral, interferer: { name: '某某', level: 'county' } },
    'interferer.post',
  ],
  ['a 2023 situation in 2020', { ...oral, situation: '2023-1' }, 'situation'],
  [
    'a 2017 situation in 2024',
    { ...oral, occurredAt: '2024-03-01T09', situation: '2017-6' },
    'situation',
  ],
  ['situation 8 of 2017', { ...oral, situation: '2017-8' }, 'situation'],
  ['a time in the future', { ...oral, occurredAt: '2031-01-01T09' }, 'occurredAt'],
  ['an impossible date', { ...oral, occurredAt: '2020-02-30T09' }, 'occurredAt'],
  ['hour 24', { ...oral, occurredAt: '2020-05-12T24' }, 'occurredAt'],
  ['a minute precision', { ...oral, occurredAt: '2020-05-12T15:30' }, 'occurredAt'],
  ['before any rule was in force', { ...oral, occurredAt: '2016-05-12T15' }, 'occurredAt'],
  ['no recording office', { ...oral, office: '' }, 'office'],
  ['an unknown field', { ...oral, secretNote: 'x' }, 'record'],
  [
    'a supplementary record without a reason',
    { ...oral, supplementary: { obstacleRemovedOn: '2020-06-01' } },
    'supplementary.reason',
  ],
  [
    'an obstacle removed before the interference',
    { ...oral, supplementary: { obstacleRemovedOn: '2020-05-01', reason: '出差' } },
    'supplementary.obstacleRemovedOn',
  ],
  ['words far too long', { ...oral, content: { words: '字'.repeat(5001) } }, 'content.words'],
  [
    'a hostile name',
    { ...oral, interferer: { ...oral.interferer, name: `<script>${'x'.repeat(60)}` } },
    'interferer.name',
  ],
];

describeEachEngine('record validation', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2026-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  it.each(cases)('refuses %s, naming %s, and saves nothing', async (_what, body, field) => {
    const res = await c.recorder.post('/api/v1/records', body).expect(400);

    expect(res.error.code).toBe('VALIDATION_FAILED');
    const fields = res.error.details.map((d: { field: string }) => d.field);
    if (field === 'record') expect(fields.length).toBeGreaterThan(0);
    else expect(fields).toContain(field);
    expect(
      res.error.details.every((d: { message: string }) => /[\u4e00-\u9fff]/.test(d.message)),
    ).toBe(true);
    expect((await c.recorder.get('/api/v1/records').expect(200)).total).toBe(0);
  });

  it('accepts a letter dated to the day only (填报说明 3)', async () => {
    await c.recorder
      .post('/api/v1/records', buildRecord('letter', { occurredAt: '2020-05-13' }))
      .expect(201);
  });

  it('accepts a 2023 situation after 27 October 2023 and flags a supplementary record over 15 days late', async () => {
    const late = buildRecord('oral', {
      occurredAt: '2026-05-01T10',
      situation: '2023-2',
      supplementary: { obstacleRemovedOn: '2026-06-01', reason: '被借调外出，无法及时记录' },
    });
    const record = await c.recorder.post('/api/v1/records', late).expect(201);
    expect(record).toMatchObject({ ruleVersion: '2023', supplementaryLate: true });

    const timely = { ...late, supplementary: { obstacleRemovedOn: '2026-06-20', reason: '住院' } };
    expect((await c.recorder.post('/api/v1/records', timely).expect(201)).supplementaryLate).toBe(
      false,
    );
  });

  it('accepts every channel with its identifier', async () => {
    const identifiers = {
      phone: 'phone',
      qq: 'qq',
      wechat: 'wechat',
      email: 'email',
      other: 'otherSource',
    } as const;
    for (const [channel, field] of Object.entries(identifiers)) {
      const value = channel === 'email' ? 'wang@example.org' : '12345678';
      await c.recorder
        .post('/api/v1/records', buildRecord('message', { channel, details: { [field]: value } }))
        .expect(201);
    }
  });
});
