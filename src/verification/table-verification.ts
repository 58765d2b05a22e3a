/**
 * Checks that the business tables say what the logs say. Every change is an event carrying the
 * state it produced, so replaying the events gives the state the tables must hold; a row edited
 * behind the application's back (no event) shows up as a difference, named by table, key and
 * field. Secrets are compared by digest: the log holds the SM3 of each password hash.
 */
import { annualHandlers, readAnnualTables } from '../annual/annual-state.js';
import { passwordDigest } from '../auth/password.js';
import type { LogEvent } from '../ledger/event-log.js';
import {
  OVERSIGHT_TABLES,
  oversightHandlers,
  readOversightTables,
} from '../oversight/oversight-replay.js';
import type { Db } from '../platform/db/schema.js';
import { contentDigest, digestOf } from '../records/record-service.js';
import { referralDigest } from '../referrals/referral-state.js';
import { defaultSettings } from '../settings/settings.js';
import type { Problem } from './log-verification.js';

export type Row = Record<string, unknown>;

/** Expected rows per table, keyed by primary key, as the replay builds them. */
export class ExpectedState {
  tables = new Map<string, Map<string, Row>>();

  table(name: string): Map<string, Row> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Map();
      this.tables.set(name, table);
    }

    return table;
  }

  merge(name: string, key: string, values: Row): void {
    this.table(name).set(key, { ...this.table(name).get(key), ...values });
  }
}

// Event data is JSON whose shape depends on the event type; each handler reads the fields its
// type writes, so a loose type here is honest about what the log holds.
// biome-ignore lint/suspicious/noExplicitAny: see above
type EventData = any;
export type Handler = (state: ExpectedState, data: EventData) => void;

const unitRow = (u: EventData) => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  parent: u.parent,
  reports_to: u.reportsTo,
  active: u.active ? 1 : 0,
});
const userRow = (u: EventData) => ({
  email: u.email ?? null,
  username: u.username,
  name: u.name,
  unit: u.unit,
  phone: u.phone,
  admin_role: u.adminRole,
  active: u.active ? 1 : 0,
});

/** How each event type changes the expected tables; types not listed change none of them. */
const handlers: Record<string, Handler> = {
  'unit.created': (s, d) => s.merge('units', d.unit.code, unitRow(d.unit)),
  'unit.updated': (s, d) => s.merge('units', d.after.code, unitRow(d.after)),
  'user.created': (s, d) =>
    s.merge('users', d.user.username, { ...userRow(d.user), password: d.passwordDigest }),
  'user.updated': (s, d) => s.merge('users', d.username, userRow(d.after)),
  'user.password-changed': (s, d) => s.merge('users', d.username, { password: d.passwordDigest }),
  'user.password-reset': (s, d) => s.merge('users', d.username, { password: d.passwordDigest }),
  'user.roles-set': (s, d) => {
    if (d.after.length === 0) s.table('roles').delete(d.username);
    else s.merge('roles', d.username, { roles: roleList(d.after) });
  },
  'settings.updated': (s, d) => {
    for (const [key, change] of Object.entries(d.changes as Record<string, { to: unknown }>)) {
      s.merge('settings', key, { value: change.to });
    }
  },
  'holiday.set': (s, d) =>
    s.merge('holidays', d.date, { name: d.name, workday: d.workday ? 1 : 0 }),
  'holiday.removed': (s, d) => s.table('holidays').delete(d.date),
  'rules.seeded': (s, d) => {
    for (const v of d.versions) s.merge('rule_versions', v.id, { effective_from: v.effectiveFrom });
    for (const m of d.mapping) s.merge('situation_mappings', m.from, { to_id: m.to });
  },
  // A signing key that no event introduced could sign forged checkpoints: keys are replayed too.
  'keys.created': (s, d) => {
    for (const id of d.retired) s.merge('signing_keys', id, { retired: true });
    s.merge('signing_keys', d.key.id, {
      alg: d.key.alg,
      public_key: d.key.publicKey,
      retired: false,
    });
  },
  ...recordHandlers(),
  'report.compiled': (s, d) => s.merge('reports', d.reportId, { ledger_digest: d.ledgerDigest }),
  'report.submitted': (s, d) => {
    const sent = { status: 'submitted', days_late: d.daysLate, checkpoint_size: d.checkpointSize };
    s.merge('reports', d.reportId, { ...sent, ledger_digest: d.ledgerDigest });
  },
  'report.accepted': (s, d) => s.merge('reports', d.reportId, { status: 'accepted' }),
  'report.returned': (s, d) => s.merge('reports', d.reportId, { status: 'returned' }),
  'rules.effective-date-set': (s, d) =>
    s.merge('rule_versions', d.version, { effective_from: d.to }),
  'rules.mapping-set': (s, d) => {
    s.table('situation_mappings').clear();
    for (const m of d.after) s.merge('situation_mappings', m.from, { to_id: m.to });
  },
  ...oversightHandlers,
  ...referralHandlers(),
  ...annualHandlers,
  'referralRules.set': (s, d) => {
    for (const r of d.after) s.merge('referral_rules', r.level, ruleRow(r));
  },
};

