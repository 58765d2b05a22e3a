/**
 * Generates the demo in a fresh instance: opens it on a demo clock set to the day the city
 * bureau starts using the system, then plays the plan through the real HTTP API in-process,
 * so every change is a logged event and `liuhen verify` holds. No listening socket is needed:
 * tests call this directly.
 */
import type { FastifyInstance } from 'fastify';
import { checkpointChangedLogs } from '../ledger/checkpoints.js';
import type { Config } from '../platform/config.js';
import type { Context } from '../platform/context.js';
import { buildServer, type ServerOptions } from '../platform/http/server.js';
import { type Instance, openInstance } from '../platform/instance.js';
import { sendReferralReminders } from '../referrals/referral-reminders.js';
import { sendReminders } from '../reports/reminders.js';
import { scheduleAnnualSummaries } from './demo-annual.js';
import { sealPng } from './demo-files.js';
import { ADMIN_ONE_TIME_PASSWORD, createAccounts } from './demo-people.js';
import { type DemoPlan, planDemo, setupTime } from './demo-plan.js';
import { scheduleReferrals } from './demo-referrals.js';
import { scheduleQuarter } from './demo-reporting.js';
import { type SettableClock, Timeline } from './demo-timeline.js';
import { SeededRandom } from './seeded-random.js';

export interface DemoInstance {
  instance: Instance;
  app: FastifyInstance;
  clock: SettableClock;
  /** The real "now" the demo leads up to. */
  now: Date;
}

export interface DemoResult {
  plan: DemoPlan;
  /** What the referrals step did, for the console. */
  referrals: string;
}

/**
 * What `liuhen serve` does every hour: daily checkpoints of changed logs, deadline reminders
 * and referral feedback reminders. Returns how many checkpoints and notices were made.
 */
export async function dailyDuties(ctx: Context): Promise<{ logs: number; notices: number }> {
  const made = await checkpointChangedLogs(ctx);
  const notices = (await sendReminders(ctx)) + (await sendReferralReminders(ctx));

  return { logs: made.length, notices };
}

/** Opens a new instance whose clock stands at the demo's set-up day. */
export async function openDemoInstance(
  config: Config,
  clock: SettableClock,
  now: Date,
  options: ServerOptions = {},
): Promise<DemoInstance> {
  clock.set(setupTime(now));
  const instance = await openInstance(config, { clock, adminPassword: ADMIN_ONE_TIME_PASSWORD });
  try {
    const app = await buildServer(instance.ctx, options);
    return { instance, app, clock, now };
  } catch (error) {
    await instance.close();
    throw error;
  }
}

/**
 * Plays the demo for `seed` up to the instance's "now". Precondition: a fresh instance from
 * openDemoInstance (no units, no users but the administrators). Leaves the clock at "now".
 */
export async function generateDemo(demo: DemoInstance, seed: number): Promise<DemoResult> {
  const plan = planDemo(seed, demo.now);
  const { app, clock } = demo;
  const { ctx } = demo.instance;
  clock.set(plan.setupAt);

  const clients = await createAccounts(app, clock, plan.people);
  const sysadmin = clients.get('sysadmin')!;
  for (const county of plan.people.counties) {
    const seal = { name: `${county.unitName}公章.png`, content: sealPng(), type: 'image/png' };
    await sysadmin.upload(`/api/v1/units/${county.code}/seal`, seal);
  }

  const timeline = new Timeline(clock, demo.now, () => dailyDuties(ctx).then(() => undefined));
  const stage = {
    timeline,
    random: new SeededRandom(seed).fork('schedule'),
    clients,
    reviewers: plan.people.reviewers.map((r) => r.username),
    recordIds: new Map(),
  };
  for (const quarter of plan.quarters) scheduleQuarter(stage, quarter);
  scheduleAnnualSummaries(stage, plan);
  const available = app.hasRoute({ method: 'POST', url: '/api/v1/referrals' });
  const referrals = scheduleReferrals(stage, plan.referrals, available);

  await timeline.run();
  await checkpointChangedLogs(ctx, 0);

  return { plan, referrals };
}
