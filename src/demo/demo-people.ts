/**
 * The demo's people: the three administrators, two reviewers in the city bureau's 法规科,
 * and at every county bureau two recorders, a filler, a rule-of-law leader and a principal,
 * each with a made-up name and a password derived from the seed, so the printed table is
 * the same for the same seed. Accounts are created through the API and have made the forced
 * first-sign-in change already, so each one can sign in with the printed password.
 */
import type { FastifyInstance } from 'fastify';
import { kaifengPreset } from '../org/kaifeng-preset.js';
import type { AdminRole, BusinessRole } from '../org/user-schema.js';
import type { Clock } from '../platform/clock.js';
import { DemoClient } from './demo-client.js';
import type { SeededRandom } from './seeded-random.js';
import { countyPinyin, givenCharacters, surnames } from './word-lists.js';

export type DemoRole = AdminRole | BusinessRole;

export interface DemoAccount {
  username: string;
  name: string;
  role: DemoRole;
  unit: string;
  unitName: string;
  password: string;
  ip: string;
}

export interface CountyStaff {
  code: string;
  unitName: string;
  /** 杞县, 龙亭区: how posts and places name the county. */
  area: string;
  recorders: [DemoAccount, DemoAccount];
  filler: DemoAccount;
  leader: DemoAccount;
  principal: DemoAccount;
}

export interface DemoPeople {
  admins: DemoAccount[];
  reviewers: DemoAccount[];
  counties: CountyStaff[];
}

export const CITY = '410200';

/** What the administrators' accounts are created with; changed at once, never printed. */
export const ADMIN_ONE_TIME_PASSWORD = 'Demo-Once-2026!';
const FIRST_PASSWORD = 'Demo-First-2026!';

export const roleNames: Record<DemoRole, string> = {
  sysadmin: '系统管理员 system administrator',
  secadmin: '安全管理员 security administrator',
  auditadmin: '审计管理员 audit administrator',
  reviewer: '上级审核人 reviewer',
  recorder: '记录人 recorder',
  filler: '填报人 filler',
  ruleOfLawLeader: '分管统计法治负责人 rule-of-law leader',
  principal: '主要负责人 principal',
};

/** Draws a name no one else in the demo has. */
export class NameBook {
  private readonly taken = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(): string {
    for (;;) {
      const given = this.random.chance(0.7)
        ? this.random.pick(givenCharacters) + this.random.pick(givenCharacters)
        : this.random.pick(givenCharacters);
      const name = this.random.pick(surnames) + given;
      if (this.taken.has(name)) continue;

      this.taken.add(name);
      return name;
    }
  }
}

/** The counties of the Kaifeng preset, in code order. */
export function presetCounties(): Array<{ code: string; name: string }> {
  return kaifengPreset
    .filter((u) => u.kind === 'county')
    .map((u) => ({ code: u.code, name: u.name }));
}

export function planPeople(random: SeededRandom, names: NameBook): DemoPeople {
  // Three letters of the account name give a hint which password is whose, without containing
  // the username, which the password policy forbids.
  const password = (prefix: string) =>
    `Lh${random.int(100, 999)}-${prefix.slice(0, 3)}#${random.int(1000, 9999)}`;
  const account = (
    username: string,
    role: DemoRole,
    unit: string,
    unitName: string,
    ip: string,
  ) => {
    const name = role.endsWith('admin') ? roleNames[role].split(' ')[0]! : names.next();
    const head = username.charAt(0).toUpperCase() + username.slice(1).replace(/-/g, '');

    return { username, name, role, unit, unitName, password: password(head), ip };
  };

  const admins = (['sysadmin', 'secadmin', 'auditadmin'] as const).map((role, i) =>
    account(role, role, CITY, '开封市统计局', `10.41.0.${11 + i}`),
  );
  const reviewers = [1, 2].map((n) =>
    account(
      `kf-reviewer${n === 1 ? '' : n}`,
      'reviewer',
      CITY,
      '开封市统计局',
      `10.41.1.${20 + n}`,
    ),
  );
  const counties = presetCounties().map(({ code, name }, i) => {
    const short = countyPinyin[code] ?? code;
    const make = (suffix: string, role: DemoRole, host: number) =>
      account(`${short}-${suffix}`, role, code, name, `10.41.${10 + i}.${host}`);

    return {
      code,
      unitName: name,
      area: name.replace(/统计局$/, ''),
      recorders: [make('recorder', 'recorder', 31), make('recorder2', 'recorder', 32)],
      filler: make('filler', 'filler', 33),
      leader: make('leader', 'ruleOfLawLeader', 34),
      principal: make('principal', 'principal', 35),
    } satisfies CountyStaff;
  });

  return { admins, reviewers, counties };
}

export function allAccounts(people: DemoPeople): DemoAccount[] {
  const staff = people.counties.flatMap((c) => [...c.recorders, c.filler, c.leader, c.principal]);

  return [...people.admins, ...people.reviewers, ...staff];
}

/**
 * Creates every account through the API (sysadmin creates, secadmin grants the role) and
 * makes each one's first sign-in, returning a signed-in client per username.
 */
export async function createAccounts(
  app: FastifyInstance,
  clock: Clock,
  people: DemoPeople,
): Promise<Map<string, DemoClient>> {
  const clients = new Map<string, DemoClient>();
  const client = (a: DemoAccount, first: string) =>
    new DemoClient(app, clock, a.username, first, a.ip);

  for (const admin of people.admins) {
    const c = client(admin, ADMIN_ONE_TIME_PASSWORD);
    await c.changePassword(admin.password);
    clients.set(admin.username, c);
  }
  const sys = clients.get('sysadmin')!;
  const sec = clients.get('secadmin')!;
  await sys.post('/api/v1/units/presets/kaifeng');

  for (const person of allAccounts(people).filter((a) => !a.role.endsWith('admin'))) {
    const { username, name, unit } = person;
    await sys.post('/api/v1/users', { username, name, unit, password: FIRST_PASSWORD });
    await sec.put(`/api/v1/users/${username}/roles`, [{ role: person.role, unit }]);
    const c = client(person, FIRST_PASSWORD);
    await c.changePassword(person.password);
    clients.set(username, c);
  }

  return clients;
}
