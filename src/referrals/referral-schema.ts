/** The shapes of the referrals API: what a reviewer sends, with field-named Chinese messages. */
import { z } from 'zod';
import { unitCode } from '../org/unit-schema.js';

export const referralStatuses = ['draft', 'sent', 'feedback', 'closed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: '草稿',
  sent: '已移送',
  feedback: '已反馈',
  closed: '已办结',
};

const date = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应写作“2020-08-14”`)
    .refine((d) => isCalendarDate(d), `${label}不是有效的日期`);

function isCalendarDate(text: string): boolean {
  const instant = Date.parse(`${text}T00:00:00Z`);

  return !Number.isNaN(instant) && new Date(instant).toISOString().startsWith(text);
}

const bodies = (label: string) =>
  z
    .array(z.string().trim().min(1, `${label}不能为空`).max(100, `${label}每项不能超过 100 个字`))
    .max(20, `${label}最多 20 个`);

/** 文号: an issuer's abbreviation, the year in 〔〕 and a serial, as GB/T 9704 §7.2.4 writes it. */
export const letterNumber = z
  .string()
  .trim()
  .min(1, '请填写文号')
  .max(50, '文号不能超过 50 个字')
  .regex(/^.+〔\d{4}〕\d+号$/, '文号应写作“汴统移〔2020〕1号”（年份用六角括号〔〕）');

const recordIds = z
  .array(z.uuid('记录编号格式不正确'))
  .min(1, '请至少选择一条记录')
  .max(100, '一次最多移送 100 条记录')
  .refine((ids) => new Set(ids).size === ids.length, '同一条记录不能重复选择');

export const createReferralBody = z
  .object({
    bureau: unitCode.optional(),
    recordIds,
    number: letterNumber.optional(),
    date: date('日期').optional(),
    addressees: bodies('主送机关').min(1, '请至少填写一个主送机关').optional(),
    copyToDiscipline: z.boolean().optional(),
    copyTo: bodies('抄送机关').optional(),
  })
  .strict();
export type CreateReferralInput = z.infer<typeof createReferralBody>;

export const updateReferralBody = createReferralBody
  .omit({ bureau: true })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, '没有要修改的内容');
export type UpdateReferralInput = z.infer<typeof updateReferralBody>;

export const sendReferralBody = z
  .object({ dueDate: date('反馈期限').optional() })
  .strict()
  .nullish();

export const feedbackBody = z
  .object({
    result: z.string().trim().min(1, '请填写反馈结果').max(5000, '反馈结果不能超过 5000 个字'),
    date: date('反馈日期'),
  })
  .strict();

export const closeBody = z
  .object({ note: z.string().trim().max(1000, '办结说明不能超过 1000 个字').optional() })
  .strict()
  .nullish();

export const listQuery = z
  .object({
    bureau: unitCode.optional(),
    status: z
      .enum(referralStatuses, { message: '状态须是 draft、sent、feedback 或 closed' })
      .optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    overdue: z.enum(['0', '1']).optional(),
    record: z.uuid('记录编号格式不正确').optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuery>;