/**
 * Record events carry the record's status after the event and, when the content changed, its
 * version and the SM3 digest of its content: enough to catch an edited record row without
 * the log holding what was recorded.
 */
function recordHandlers(): Record<string, Handler> {
  const types = [
    'created',
    'draft-saved',
    'amended',
    'signed',
    'witness-confirmed',
    'completed',
    'voided',
  ];
  const handler: Handler = (s, d) => {
    const content = d.digest ? { version: d.version, digest: d.digest } : {};
    s.merge('records', d.recordId, { status: d.status, ...content });
  };
  // A record's creation says whether it was imported, so a marker added or removed later shows.
  const created: Handler = (s, d) => {
    handler(s, d);
    s.merge('records', d.recordId, {
      imported_from: d.imported?.file ?? null,
      imported_row: d.imported?.row ?? null,
      imported_recorder: d.imported?.recorderDigest ?? null,
    });
  };

  return {
    ...Object.fromEntries(types.map((type) => [`record.${type}`, handler])),
    'record.created': created,
  };
}

/**
 * Referral events carry the referral's status and the digest of its state after the step
 * (referrals/referral-state.ts); a file's event carries the file's hash and size.
 */
function referralHandlers(): Record<string, Handler> {
  const types = ['created', 'updated', 'sent', 'feedback-recorded', 'closed'];
  const handler: Handler = (s, d) =>
    s.merge('referrals', d.referralId, { status: d.status, digest: d.digest });

  return {
    ...Object.fromEntries(types.map((type) => [`referral.${type}`, handler])),
    'referral.file-added': (s, d) =>
      s.merge('referral_files', d.fileId, {
        referral_id: d.referralId,
        role: d.role,
        sm3: d.sm3,
        size: d.size,
      }),
  };
}

const ruleRow = (r: EventData) => ({ addressee: r.addressee, copy_to: r.copyTo });

/** A records row as the replay states it: content and paper 记录人 by their SM3 digests. */
function recordState(r: { data: string; imported_recorder: string | null } & Row): Row {
  const recorder = r.imported_recorder === null ? null : digestOf(r.imported_recorder);

  return { ...r, digest: contentDigest(JSON.parse(r.data)), imported_recorder: recorder };
}

function roleList(grants: Array<{ role: string; unit: string }>): string {
  return grants
    .map((g) => `${g.role}@${g.unit}`)
    .sort()
    .join(',');
}

export async function verifyTables(db: Db): Promise<Problem[]> {
  const problems: Problem[] = [];
  const state = await replay(db, problems);
  const actual = await readTables(db);

  for (const [table, expectedRows] of state.tables) {
    const actualRows = actual.get(table) ?? new Map<string, Row>();
    for (const [key, want] of expectedRows) {
      const got = actualRows.get(key);
      if (!got) {
        problems.push({
          kind: 'table-row-missing',
          message: `${table} ${key}: the log has it, the table does not`,
        });
        continue;
      }

      for (const [field, value] of Object.entries(want)) {
        if (JSON.stringify(got[field] ?? null) !== JSON.stringify(value ?? null)) {
          const message = `${table} ${key}: ${field} is ${JSON.stringify(got[field])}, the log says ${JSON.stringify(value)}`;
          problems.push({ kind: 'table-row-changed', message });
        }
      }
    }

    for (const key of actualRows.keys()) {
      if (!expectedRows.has(key))
        problems.push({
          kind: 'table-row-unlogged',
          message: `${table} ${key}: in the table with no event in any log`,
        });
    }
  }

  return problems;
}

