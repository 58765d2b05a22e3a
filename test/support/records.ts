/**
 * Factories for records and the people of a county bureau, so record tests read as
 * specifications: `buildRecord('message', { channel: 'wechat' })`.
 */
import type { ApiClient } from './api-client.js';
import type { TestApp } from './test-app.js';

type Json = Record<string, any>;

const base = {
  unit: '410221',
  office: '综合科',
  interferer: { name: '王副县长', post: '杞县人民政府副县长', level: 'county' },
  situation: '2017-2',
  content: {
    indicators: [{ name: '规模以上工业增加值', period: '2020年二季度' }],
    words: '这个增速报低了，再调高两个点。',
  },
};

const byForm: Record<string, Json> = {
  oral: {
    form: 'oral',
    occurredAt: '2020-05-12T15',
    details: {
      place: '县政府三楼会议室',
      witnesses: [{ name: '李四', post: '综合科科员', user: 'qx-witness' }],
    },
  },
  letter: {
    form: 'letter',
    occurredAt: '2020-05-13',
    details: { senderUnit: '杞县发展和改革委员会' },
  },
  message: {
    form: 'message',
    channel: 'wechat',
    occurredAt: '2020-05-14T21',
    details: { wechat: 'wang_fxz' },
    content: { ...base.content, storageMedium: '记录人手机微信聊天记录，已截屏' },
  },
};

export function buildRecord(
  form: 'oral' | 'letter' | 'message' = 'oral',
  overrides: Json = {},
): Json {
  return { ...base, ...byForm[form], ...overrides };
}

export interface County {
  /** Signs everyone in again, after the test clock jumped past the session timeouts. */
  signInAgain(): Promise<void>;
  recorder: ApiClient;
  recorder2: ApiClient;
  witness: ApiClient;
  filler: ApiClient;
  leader: ApiClient;
  principal: ApiClient;
  reviewer: ApiClient;
  otherCounty: ApiClient;
  bystander: ApiClient;
  sys: ApiClient;
  sec: ApiClient;
  audit: ApiClient;
}

export const PASSWORD = 'County-Pass-2026';

/** The Kaifeng preset and one account per role at 杞县 (410221), all past the first sign-in. */
export async function setUpCounty(t: TestApp): Promise<County> {
  const sys = await t.admin('sysadmin');
  const sec = await t.admin('secadmin');
  const audit = await t.admin('auditadmin');
  await sys.post('/api/v1/units/presets/kaifeng').expect(200);

  const people: Array<[keyof County, string, string, Array<[string, string]>]> = [
    ['recorder', 'qx-recorder', '410221', [['recorder', '410221']]],
    ['recorder2', 'qx-recorder2', '410221', [['recorder', '410221']]],
    ['witness', 'qx-witness', '410221', []],
    ['filler', 'qx-filler', '410221', [['filler', '410221']]],
    ['leader', 'qx-leader', '410221', [['ruleOfLawLeader', '410221']]],
    ['principal', 'qx-principal', '410221', [['principal', '410221']]],
    ['reviewer', 'kf-reviewer', '410200', [['reviewer', '410200']]],
    [
      'otherCounty',
      'tx-filler',
      '410222',
      [
        ['filler', '410222'],
        ['recorder', '410222'],
      ],
    ],
    ['bystander', 'qx-bystander', '410221', []],
  ];
  const county: Partial<County> = { sys, sec, audit };
  const accounts = new Map<keyof County, string>();
  for (const [key, username, unit, roles] of people) {
    await sys
      .post('/api/v1/users', { username, name: username, unit, password: 'First-Pass-01' })
      .expect(201);
    if (roles.length)
      await sec
        .put(
          `/api/v1/users/${username}/roles`,
          roles.map(([role, u]) => ({ role, unit: u })),
        )
        .expect(200);
    const client = t.client();
    await client.signIn(username, 'First-Pass-01');
    await client
      .post('/api/v1/session/password', { current: 'First-Pass-01', next: PASSWORD })
      .expect(204);
    county[key] = client as never;
    accounts.set(key, username);
  }

  county.signInAgain = async () => {
    for (const [key, username] of accounts)
      await (county[key] as ApiClient).signIn(username, PASSWORD);
    for (const role of ['sysadmin', 'secadmin', 'auditadmin'] as const) {
      const fresh = await t.admin(role);
      const key = ({ sysadmin: 'sys', secadmin: 'sec', auditadmin: 'audit' } as const)[role];
      Object.assign(county[key] as ApiClient, { cookies: fresh.cookies, csrf: fresh.csrf });
    }
  };

  return county as County;
}
