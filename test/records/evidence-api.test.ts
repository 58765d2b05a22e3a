import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeEachEngine } from '../support/engines.js';
import { PDF, PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('evidence', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  it('stores a screenshot content-addressed, with its SM3 and SHA-256 in the log', async () => {
    const record = await c.recorder.post('/api/v1/records', buildRecord('message')).expect(201);
    const evidence = await c.recorder
      .upload(`/api/v1/records/${record.id}/evidence`, { name: '微信截图.png', content: PNG })
      .expect(201);

    const sm3 = createHash('sm3').update(PNG).digest('hex');
    expect(evidence).toMatchObject({
      name: '微信截图.png',
      mediaType: 'image/png',
      kind: 'image',
      size: PNG.length,
      sm3,
      role: 'evidence',
    });
    expect(evidence.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(
      fs.existsSync(
        path.join(t.instance.ctx.config.dataDir, 'evidence', 'sm3', sm3.slice(0, 2), sm3),
      ),
    ).toBe(true);

    const history = await c.recorder.get(`/api/v1/records/${record.id}/history`).expect(200);
    expect(history.events.map((e: any) => e.type)).toContain('evidence.added');
    const entry = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('entry')
      .where('type', '=', 'evidence.added')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.entry).data).toMatchObject({
      sm3,
      size: PNG.length,
      mediaType: 'image/png',
    });

    const signed = await c.recorder
      .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
      .expect(200);
    expect(signed.status).toBe('complete');
  });

  it('downloads with the original name, previews inline, and logs each read', async () => {
    const record = await c.recorder.post('/api/v1/records', buildRecord('letter')).expect(201);
    const evidence = await c.recorder
      .upload(`/api/v1/records/${record.id}/evidence`, { name: '来函扫描件.pdf', content: PDF })
      .expect(201);

    const download = await c.filler.get(`/api/v1/records/${record.id}/evidence/${evidence.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toContain(
      `attachment; filename*=UTF-8''${encodeURIComponent('来函扫描件.pdf')}`.replace(
        'attachment; ',
        '',
      ),
    );
    expect(download.headers['content-type']).toBe('application/pdf');
    const inline = await c.recorder.get(
      `/api/v1/records/${record.id}/evidence/${evidence.id}?inline=1`,
    );
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline;/);

    await c.otherCounty.get(`/api/v1/records/${record.id}/evidence/${evidence.id}`).expect(404);
    const reads = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('type')
      .where('type', '=', 'evidence.read')
      .execute();
    expect(reads.length).toBe(2);
  });

  it('refuses an empty file, a wrong type behind a right extension, and a file over the limit, leaving nothing behind', async () => {
    const record = await c.recorder.post('/api/v1/records', buildRecord('letter')).expect(201);
    const url = `/api/v1/records/${record.id}/evidence`;
    const store = path.join(t.instance.ctx.config.dataDir, 'evidence');
    const before = listFiles(store);

    const empty = await c.recorder
      .upload(url, { name: '空.pdf', content: Buffer.alloc(0) })
      .expect(400);
    expect(empty.error.code).toBe('EVIDENCE_REJECTED');
    const exe = await c.recorder
      .upload(url, {
        name: '截图.jpg',
        content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      })
      .expect(400);
    expect(exe.error.message).toMatch(/[\u4e00-\u9fff]/);
    await c.recorder.upload(url, { name: '扫描件.pdf', content: PNG }).expect(400);

    await c.sys.patch('/api/v1/settings', { evidenceMaxMegabytes: 1 }).expect(200);
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const tooBig = await c.recorder.upload(url, { name: '大文件.pdf', content: big }).expect(400);
    expect(tooBig.error.message).toContain('MB');
    await c.sys.patch('/api/v1/settings', { evidenceMaxMegabytes: 200 }).expect(200);

    expect(listFiles(store)).toEqual(before);
    const view = await c.recorder.get(`/api/v1/records/${record.id}`).expect(200);
    expect(view.evidence).toEqual([]);
  });

  it('completes an oral record when the paper page with the witnesses signatures is uploaded', async () => {
    const record = await c.recorder
      .post(
        '/api/v1/records',
        buildRecord('oral', { details: { place: '办公室', witnesses: [{ name: '张三' }] } }),
      )
      .expect(201);
    await c.recorder.post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD }).expect(200);
    await c.recorder
      .upload(
        `/api/v1/records/${record.id}/evidence`,
        { name: '签字页.png', content: PNG },
        { role: 'witness-signatures' },
      )
      .expect(201);

    expect((await c.recorder.get(`/api/v1/records/${record.id}`).expect(200)).status).toBe(
      'complete',
    );
  });

  it('marks evidence superseded without removing it', async () => {
    const record = await c.recorder.post('/api/v1/records', buildRecord('letter')).expect(201);
    const evidence = await c.recorder
      .upload(`/api/v1/records/${record.id}/evidence`, { name: 'a.pdf', content: PDF })
      .expect(201);
    await c.recorder
      .post(`/api/v1/records/${record.id}/evidence/${evidence.id}/supersede`, {
        reason: '扫描不清，已重新上传',
      })
      .expect(204);

    const view = await c.recorder.get(`/api/v1/records/${record.id}`).expect(200);
    expect(view.evidence[0].superseded).toMatchObject({
      by: 'qx-recorder',
      reason: '扫描不清，已重新上传',
    });
    expect(
      (await c.recorder.get(`/api/v1/records/${record.id}/evidence/${evidence.id}`)).statusCode,
    ).toBe(200);
    const blocked = await c.recorder
      .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
      .expect(400);
    expect(blocked.error.code).toBe('EVIDENCE_REQUIRED');
  });

  it('answers a flipped byte on disk with an integrity error and an alarm event', async () => {
    const record = await c.recorder.post('/api/v1/records', buildRecord('letter')).expect(201);
    const content = Buffer.concat([PDF, Buffer.from('unique-content-for-this-test')]);
    const evidence = await c.recorder
      .upload(`/api/v1/records/${record.id}/evidence`, { name: 'b.pdf', content })
      .expect(201);
    const file = path.join(
      t.instance.ctx.config.dataDir,
      'evidence',
      'sm3',
      evidence.sm3.slice(0, 2),
      evidence.sm3,
    );
    fs.chmodSync(file, 0o600);
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    fs.writeFileSync(file, bytes);

    const res = await c.recorder.get(`/api/v1/records/${record.id}/evidence/${evidence.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('EVIDENCE_CORRUPTED');
    const alarm = await t.instance.ctx.db
      .selectFrom('log_entries')
      .select('type')
      .where('type', '=', 'evidence.integrity-failed')
      .execute();
    expect(alarm).toHaveLength(1);
  });
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];

  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describeEachEngine('the recorder receipt', (engine) => {
  it('proves the signed record with no database: JSON via liuhen receipt verify, and a printable PDF', async () => {
    const t = await startTestApp(engine);
    try {
      t.clock.set('2020-07-01T02:00:00Z');
      const c = await setUpCounty(t);
      const record = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
      await c.recorder.get(`/api/v1/records/${record.id}/receipt`).expect(409);
      await c.recorder
        .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
        .expect(200);

      const receipt = await c.recorder.get(`/api/v1/records/${record.id}/receipt`).expect(200);
      expect(JSON.parse(receipt.entry)).toMatchObject({
        type: 'record.signed',
        data: { recordId: record.id, status: 'signed' },
      });
      expect(JSON.stringify(receipt)).not.toContain('王副县长');

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-receipt-'));
      const file = path.join(dir, 'receipt.json');
      fs.writeFileSync(file, JSON.stringify(receipt));
      const keys = path.join(dir, 'keys.json');
      fs.writeFileSync(keys, JSON.stringify(await t.client().get('/api/v1/keys').expect(200)));
      const ok = runCli(['receipt', 'verify', file, '--key', keys], {});
      expect(ok.status, ok.stdout).toBe(0);
      fs.writeFileSync(file, JSON.stringify({ ...receipt, index: receipt.index + 1 }));
      expect(runCli(['receipt', 'verify', file, '--key', keys], {}).status).toBe(1);

      const pdf = await c.recorder.get(`/api/v1/records/${record.id}/receipt?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      fs.rmSync(dir, { recursive: true, force: true });
    } finally {
      await t.close();
    }
  });
});
