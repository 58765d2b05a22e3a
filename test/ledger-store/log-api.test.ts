/**
 * The logs over HTTP, checked the way an outside auditor would: with the published keys and
 * the pure library only, never trusting the server's own word. Also who may read which log,
 * and what a bad question gets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Checkpoint,
  leafHash,
  rootHash,
  type VerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
} from '../../src/ledger/index.js';
import type { ApiClient } from '../support/api-client.js';
import { runCli } from '../support/cli.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COUNTY = '410221';

/** A key as GET /api/v1/keys publishes it: a verifier key with its signed-note key id. */
type PublishedKey = VerifierKey & { id: string };
const log = (unit: string, rest = '') => `/api/v1/logs/${unit}${rest}`;

/** Every read the log API offers, for one log. */
const everyRead = (unit: string) => [
  log(unit, '/checkpoint'),
  log(unit, '/entries/0'),
  log(unit, '/entries/0/receipt'),
  log(unit, '/proofs/inclusion?index=0'),
  log(unit, '/proofs/consistency?from=0'),
];

describeEachEngine('the log API', (engine) => {
  let t: TestApp;
  let sys: ApiClient;
  let sec: ApiClient;
  let audit: ApiClient;
  let filler: ApiClient;
  let reviewer: ApiClient;
  let keys: PublishedKey[];
  /** The county's checkpoint taken after 3 renamings, at size 4; the log now holds 9. */
  let early: Checkpoint;

  async function rename(times: number) {
    for (let i = 0; i < times; i += 1) {
      await sys.patch(`/api/v1/units/${COUNTY}`, { name: `杞县统计局·${i}` }).expect(200);
    }
  }

  async function businessUser(username: string, role: string, unit: string) {
    const [first, next] = ['First-Pass-1', 'Second-Pass-2'];
    await sys.post('/api/v1/users', { username, name: '测试', unit, password: first }).expect(201);
    await sec.put(`/api/v1/users/${username}/roles`, [{ role, unit }]).expect(200);
    const client = t.client();
    await client.signIn(username, first);
    await client.post('/api/v1/session/password', { current: first, next }).expect(204);

    return client;
  }

  /** The checkpoint's content, after checking its signature with the published keys. */
  function trusted(note: string): Checkpoint {
    const verification = verifyCheckpoint(note, keys);
    expect(verification.problems).toEqual([]);

    return verification.checkpoint!;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sys, sec, audit] = [
      await t.admin('sysadmin'),
      await t.admin('secadmin'),
      await t.admin('auditadmin'),
    ];
    await sys.post('/api/v1/units/presets/kaifeng').expect(200);
    keys = (await t.client().get('/api/v1/keys').expect(200)).keys;

    await rename(3);
    early = trusted((await audit.get(log(COUNTY, '/checkpoint')).expect(200)).note);
    await rename(5);

    filler = await businessUser('qixian-liu', 'filler', COUNTY);
    reviewer = await businessUser('kaifeng-zhao', 'reviewer', '410200');
  });
  afterAll(() => t.close());

  async function entries(size: number): Promise<string[]> {
    const read = (i: number) => audit.get(log(COUNTY, `/entries/${i}`)).expect(200);

    return (await Promise.all(Array.from({ length: size }, (_, i) => read(i)))).map((e) => e.entry);
  }

  it('publishes the SM2 signing key to anyone, signed in or not', async () => {
    const body = await t.client().get('/api/v1/keys').expect(200);

    expect(body.keys).toHaveLength(1);
    const [key] = body.keys;
    expect(key).toMatchObject({ alg: 'sm2', retiredAt: null });
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(key.name).toMatch(/^liuhen\.[0-9a-f]{8}$/);
    const point = Buffer.from(key.publicKey, 'base64');
    expect([point.length, point[0]]).toEqual([65, 0x04]);
  });

  it('serves a checkpoint that the published key verifies, of the log as it stands', async () => {
    const answer = await audit.get(log(COUNTY, '/checkpoint')).expect(200);
    const signed = trusted(answer.note);

    expect(signed).toMatchObject({ size: 9, rootHash: answer.root, alg: 'sm3' });
    expect(answer).toMatchObject({ log: COUNTY, size: 9, keyId: keys[0]!.id });
    expect(signed.origin).toBe(`${keys[0]!.name}/${COUNTY}`);
    expect(answer.root).toBe(rootHash(await entries(9), 'sm3'));
    // Asked again with nothing new, it answers the same signed head rather than a new one.
    expect(await audit.get(log(COUNTY, '/checkpoint')).expect(200)).toEqual(answer);
  });

  it('serves each entry with the leaf hash of its text and the event it spells', async () => {
    for (let index = 0; index < 9; index += 1) {
      const answer = await audit.get(log(COUNTY, `/entries/${index}`)).expect(200);

      expect(answer).toMatchObject({ log: COUNTY, index, leafHash: leafHash(answer.entry, 'sm3') });
      expect(answer.event).toEqual(JSON.parse(answer.entry));
      expect(answer.event).toMatchObject({
        type: index === 0 ? 'unit.created' : 'unit.updated',
        unit: COUNTY,
      });
    }
    await audit.get(log(COUNTY, '/entries/9')).expect(404);
  });

  it('proves inclusion against the root it returns and the checkpoint signed at that size', async () => {
    const current = trusted((await audit.get(log(COUNTY, '/checkpoint')).expect(200)).note);
    const texts = await entries(9);

    for (const checkpoint of [early, current]) {
      for (let index = 0; index < checkpoint.size; index += 1) {
        const query = `/proofs/inclusion?index=${index}&size=${checkpoint.size}`;
        const answer = await audit.get(log(COUNTY, query)).expect(200);
        const check = { index, size: checkpoint.size, proof: answer.proof, alg: 'sm3' as const };

        expect(answer.leafHash).toBe(leafHash(texts[index]!, 'sm3'));
        expect(answer.root).toBe(checkpoint.rootHash);
        expect(verifyInclusion({ ...check, leafHash: answer.leafHash, root: answer.root })).toBe(
          true,
        );
        expect(verifyInclusion({ ...check, leafHash: answer.leafHash, root: early.rootHash })).toBe(
          checkpoint === early,
        );
      }
    }

    const latest = await audit.get(log(COUNTY, '/proofs/inclusion?index=3')).expect(200);
    expect(latest).toMatchObject({ size: 9, root: current.rootHash });
  });

  it('proves the log only grew between the two signed checkpoints', async () => {
    const current = trusted((await audit.get(log(COUNTY, '/checkpoint')).expect(200)).note);
    const query = `/proofs/consistency?from=${early.size}&to=${current.size}`;
    const answer = await audit.get(log(COUNTY, query)).expect(200);

    expect(answer).toMatchObject({ fromRoot: early.rootHash, toRoot: current.rootHash });
    const growth = { from: early.size, to: current.size, proof: answer.proof, alg: 'sm3' as const };
    expect(
      verifyConsistency({ ...growth, fromRoot: early.rootHash, toRoot: current.rootHash }),
    ).toBe(true);
    expect(
      verifyConsistency({ ...growth, fromRoot: current.rootHash, toRoot: early.rootHash }),
    ).toBe(false);

    for (let from = 1; from <= 9; from += 1) {
      const each = await audit.get(log(COUNTY, `/proofs/consistency?from=${from}`)).expect(200);
      expect(each).toMatchObject({ from, to: 9, toRoot: current.rootHash });
      expect(verifyConsistency({ ...each, alg: 'sm3' }), `from ${from}`).toBe(true);
    }
  });

  it('hands out a receipt that the library and `liuhen receipt verify --key` accept, and not once altered', async () => {
    const res = await audit.get(log(COUNTY, '/entries/2/receipt'));
    const receipt = res.json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-receipt-'));
    const [receiptFile, keyFile, alteredFile] = ['receipt.json', 'keys.json', 'altered.json'].map(
      (name) => path.join(dir, name),
    ) as [string, string, string];

    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="receipt-${COUNTY}-2.json"`,
      );
      expect(receipt).toMatchObject({ version: 1, index: 2, entry: (await entries(3))[2] });
      expect(verifyReceipt(receipt, keys)).toEqual({ ok: true, problems: [] });

      fs.writeFileSync(receiptFile, JSON.stringify(receipt));
      fs.writeFileSync(keyFile, JSON.stringify({ keys }));
      const accepted = runCli(['receipt', 'verify', receiptFile, '--key', keyFile], {});
      expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
      expect(accepted.stdout).toContain('receipt verified');

      fs.writeFileSync(
        alteredFile,
        JSON.stringify({ ...receipt, entry: changeOneChar(receipt.entry) }),
      );
      const refused = runCli(['receipt', 'verify', alteredFile, '--key', keyFile], {});
      expect(refused.status, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stdout).toContain('receipt does NOT verify');
      expect(refused.stdout).toMatch(/✗ root from the proof: got [0-9a-f]{64}, want [0-9a-f]{64}/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks who is asking: signed in, and never the system or security administrator', async () => {
    for (const url of everyRead(COUNTY)) {
      await t.client().get(url).expect(401);
      await sys.get(url).expect(403);
      await sec.get(url).expect(403);
    }
  });

  it('lets a filler read their own unit’s log and nobody else’s, as if the others did not exist', async () => {
    const missing = await filler.get(log('999999', '/checkpoint')).expect(404);

    for (const url of everyRead(COUNTY)) await filler.get(url).expect(200);
    for (const url of [...everyRead('410222'), ...everyRead('system')]) {
      expect(await filler.get(url).expect(404), url).toEqual(missing);
    }
    expect(missing.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lets a reviewer read the logs of the units that report to theirs', async () => {
    for (const url of everyRead(COUNTY)) await reviewer.get(url).expect(200);
    for (const url of everyRead('system')) await reviewer.get(url).expect(404);
  });

  it('lets the audit administrator read the system log', async () => {
    const checkpoint = await audit.get(log('system', '/checkpoint')).expect(200);

    expect(trusted(checkpoint.note).size).toBe(checkpoint.size);
  });

  it.each([
    ['an index at the size', '/proofs/inclusion?index=9&size=9'],
    ['an index past the log', '/proofs/inclusion?index=9'],
    ['a size past the log', '/proofs/inclusion?index=0&size=10'],
    ['a negative index', '/proofs/inclusion?index=-1'],
    ['a fractional index', '/proofs/inclusion?index=1.5'],
    ['an index that is no number', '/proofs/inclusion?index=abc'],
    ['no index', '/proofs/inclusion'],
    ['an unknown parameter', '/proofs/inclusion?index=0&leaf=1'],
    ['from after to', '/proofs/consistency?from=5&to=4'],
    ['to past the log', '/proofs/consistency?from=1&to=10'],
    ['a from that is no number', '/proofs/consistency?from=x'],
    ['an entry index that is no number', '/entries/first'],
  ])('refuses %s with 400 and a Chinese message', async (_, rest) => {
    const answer = await audit.get(log(COUNTY, rest)).expect(400);

    expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 404 for a log that does not exist and an entry beyond the end', async () => {
    for (const url of everyRead('999999')) await audit.get(url).expect(404);
    await audit.get(log(COUNTY, '/entries/9/receipt')).expect(404);
    await audit.get(log(COUNTY, '/entries/1000')).expect(404);
  });
});

/** Changes one hexadecimal digit of the event's id: the text stays canonical JSON. */
function changeOneChar(entry: string): string {
  const at = entry.indexOf('"id":"') + '"id":"'.length;

  return `${entry.slice(0, at)}${entry[at] === '0' ? '1' : '0'}${entry.slice(at + 1)}`;
}
