/**
 * Referrals (移送) in the demo: the city reviewer refers accepted records to the body that
 * manages the cadre, through /api/v1/referrals. Three stories: one answered and closed, one
 * answered, one still waiting for an answer. When the referrals API is not part of the
 * server, the step is skipped and says so.
 */
import { addDays, beijingDate } from '../calendar/beijing-time.js';
import { nextPeriod, parsePeriod, periodDates } from '../calendar/period.js';
import type { DemoClient } from './demo-client.js';
import { documentPdf } from './demo-files.js';
import type { QuarterPlan } from './demo-plan.js';
import { beijing, type PlannedRecord } from './demo-records.js';
import type { Stage } from './demo-reporting.js';
import type { SeededRandom } from './seeded-random.js';

export interface ReferralPlan {
  records: PlannedRecord[];
  createAt: Date;
  feedback: { at: Date; result: string } | null;
  closeAt: Date | null;
}

const RESULTS = [
  '经调查核实，已对当事人进行诫勉谈话，责令作出书面检查，并在全县经济运行分析会上通报。',
  '已责成当事人所在单位党组进行批评教育，当事人已作出深刻检查，相关统计数据已按实际情况上报。',
];

/**
 * Picks records from on-time, accepted quarters (their reports reached the city early, so
 * the referral comes after acceptance), about a month after each quarter's deadline.
 */
export function planReferrals(random: SeededRandom, quarters: QuarterPlan[], periods: string[]) {
  // A 县处级 cadre goes to the municipal party committee, a 乡科级 one to the county's.
  const stories = [
    { quarter: 1, level: 'county', answered: true, closed: true },
    { quarter: 3, level: 'township', answered: true, closed: false },
    { quarter: 5, level: 'county', answered: false, closed: false },
  ];
  const plans: ReferralPlan[] = [];
  for (const story of stories) {
    const period = periods[story.quarter]!;
    const candidates = quarters.filter(
      (q) =>
        q.period === period &&
        q.submission === 'on-time' &&
        !q.returned &&
        !q.supplement &&
        q.records.some((r) => r.body.interferer.level === story.level),
    );
    if (candidates.length === 0) continue;

    const quarter = random.pick(candidates);
    const record = quarter.records.find((r) => r.body.interferer.level === story.level)!;
    const start = periodDates(nextPeriod(parsePeriod(period)!)).start;
    const createAt = beijing(addDays(start, random.int(28, 35)), random.int(9, 11));
    const answeredAt = beijing(addDays(start, random.int(50, 65)), random.int(9, 16));
    plans.push({
      records: [record],
      createAt,
      feedback: story.answered ? { at: answeredAt, result: random.pick(RESULTS) } : null,
      closeAt: story.closed ? new Date(answeredAt.getTime() + 5 * 86_400_000) : null,
    });
  }

  return plans;
}

/** Schedules the referrals, or explains why there are none. Returns a line for the console. */
export function scheduleReferrals(stage: Stage, plans: ReferralPlan[], available: boolean): string {
  if (!available) return '移送接口尚未提供，跳过移送数据 (referrals API not present: skipped)';

  for (const plan of plans) scheduleReferral(stage, plan);
  return `移送 ${plans.length} 件 (referrals: ${plans.length})`;
}

function scheduleReferral(stage: Stage, plan: ReferralPlan): void {
  const reviewer = stage.clients.get(stage.reviewers[0]!) as DemoClient;
  let id = '';

  stage.timeline.at(plan.createAt, async () => {
    const recordIds = plan.records.map((r) => stage.recordIds.get(r));
    const created = await reviewer.post<{ id: string }>('/api/v1/referrals', {
      recordIds,
      copyToDiscipline: true,
    });
    id = created.id;
  });
  stage.timeline.at(new Date(plan.createAt.getTime() + 2 * 3_600_000), async () => {
    await reviewer.post(`/api/v1/referrals/${id}/send`, {});
  });

  const { feedback, closeAt } = plan;
  if (feedback) {
    stage.timeline.at(feedback.at, async () => {
      const date = beijingDate(feedback.at);
      await reviewer.post(`/api/v1/referrals/${id}/feedback`, { result: feedback.result, date });
      const content = await documentPdf('关于移送问题线索处理情况的反馈', [feedback.result]);
      const file = { name: '处理情况反馈.pdf', content, type: 'application/pdf' };
      await reviewer.upload(`/api/v1/referrals/${id}/files`, file, { role: 'feedback' });
    });
  }
  if (closeAt) {
    stage.timeline.at(closeAt, async () => {
      await reviewer.post(`/api/v1/referrals/${id}/close`, {});
    });
  }
}
