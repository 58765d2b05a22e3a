/**
 * The interference record (one row of 附件1), in the fixed JSON shape of the API and exports.
 * The shape is checked here; the rules that tie fields together (per form, per rule version)
 * are in record-rules.ts, so both give field-named Chinese messages.
 */
import { z } from 'zod';

export const forms = ['oral', 'letter', 'message'] as const;
export type Form = (typeof forms)[number];

export const channels = ['phone', 'qq', 'wechat', 'email', 'other'] as const;
export type Channel = (typeof channels)[number];

/** 县处级, 乡科级, 其他; a province deployment adds 厅局级 (prefecture) and 省部级 (province). */
export const levels = ['county', 'township', 'other', 'prefecture', 'province'] as const;
export type Level = (typeof levels)[number];

export const recordStatuses = ['draft', 'signed', 'complete', 'voided'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

const text = (max: number, label: string) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional();

export const witnessSchema = z
  .object({
    name: text(50, '在场人员姓名'),
    post: optionalText(100, '在场人员职务'),
    user: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,32}$/, '在场人员账号格式不正确')
      .optional(),
  })
  .strict();

export const recordInputSchema = z
  .object({
    unit: z.string().trim().min(1, '请选择记录单位'),
    office: text(50, '记录机构'),
    occurredAt: z
      .string()
      .trim()
      .regex(
        /^\d{4}-\d{2}-\d{2}(T\d{2})?$/,
        '干预时间应写作“2020-05-12T15”（北京时间，到小时）；来文来函可只写日期“2020-05-12”',
      ),
    form: z.enum(forms, {
      message: '干预形式须是口头干预（oral）、来文来函（letter）或通讯信息（message）',
    }),
    channel: z.enum(channels, { message: '通讯方式须是电话、QQ、微信、Email 或其他' }).optional(),
    interferer: z
      .object({
        name: text(50, '干预人姓名'),
        post: text(100, '干预人单位、职务'),
        level: z.enum(levels, { message: '级别须是县处级、乡科级或其他' }),
      })
      .strict(),
    situation: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{1,2}$/, '请选择干预情形'),
    content: z
      .object({
        indicators: z
          .array(z.object({ name: text(100, '统计指标'), period: text(50, '指标期别') }).strict())
          .max(50, '统计指标最多 50 项')
          .optional(),
        case: z
          .object({
            name: text(200, '案件名称'),
            units: z.array(text(200, '涉案单位')).max(50).optional(),
            persons: z.array(text(50, '涉案人员')).max(50).optional(),
          })
          .strict()
          .optional(),
        words: optionalText(5000, '具体语言或文字表述'),
        description: optionalText(5000, '情况描述'),
        storageMedium: optionalText(500, '信息存储介质情况'),
      })
      .strict(),
    details: z
      .object({
        place: optionalText(200, '地点'),
        witnesses: z.array(witnessSchema).max(20, '在场人员最多 20 人').optional(),
        senderUnit: optionalText(200, '来文来函单位'),
        phone: optionalText(30, '电话号码'),
        qq: optionalText(20, 'QQ 号码'),
        wechat: optionalText(50, '微信号'),
        email: optionalText(200, 'Email 地址'),
        otherSource: optionalText(200, '其他来源'),
      })
      .strict()
      .default({}),
    supplementary: z
      .object({
        obstacleRemovedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, '障碍消除日期应写作“2020-06-01”'),
        reason: text(1000, '补充记录的原因'),
      })
      .strict()
      .optional(),
    noEvidenceReason: optionalText(1000, '无证据材料的原因'),
  })
  .strict();

export type RecordInput = z.infer<typeof recordInputSchema>;

/** What a witness confirmation, an amendment and a void send. */
export const passwordBody = z
  .object({ password: z.string().min(1, '请输入密码').max(256) })
  .strict();
export const amendmentBody = z
  .object({
    changes: z.record(z.string(), z.unknown()),
    reason: text(1000, '更正原因'),
  })
  .strict();
export const voidBody = z.object({ reason: text(1000, '作废原因') }).strict();
