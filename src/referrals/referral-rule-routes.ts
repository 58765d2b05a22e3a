/** The cadre management authority rules over HTTP: read by reviewers, set by the sysadmin. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import type { Context } from '../platform/context.js';
import { levels } from '../records/record-schema.js';
import {
  type AuthorityRule,
  LEVEL_LABELS,
  readAuthorityRules,
  setAuthorityRules,
} from './cadre-authority.js';

const tags = ['案件移送'];
const template = (label: string, min: number) =>
  z.string().trim().min(min, `请填写${label}`).max(200, `${label}不能超过 200 个字`);
const rulesBody = z
  .object({
    rules: z
      .array(
        z
          .object({
            level: z.enum(levels, {
              message: '级别须是 county、township、other、prefecture 或 province',
            }),
            addressee: template('主送机关', 1),
            copyTo: template('抄送的纪检监察机关', 0),
          })
          .strict(),
      )
      .max(levels.length),
  })
  .strict();

function rulesAnswer(rules: AuthorityRule[]) {
  return {
    rules: rules.map((r) => ({ ...r, label: LEVEL_LABELS[r.level] })),
    placeholders: { '{县}': '记录单位所在的县（区）', '{市}': '所在的市', '{省}': '所在的省' },
  };
}

export const referralRuleRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/referral-rules',
    {
      config: { action: 'referralRules.read' },
      schema: { tags, summary: '干部管理权限规则（按干预人级别确定移送对象）' },
    },
    async () => rulesAnswer(await readAuthorityRules(ctx)),
  );

  app.put(
    '/referral-rules',
    {
      config: { action: 'referralRules.write' },
      schema: {
        tags,
        summary: '修改干部管理权限规则（每个级别一条，系统管理员）',
        body: rulesBody,
      },
    },
    async (request) =>
      rulesAnswer(await setAuthorityRules(ctx, request.body.rules, actorOf(request))),
  );
};
