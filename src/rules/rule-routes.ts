/** Rule versions and mapping, the holiday table, and the reporting calendar of a period. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/auth-hooks.js';
import { periodCalendar } from '../calendar/due-date.js';
import { parsePeriod } from '../calendar/period.js';
import { unitCode } from '../org/unit-schema.js';
import { getUnit } from '../org/units.js';
import type { Context } from '../platform/context.js';
import { fail } from '../platform/errors.js';
import { deadlineRules, readSettings } from '../settings/settings.js';
import { listHolidays, putHoliday, removeHoliday } from './holidays.js';
import { readRules, setEffectiveFrom, setMapping } from './rules.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为“2020-10-01”')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '不是有效的日期',
  );

const situation = z.object({
  id: z.string(),
  item: z.number(),
  label: z.string(),
  text: z.string(),
});
const rulesSchema = z.object({
  versions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      effectiveFrom: z.string(),
      situations: z.array(situation),
    }),
  ),
  mapping: z.array(z.object({ from: z.string(), to: z.string() })),
});
const holiday = z.object({
  date: isoDate,
  name: z.string().trim().min(1, '请填写名称').max(50),
  workday: z.boolean(),
});
const calendarSchema = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  due: z.string(),
});

export const ruleRoutes: FastifyPluginAsync<{ ctx: Context }> = async (base, { ctx }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['规则与日历'];
  const read = { action: 'rules.read' as const };
  const change = { action: 'rules.write' as const };

  app.get(
    '/rules',
    {
      config: read,
      schema: { tags, summary: '规则版本、干预情形及新旧对应', response: { 200: rulesSchema } },
    },
    async () => readRules(ctx),
  );

  app.put(
    '/rules/versions/:id',
    {
      config: change,
      schema: {
        tags,
        summary: '设置规则版本的生效日期',
        params: z.object({ id: z.string().max(16) }),
        body: z.object({ effectiveFrom: isoDate }).strict(),
        response: { 200: rulesSchema },
      },
    },
    async (request) =>
      setEffectiveFrom(ctx, request.params.id, request.body.effectiveFrom, actorOf(request)),
  );

  app.put(
    '/rules/mapping',
    {
      config: change,
      schema: {
        tags,
        summary: '设置新旧版本情形对应关系',
        body: z
          .array(z.object({ from: z.string().max(16), to: z.string().max(16) }).strict())
          .max(100),
        response: { 200: rulesSchema },
      },
    },
    async (request) => setMapping(ctx, request.body, actorOf(request)),
  );

  app.get(
    '/holidays',
    {
      config: read,
      schema: {
        tags,
        summary: '节假日表',
        querystring: z
          .object({ year: z.coerce.number().int().min(1900).max(2999).optional() })
          .strict(),
        response: { 200: z.object({ holidays: z.array(holiday) }) },
      },
    },
    async (request) => ({ holidays: await listHolidays(ctx, request.query.year) }),
  );

  app.put(
    '/holidays/:date',
    {
      config: change,
      schema: {
        tags,
        summary: '设置节假日或调休工作日',
        params: z.object({ date: isoDate }),
        body: holiday.omit({ date: true }).strict(),
        response: { 200: holiday },
      },
    },
    async (request) =>
      putHoliday(ctx, { date: request.params.date, ...request.body }, actorOf(request)),
  );

  app.delete(
    '/holidays/:date',
    {
      config: change,
      schema: { tags, summary: '从节假日表移除一天', params: z.object({ date: isoDate }) },
    },
    async (request, reply) => {
      const removed = await removeHoliday(ctx, request.params.date, actorOf(request));
      if (!removed) fail('NOT_FOUND');

      return reply.status(204).send();
    },
  );

  app.get(
    '/calendar/:period',
    {
      config: { action: 'calendar.read' },
      schema: {
        tags,
        summary: '期别的起止日期与报送截止日（北京时间）',
        params: z.object({ period: z.string().max(16) }),
        querystring: z.object({ unit: unitCode.optional() }).strict(),
        response: { 200: calendarSchema },
      },
    },
    async (request) => {
      const period = parsePeriod(request.params.period) ?? fail('PERIOD_INVALID');
      if (request.query.unit) await getUnit(ctx, request.query.unit);
      const settings = await readSettings(ctx);
      const days = settings.deadlineMovesPastHolidays ? await listHolidays(ctx) : [];

      return periodCalendar(period, deadlineRules(settings), days);
    },
  );
};
