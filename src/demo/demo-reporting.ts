/**
 * Plays the plan through the API on the timeline: recorders write and sign records and
 * upload evidence, witnesses confirm with their own accounts, and each quarter the filler
 * compiles, the two leaders sign, the filler seals, attaches the scan and submits, and a
 * reviewer of the city bureau accepts or returns, each at a plausible hour of a plausible day.
 */
import { addDays } from '../calendar/beijing-time.js';
import { nextPeriod, parsePeriod, periodDates, periodLabel } from '../calendar/period.js';
import type { DemoClient, DemoFile } from './demo-client.js';
import { documentPdf, screenshotPng } from './demo-files.js';
import type { QuarterPlan } from './demo-plan.js';
import { beijing, type PlannedEvidence, type PlannedRecord } from './demo-records.js';
import type { Timeline } from './demo-timeline.js';
import type { SeededRandom } from './seeded-random.js';
import { postDetail, returnReason } from './word-lists.js';

const HOUR = 3_600_000;

export interface Stage {
  timeline: Timeline;
  random: SeededRandom;
  clients: Map<string, DemoClient>;
  reviewers: string[];
  /** The id each planned record got when it was created. */
  recordIds: Map<PlannedRecord, string>;
}

function as(stage: Stage, username: string): DemoClient {
  const client = stage.clients.get(username);
  if (!client) throw new Error(`demo account ${username} was not created`);

  return client;
}

/** The recorder writes the record down, attaches the evidence and signs; witnesses confirm. */
export function scheduleRecord(stage: Stage, record: PlannedRecord, then?: () => void) {
  stage.timeline.at(record.recorded, async () => {
    const recorder = as(stage, record.recorder);
    const created = await recorder.post<{ id: string }>('/api/v1/records', record.body);
    const url = `/api/v1/records/${created.id}`;
    for (const evidence of record.evidence)
      await recorder.upload(`${url}/evidence`, await fileOf(evidence), { role: evidence.role });
    await recorder.post(`${url}/sign`, { password: recorder.secret });
    stage.recordIds.set(record, created.id);

    const confirmAt = record.recorded.getTime() + stage.random.int(20, 180) * 60_000;
    for (const username of record.confirmers) {
      stage.timeline.at(new Date(confirmAt), async () => {
        const witness = as(stage, username);
        await witness.post(`${url}/witness-confirmations`, { password: witness.secret });
      });
    }
    then?.();
  });
}

async function fileOf(evidence: PlannedEvidence): Promise<DemoFile> {
  if (evidence.screenshot) {
    const { channel, variant } = evidence.screenshot;
    return { name: evidence.name, content: screenshotPng(channel, variant), type: 'image/png' };
  }
  const { title, lines } = evidence.document!;

  return { name: evidence.name, content: await documentPdf(title, lines), type: 'application/pdf' };
}

export function scheduleQuarter(stage: Stage, quarter: QuarterPlan): void {
  for (const record of quarter.records) scheduleRecord(stage, record);
  if (quarter.submission === 'missing') return;

  const period = parsePeriod(quarter.period)!;
  const next = periodDates(nextPeriod(period)).start;
  // Q3 is due on 6 October, in the National Day week: bureaus send it before the holiday.
  const opening = period.quarter === 3 ? -3 : period.quarter === 4 ? 1 : 0;
  const day =
    quarter.submission === 'late' ? stage.random.int(6, 12) : opening + stage.random.int(0, 2);
  const start = beijing(addDays(next, day), stage.random.int(9, 10), stage.random.int(0, 59));

  sendReport(stage, quarter, start, (sentAt) => review(stage, quarter, sentAt, quarter.returned));
  if (quarter.supplement) {
    scheduleRecord(stage, quarter.supplement, () => {
      const at = new Date(quarter.supplement!.recorded.getTime() + 20 * HOUR);
      sendReport(stage, quarter, at, (sentAt) => review(stage, quarter, sentAt, false));
    });
  }
}

/** Compile, two signatures, seal, scan and submit, over a day or two from `start`. */
function sendReport(stage: Stage, quarter: QuarterPlan, start: Date, sent: (at: Date) => void) {
  const { county } = quarter;
  const url = `/api/v1/reports/${county.code}/${quarter.period}`;
  const filler = as(stage, county.filler.username);
  const later = (from: Date, minHours: number, maxHours: number) =>
    new Date(from.getTime() + stage.random.int(minHours * 60, maxHours * 60) * 60_000);
  const signedBy = (username: string, role: string) => async () => {
    const leader = as(stage, username);
    await leader.post(`${url}/signatures`, { role, password: leader.secret });
  };
  const leaderAt = later(start, 1, 3);
  const principalAt = later(leaderAt, 1, stage.random.chance(0.4) ? 20 : 4);
  const submitAt = later(principalAt, 1, 2);

  stage.timeline.at(start, async () => {
    await filler.post(`${url}/compile`);
  });
  stage.timeline.at(leaderAt, signedBy(county.leader.username, 'ruleOfLawLeader'));
  stage.timeline.at(principalAt, signedBy(county.principal.username, 'principal'));
  stage.timeline.at(submitAt, async () => {
    await filler.post(`${url}/seal`);
    if (quarter.scan) await filler.upload(`${url}/scan`, await scanOf(quarter));
    await filler.post(`${url}/submit`);
    sent(submitAt);
  });
}

function scanOf(quarter: QuarterPlan): Promise<DemoFile> {
  const { county } = quarter;
  const label = periodLabel(parsePeriod(quarter.period)!);
  const lines = [
    `填报单位（盖章）：${county.unitName}`,
    `主要负责人：${county.principal.name}    分管统计法治负责人：${county.leader.name}`,
    `填报人：${county.filler.name}`,
  ];
  const title = `${label}领导干部干预统计工作情况汇总表`;

  return documentPdf(title, lines).then((content) => ({
    name: `${county.unitName}${label}汇总表扫描件.pdf`,
    content,
    type: 'application/pdf',
  }));
}

/**
 * A reviewer decides within a week. A returned report is corrected the next day: the
 * recorder amends the record the reviewer queried and the filler sends it again.
 */
function review(stage: Stage, quarter: QuarterPlan, sentAt: Date, giveBack: boolean) {
  if (quarter.pending && !giveBack) return;

  const url = `/api/v1/reports/${quarter.county.code}/${quarter.period}`;
  const reviewer = as(stage, stage.random.pick(stage.reviewers));
  const day = addDays(sentAt.toISOString().slice(0, 10), stage.random.int(1, 6));
  const at = beijing(day, stage.random.int(9, 16), stage.random.int(0, 59));

  // The reviewer opens the report first: that runs its integrity check against the log.
  stage.timeline.at(at, async () => {
    await reviewer.get(url);
    if (giveBack) await reviewer.post(`${url}/return`, { reason: returnReason });
    else await reviewer.post(`${url}/accept`);
  });
  if (!giveBack) return;

  const fixAt = new Date(at.getTime() + 20 * HOUR);
  stage.timeline.at(fixAt, async () => {
    const record = quarter.records[0]!;
    const id = stage.recordIds.get(record);
    const recorder = as(stage, record.recorder);
    const interferer = {
      ...record.body.interferer,
      post: record.body.interferer.post + postDetail,
    };
    await recorder.post(`/api/v1/records/${id}/amendments`, {
      changes: { interferer },
      reason: '按市局退回意见补充干预人分管工作',
    });
  });
  sendReport(stage, quarter, new Date(fixAt.getTime() + 2 * HOUR), (again) =>
    review(stage, quarter, again, false),
  );
}