/** Tables whose every row must come from an event; an empty log means an empty table. */
const CHECKED_TABLES = [
  'units',
  'users',
  'roles',
  'settings',
  'holidays',
  'rule_versions',
  'situation_mappings',
  'signing_keys',
  'records',
  'reports',
  ...OVERSIGHT_TABLES,
  'referrals',
  'referral_files',
  'referral_rules',
  'annual_summaries',
];

/**
 * Replays the events that shape the tables. Events are chosen by their `type` column, which
 * log verification holds against the hashed entry text; an entry that no longer parses or
 * lacks what its type needs is reported, not allowed to stop the run.
 */
async function replay(db: Db, problems: Problem[]): Promise<ExpectedState> {
  const state = new ExpectedState();
  for (const table of CHECKED_TABLES) state.table(table);
  const types = Object.keys(handlers);
  const rows = await db
    .selectFrom('log_entries')
    .select(['log_id', 'idx', 'entry'])
    .where('type', 'in', types)
    .orderBy('log_id')
    .orderBy('idx')
    .execute();

  for (const row of rows) {
    try {
      const event = JSON.parse(row.entry) as LogEvent;
      handlers[event.type]?.(state, event.data);
    } catch (error) {
      const message = `entry ${row.idx} cannot be replayed: ${(error as Error).message}`;
      problems.push({ log: row.log_id, index: row.idx, kind: 'entry-unreadable', message });
    }
  }

  return state;
}

async function readTables(db: Db): Promise<Map<string, Map<string, Row>>> {
  const units = await db.selectFrom('units').selectAll().execute();
  const users = await db.selectFrom('users').selectAll().execute();
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.username', 'role', 'user_roles.unit'])
    .execute();
  const settings = await db.selectFrom('settings').selectAll().execute();
  const holidays = await db.selectFrom('holidays').selectAll().execute();
  const versions = await db.selectFrom('rule_versions').selectAll().execute();
  const mappings = await db.selectFrom('situation_mappings').selectAll().execute();
  const keys = await db.selectFrom('signing_keys').selectAll().execute();
  const records = await db
    .selectFrom('records')
    .select(['id', 'status', 'version', 'data', 'imported_from', 'imported_row'])
    .select('imported_recorder')
    .execute();
  const reports = await db.selectFrom('reports').selectAll().execute();
  const referrals = await db.selectFrom('referrals').selectAll().execute();
  const referralFiles = await db.selectFrom('referral_files').selectAll().execute();
  const referralRules = await db.selectFrom('referral_rules').selectAll().execute();

  const byUser = new Map<string, Array<{ role: string; unit: string }>>();
  for (const r of roles) byUser.set(r.username, [...(byUser.get(r.username) ?? []), r]);

  return new Map<string, Map<string, Row>>([
    ['units', new Map(units.map((u) => [u.code, u]))],
    [
      'users',
      new Map(users.map((u) => [u.username, { ...u, password: passwordDigest(u.password_hash) }])),
    ],
    ['roles', new Map([...byUser].map(([name, grants]) => [name, { roles: roleList(grants) }]))],
    [
      'settings',
      new Map(
        settings
          .filter((s) => s.key in defaultSettings)
          .map((s) => [s.key, { value: JSON.parse(s.value) }]),
      ),
    ],
    ['holidays', new Map(holidays.map((h) => [h.date, h]))],
    ['rule_versions', new Map(versions.map((v) => [v.id, v]))],
    ['situation_mappings', new Map(mappings.map((m) => [m.from_id, m]))],
    ['signing_keys', new Map(keys.map((k) => [k.id, { ...k, retired: k.retired_at !== null }]))],
    ['reports', new Map(reports.map((r) => [r.id, r]))],
    ['records', new Map(records.map((r) => [r.id, recordState(r)]))],
    ...(await readOversightTables(db)),
    [
      'referrals',
      new Map(referrals.map((r) => [r.id, { status: r.status, digest: referralDigest(r) }])),
    ],
    ['referral_files', new Map(referralFiles.map((f) => [f.id, { ...f, size: Number(f.size) }]))],
    ['referral_rules', new Map(referralRules.map((r) => [r.level, r]))],
    ...(await readAnnualTables(db)),
  ]);
}
