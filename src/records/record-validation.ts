/**
 * Turns a request body into a valid record or a 400 listing every problem by field: first
 * the shape (zod), then the rules between fields (record-rules.ts).
 */
import { beijingDate, toBeijingIso } from '../calendar/beijing-time.js';
import type { Context } from '../platform/context.js';
import { type FieldProblem, fail } from '../platform/errors.js';
import { readRules } from '../rules/rules.js';
import { checkRecord, type RuleContext } from './record-rules.js';
import { type RecordInput, recordInputSchema } from './record-schema.js';

export async function validateRecord(ctx: Context, body: unknown): Promise<RecordInput> {
  const now = ctx.clock.now();
  const context = {
    rules: await readRules(ctx),
    today: beijingDate(now),
    thisHour: toBeijingIso(now).slice(0, 13),
  };
  const { input, problems } = recordProblems(body, context);
  if (!input || problems.length > 0) reject(problems);

  return input;
}

/**
 * Every problem of `body` as a record, by field: the shape first; the rules between fields
 * only once the shape holds. `input` is the parsed record when the shape holds. Shared by the
 * records API and the ledger import, so both apply the same rules.
 */
export function recordProblems(
  body: unknown,
  context: RuleContext,
): { input: RecordInput | null; problems: FieldProblem[] } {
  const parsed = recordInputSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: i.path.join('.') || 'record',
      message: i.message,
    }));
    return { input: null, problems };
  }

  return { input: parsed.data, problems: checkRecord(parsed.data, context) };
}

function reject(problems: FieldProblem[]): never {
  const summary = problems.map((p) => `${p.field}：${p.message}`).join('；');

  return fail('VALIDATION_FAILED', problems, `记录填写有误，请按提示修改后再保存（${summary}）`);
}
