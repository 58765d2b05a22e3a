/**
 * Every role against every record endpoint, each on a fresh record in the state the endpoint
 * needs. A record one may not see answers 404, as if it did not exist; one may see but not
 * change answers 403; administrators are refused by the policy (403); no session, 401.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.js';
import { describeEachEngine } from '../support/engines.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
type Who = Exclude<keyof County, 'signInAgain'> | 'anonymous';
type State = 'draft' | 'signed';

interface Endpoint {
  name: string;
  state: State;
  call(client: ApiClient, id: string, evidenceId: string): PromiseLike<{ statusCode: number }>;
  /** Status for the owner, a witness, the unit's filler and leaders, and everyone else. */
  expect: { owner: number; witness: number; filler: number; leaders: number };
}

const endpoints: Endpoint[] = [
  {
    name: 'GET record',
    state: 'draft',
    call: (c, id) => c.get(`/api/v1/records/${id}`),
    expect: { owner: 200, witness: 200, filler: 200, leaders: 200 },
  },
  {
    name: 'GET history',
    state: 'draft',
    call: (c, id) => c.get(`/api/v1/records/${id}/history`),
    expect: { owner: 200, witness: 200, filler: 200, leaders: 200 },
  },
  {
    name: 'PATCH draft',
    state: 'draft',
    call: (c, id) => c.patch(`/api/v1/records/${id}`, { office: '综合科' }),
    expect: { owner: 200, witness: 403, filler: 403, leaders: 403 },
  },
  {
    name: 'sign',
    state: 'draft',
    call: (c, id) => c.post(`/api/v1/records/${id}/sign`, { password: PASSWORD }),
    expect: { owner: 200, witness: 403, filler: 403, leaders: 403 },
  },
  {
    name: 'confirm as witness',
    state: 'signed',
    call: (c, id) => c.post(`/api/v1/records/${id}/witness-confirmations`, { password: PASSWORD }),
    expect: { owner: 403, witness: 201, filler: 403, leaders: 403 },
  },
  {
    name: 'amend',
    state: 'signed',
    call: (c, id) =>
      c.post(`/api/v1/records/${id}/amendments`, {
        changes: { office: '法规科' },
        reason: '科室记错',
      }),
    expect: { owner: 201, witness: 403, filler: 403, leaders: 403 },
  },
  {
    name: 'void',
    state: 'draft',
    call: (c, id) => c.post(`/api/v1/records/${id}/void`, { reason: '重复' }),
    expect: { owner: 200, witness: 403, filler: 200, leaders: 403 },
  },
  {
    name: 'upload evidence',
    state: 'draft',
    call: (c, id) => c.upload(`/api/v1/records/${id}/evidence`, { name: 'x.pdf', content: PDF }),
    expect: { owner: 201, witness: 403, filler: 403, leaders: 403 },
  },
  {
    name: 'download evidence',
    state: 'draft',
    call: (c, id, e) => c.get(`/api/v1/records/${id}/evidence/${e}`),
    expect: { owner: 200, witness: 200, filler: 200, leaders: 200 },
  },
  {
    name: 'receipt',
    state: 'signed',
    call: (c, id) => c.get(`/api/v1/records/${id}/receipt`),
    expect: { owner: 200, witness: 403, filler: 403, leaders: 403 },
  },
];

const everyone: Who[] = [
  'recorder',
  'witness',
  'filler',
  'leader',
  'principal',
  'recorder2',
  'reviewer',
  'otherCounty',
  'bystander',
  'sys',
  'sec',
  'audit',
  'anonymous',
];

function expected(endpoint: Endpoint, who: Who): number {
  if (who === 'anonymous') return 401;
  if (who === 'sys' || who === 'sec' || who === 'audit') return 403;
  if (who === 'recorder') return endpoint.expect.owner;
  if (who === 'witness') return endpoint.expect.witness;
  if (who === 'filler') return endpoint.expect.filler;
  if (who === 'leader' || who === 'principal') return endpoint.expect.leaders;

  return 404;
}

describeEachEngine('record access matrix', (engine) => {
  let t: TestApp;
  let c: County;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.set('2020-07-01T02:00:00Z');
    c = await setUpCounty(t);
  });
  afterAll(() => t.close());

  async function freshRecord(state: State) {
    const record = await c.recorder.post('/api/v1/records', buildRecord('oral')).expect(201);
    const evidence = await c.recorder
      .upload(`/api/v1/records/${record.id}/evidence`, { name: 'a.pdf', content: PDF })
      .expect(201);
    if (state === 'signed')
      await c.recorder
        .post(`/api/v1/records/${record.id}/sign`, { password: PASSWORD })
        .expect(200);

    return { id: record.id as string, evidenceId: evidence.id as string };
  }

  const table = endpoints.flatMap((endpoint) =>
    everyone.map((who) => [endpoint.name, who, expected(endpoint, who)] as const),
  );

  it.each(table)('%s by %s → %i', async (name, who, status) => {
    const endpoint = endpoints.find((e) => e.name === name)!;
    const { id, evidenceId } = await freshRecord(endpoint.state);
    const client = who === 'anonymous' ? t.client() : c[who];
    const res = await endpoint.call(client, id, evidenceId);

    expect(res.statusCode).toBe(status);
  });
});
