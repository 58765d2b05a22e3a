/**
 * Turns a request body into a valid record or a 400 listing every problem by field: first
 * the shape (zod), then the rules between fields (record-rules.ts).
 */
import { beijingDate, toBeijingIso } from '../calendar/beijing-time.js';
import type { Context } from '../platform/context.js';
import { type FieldProblem, fail } from '../platform/errors.js';
import { readRules } from '../rules/rules.js';
import { checkRecord } from './record-rules.js';
import { type RecordInput, recordInputSchema } from './record-schema.js';

export async function validateRecord(ctx: Context, body: unknown): Promise<RecordInput> {
  const parsed = recordInputSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: i.path.join('.') || 'record',
      message: i.message,
    }));
    return reject(problems);
  }

  const now = ctx.clock.now();
  const context = {
    rules: await readRules(ctx),
    today: beijingDate(now),
    thisHour: toBeijingIso(now).slice(0, 13),
  };
  const problems = checkRecord(parsed.data, context);
  if (problems.length > 0) reject(problems);

  return parsed.data;
}

function reject(problems: FieldProblem[]): never {
  const summary = problems.map((p) => `${p.field}：${p.message}`).join('；');

  return fail('VALIDATION_FAILED', problems, `记录填写有误，请按提示修改后再保存（${summary}）`);
}
