/**
 * How `liuhen verify` replays the oversight events into the rows the tables must hold (see
 * verification/table-verification.ts): follow-ups of 责任追究 and supervision checks with their
 * updates. The log keeps free texts as SM3 digests, so the rows are compared by digest too.
 */
import type { Db } from '../platform/db/schema.js';
import { digestOf } from '../records/record-service.js';
import type { Handler, Row } from '../verification/table-verification.js';

export const OVERSIGHT_TABLES = [
  'accountability_actions',
  'supervision_checks',
  'supervision_updates',
] as const;

export const oversightHandlers: Record<string, Handler> = {
  'accountability.action-recorded': (s, d) =>
    s.merge('accountability_actions', d.actionId, {
      bureau: d.bureau,
      unit: d.unit,
      period: d.period,
      kind: d.kind,
      date: d.date,
      text: d.textDigest,
    }),
  'supervision.check-recorded': (s, d) =>
    s.merge('supervision_checks', d.checkId, {
      unit: d.unit,
      checked_on: d.checkedOn,
      body: d.bodyDigest,
      body_unit: d.bodyUnit,
      findings: d.findingsDigest,
      requirements: d.requirementsDigest,
      rectify_by: d.rectifyBy,
      status: d.status,
    }),
  'supervision.check-updated': (s, d) => {
    s.merge('supervision_checks', d.checkId, { status: d.status });
    s.merge('supervision_updates', `${d.checkId}/${d.seq}`, {
      status: d.status,
      date: d.date,
      note: d.noteDigest,
    });
  },
};

/** The oversight tables as the replay states them: keyed alike, texts by their digests. */
export async function readOversightTables(db: Db): Promise<Array<[string, Map<string, Row>]>> {
  const actions = await db.selectFrom('accountability_actions').selectAll().execute();
  const checks = await db.selectFrom('supervision_checks').selectAll().execute();
  const updates = await db.selectFrom('supervision_updates').selectAll().execute();
  const digest = (text: string | null) => (text === null ? null : digestOf(text));

  return [
    ['accountability_actions', new Map(actions.map((a) => [a.id, { ...a, text: digest(a.text) }]))],
    [
      'supervision_checks',
      new Map(
        checks.map((c) => [
          c.id,
          {
            ...c,
            body: digest(c.body),
            findings: digest(c.findings),
            requirements: digest(c.requirements),
          },
        ]),
      ),
    ],
    [
      'supervision_updates',
      new Map(updates.map((u) => [`${u.check_id}/${u.seq}`, { ...u, note: digest(u.note) }])),
    ],
  ];
}
