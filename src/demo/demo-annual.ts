/**
 * The counties' yearly regional summaries (本地区汇总表) in the demo: for every year whose four
 * quarters the demo holds, each county's filler compiles the summary in January, the two
 * leaders sign, the filler seals and sends it. Most are on time (the 15th by default), one
 * county is late and the last one has not sent it, so the compliance view and the annual
 * checklist have something to show.
 */
import { formatDate } from '../calendar/period.js';
import type { DemoPlan } from './demo-plan.js';
import { beijing } from './demo-records.js';
import type { Stage } from './demo-reporting.js';

type Fate = 'on-time' | 'late' | 'missing';

export function scheduleAnnualSummaries(stage: Stage, plan: DemoPlan): void {
  const counties = plan.people.counties;
  for (const year of wholeYears(plan.periods)) {
    counties.forEach((county, i) => {
      const fate: Fate = i === counties.length - 1 ? 'missing' : i === 1 ? 'late' : 'on-time';
      if (fate === 'missing') return;

      const day = fate === 'late' ? stage.random.int(18, 22) : stage.random.int(11, 14);
      const start = beijing(formatDate(year + 1, 1, day), stage.random.int(9, 11));
      const url = `/api/v1/regions/${county.code}/annual/${year}`;
      const client = (username: string) => {
        const found = stage.clients.get(username);
        if (!found) throw new Error(`demo account ${username} was not created`);
        return found;
      };
      const hours = (n: number) => new Date(start.getTime() + n * 3_600_000);
      const filler = client(county.filler.username);

      stage.timeline.at(start, async () => {
        await filler.post(`${url}/compile`);
      });
      for (const [n, account, role] of [
        [1, county.leader, 'ruleOfLawLeader'],
        [2, county.principal, 'principal'],
      ] as const) {
        stage.timeline.at(hours(n), async () => {
          const signer = client(account.username);
          await signer.post(`${url}/signatures`, { role, password: signer.secret });
        });
      }
      stage.timeline.at(hours(3), async () => {
        await filler.post(`${url}/seal`);
        await filler.post(`${url}/submit`);
      });
    });
  }
}

/** Years all four of whose quarters are among the demo's periods. */
function wholeYears(periods: readonly string[]): number[] {
  const years = new Set(periods.map((p) => Number(p.slice(0, 4))));

  return [...years].filter((y) => [1, 2, 3, 4].every((q) => periods.includes(`${y}Q${q}`)));
}
