/**
 * A region of two reporting counties for the analysis suites: 杞县 (410221, the staff of
 * setUpCounty) and 通许县 (410222, its recorder and filler `tx-filler` plus two signers), both
 * with seals, and the city reviewer `kf-reviewer` at 410200. The clock stands still at `now`
 * (2021-07-05 unless given), after every quarter the suites use, so records are made late and
 * reports sent late, and no session times out.
 */
import type { ApiClient } from '../support/api-client.js';
import { PNG } from '../support/fixtures.js';
import { buildRecord, type County, PASSWORD, setUpCounty } from '../support/records.js';
import type { TestApp } from '../support/test-app.js';

export const QX = '410221';
export const TX = '410222';

export interface RegionStaff {
  county: County;
  reviewer: ApiClient;
  /** Records a signed record of `unit` and returns its id. */
  record(unit: string, overrides: Record<string, unknown>, form?: Form): Promise<string>;
  /** Compiles, signs, seals and submits the unit's quarter. */
  submit(unit: string, period: string): Promise<void>;
  accept(unit: string, period: string): Promise<void>;
  returnReport(unit: string, period: string): Promise<void>;
}

type Form = 'oral' | 'letter' | 'message';

interface Staff {
  recorder: ApiClient;
  filler: ApiClient;
  leader: ApiClient;
  principal: ApiClient;
}

export async function setUpRegion(t: TestApp, now = '2021-07-05T02:00:00Z'): Promise<RegionStaff> {
  t.clock.set(now);
  const county = await setUpCounty(t);
  const staff: Record<string, Staff> = {
    [QX]: county,
    [TX]: {
      recorder: county.otherCounty,
      filler: county.otherCounty,
      leader: await addStaff(t, county, 'tx-leader', TX, 'ruleOfLawLeader'),
      principal: await addStaff(t, county, 'tx-principal', TX, 'principal'),
    },
  };
  for (const unit of [QX, TX])
    await county.sys
      .upload(`/api/v1/units/${unit}/seal`, { name: '公章.png', content: PNG })
      .expect(201);

  const reports = (unit: string, period: string) => `/api/v1/reports/${unit}/${period}`;

  return {
    county,
    reviewer: county.reviewer,
    async record(unit, overrides, form = 'letter') {
      const people = staff[unit]!;
      const body = buildRecord(form, {
        unit,
        noEvidenceReason: '原件已交回',
        ...(form === 'oral'
          ? { details: { place: '县政府会议室', witnesses: [{ name: '李四', post: '科员' }] } }
          : {}),
        ...overrides,
      });
      const created = await people.recorder.post('/api/v1/records', body).expect(201);
      await people.recorder
        .post(`/api/v1/records/${created.id}/sign`, { password: PASSWORD })
        .expect(200);

      return created.id as string;
    },
    async submit(unit, period) {
      const people = staff[unit]!;
      const url = reports(unit, period);
      await people.filler
        .post(`${url}/compile`, { witnessGapReason: '在场人员已调离，无法签字' })
        .expect(200);
      await people.leader
        .post(`${url}/signatures`, { role: 'ruleOfLawLeader', password: PASSWORD })
        .expect(200);
      await people.principal
        .post(`${url}/signatures`, { role: 'principal', password: PASSWORD })
        .expect(200);
      await people.filler.post(`${url}/seal`).expect(200);
      await people.filler.post(`${url}/submit`).expect(200);
    },
    async accept(unit, period) {
      await county.reviewer.post(`${reports(unit, period)}/accept`).expect(200);
    },
    async returnReport(unit, period) {
      await county.reviewer
        .post(`${reports(unit, period)}/return`, { reason: '数字有误，请核对' })
        .expect(200);
    },
  };
}

async function addStaff(t: TestApp, c: County, username: string, unit: string, role: string) {
  await c.sys
    .post('/api/v1/users', { username, name: username, unit, password: 'First-Pass-01' })
    .expect(201);
  await c.sec.put(`/api/v1/users/${username}/roles`, [{ role, unit }]).expect(200);
  const client = t.client();
  await client.signIn(username, 'First-Pass-01');
  await client
    .post('/api/v1/session/password', { current: 'First-Pass-01', next: PASSWORD })
    .expect(204);

  return client;
}
