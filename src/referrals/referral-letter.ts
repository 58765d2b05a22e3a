/**
 * The referral letter (移送函) as a model: who it goes to, each record referred in the words of
 * the ledger (附件1), the attachments, the bureau and the date. Reading the records for the
 * letter is a read of each of them, logged in its unit's log like any other (DESIGN.md,
 * invariant 4), and the letter's generation is a step of the referral in the bureau's log.
 */
import { chineseCalendarDate } from '../documents/annual-report.js';
import { contentText, FORM_LABELS, occurredAtText } from '../documents/ledger-document.js';
import { type Context, write } from '../platform/context.js';
import type { ReferralRow } from '../platform/db/schema.js';
import type { Viewer } from '../records/record-access.js';
import type { RecordInput } from '../records/record-schema.js';
import { ruleVersions } from '../rules/rule-versions.js';
import { LEVEL_LABELS } from './cadre-authority.js';
import { actorOf, logStep } from './referral-service.js';
import { FEEDBACK_DAYS } from './referral-steps.js';

export const LETTER_TITLE = '关于移送领导干部违规干预统计工作问题线索的函';

export interface LetterItem {
  interferer: string;
  post: string;
  level: string;
  /** The recording unit, e.g. 杞县统计局. */
  unit: string;
  occurredAt: string;
  form: string;
  /** Where, from whom or by what channel, by form: 地点：…；来文来函单位：…. */
  circumstances: string;
  situation: string;
  content: string;
}

export interface ReferralLetter {
  number: string;
  bureau: string;
  addressees: string[];
  copyTo: string[];
  /** 2020年8月14日. */
  date: string;
  /** The answer is asked for by this date, or within FEEDBACK_DAYS of receipt for a draft. */
  dueText: string;
  items: LetterItem[];
  attachments: string[];
}

const situationText = new Map(
  ruleVersions.flatMap((v) => v.situations.map((s) => [s.id, `${s.label}${s.text}`] as const)),
);

function circumstances(input: RecordInput): string {
  const d = input.details;
  const parts = [
    d.place && `地点：${d.place}`,
    d.senderUnit && `来文来函单位：${d.senderUnit}`,
    d.phone && `电话：${d.phone}`,
    d.qq && `QQ：${d.qq}`,
    d.wechat && `微信：${d.wechat}`,
    d.email && `Email：${d.email}`,
    d.otherSource && `其他来源：${d.otherSource}`,
  ];

  return parts.filter(Boolean).join('；');
}

/**
 * Builds the letter of `row`. Precondition: the viewer may act for the referral (loadReferral)
 * and its records were checked when they were chosen.
 */
export async function loadLetter(
  ctx: Context,
  viewer: Viewer,
  row: ReferralRow,
  ip: string,
): Promise<ReferralLetter> {
  const ids = JSON.parse(row.record_ids) as string[];
  const records = await ctx.db.selectFrom('records').selectAll().where('id', 'in', ids).execute();
  const units = await ctx.db
    .selectFrom('units')
    .select(['code', 'name'])
    .where('code', 'in', [row.bureau, ...records.map((r) => r.unit)])
    .execute();
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const files = await ctx.db
    .selectFrom('referral_files')
    .select('name')
    .where('referral_id', '=', row.id)
    .where('role', '=', 'attachment')
    .orderBy('uploaded_at')
    .execute();
  const byId = new Map(records.map((r) => [r.id, r]));
  const items = ids.flatMap((id) => {
    const record = byId.get(id);
    if (!record) return [];
    const input = JSON.parse(record.data) as RecordInput;
    return [
      {
        interferer: input.interferer.name,
        post: input.interferer.post,
        level: LEVEL_LABELS[input.interferer.level],
        unit: unitName.get(record.unit) ?? record.unit,
        occurredAt: occurredAtText(input.occurredAt),
        form: FORM_LABELS[input.form],
        circumstances: circumstances(input),
        situation: situationText.get(input.situation) ?? input.situation,
        content: contentText(input.content).replaceAll('\n', '；'),
      },
    ];
  });

  await logLetterReads(ctx, viewer, row, records, ip);

  return {
    number: row.number,
    bureau: unitName.get(row.bureau) ?? row.bureau,
    addressees: JSON.parse(row.addressees),
    copyTo: Number(row.copy_discipline) === 1 ? JSON.parse(row.copy_to) : [],
    date: chineseCalendarDate(row.letter_date),
    dueText: row.due_date
      ? `于${chineseCalendarDate(row.due_date)}前`
      : `在收到本函之日起${FEEDBACK_DAYS}日内`,
    items,
    attachments: [
      ...(records.length > 0 ? [`领导干部违规干预统计工作记录（${items.length}份）`] : []),
      ...files.map((f) => f.name),
    ],
  };
}

async function logLetterReads(
  ctx: Context,
  viewer: Viewer,
  row: ReferralRow,
  records: Array<{ id: string; unit: string }>,
  ip: string,
) {
  const actor = actorOf(viewer, ip);
  await write(ctx, async (change) => {
    const at = change.now.toISOString();
    // Logs are locked as they are appended to: one order (units, then the bureau) for all.
    const byUnit = [...records].sort((a, b) => a.unit.localeCompare(b.unit));
    for (const record of byUnit) {
      await change.trx
        .insertInto('record_reads')
        .values({ record_id: record.id, username: viewer.user.username, at })
        .execute();
      await change.event(
        { type: 'record.read', actor, unit: record.unit, data: { recordId: record.id } },
        record.unit,
      );
    }
    await logStep(change, row, 'referral.letter-generated', actor);
  });
}
