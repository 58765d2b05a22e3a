/**
 * The query parameters shared by the regional views (summary, analysis, summary export): the
 * range of quarters, whether versions awaiting a decision count, and the analysis filters,
 * each a comma-separated list so a filtered view stays a short link that can be shared.
 */
import { z } from 'zod';
import type { Included } from '../documents/regional-summary.js';
import { levels } from '../records/record-schema.js';
import { formRows } from '../reports/summary-rows.js';

export const quarter = z.string().regex(/^\d{4}Q[1-4]$/, '期别格式应为“2020Q2”（年份加季度）');

/** `include=submitted` adds the versions sent and awaiting a decision (see Included). */
export const includeParam = z
  .literal('submitted', { message: 'include 只能是 submitted（含已报送未接收的报告）' })
  .optional();

export function includedOf(include: 'submitted' | undefined): Included {
  return include ?? 'accepted';
}

/** A comma-separated list of values from `allowed`, e.g. `levels=county,township`. */
function listOf<T extends string>(allowed: readonly T[], what: string) {
  return z
    .string()
    .transform((text) => text.split(',').filter((item) => item !== ''))
    .pipe(
      z.array(
        z.enum(allowed as [T, ...T[]], {
          message: `${what}须是 ${allowed.join('、')} 之一，多个用逗号分隔`,
        }),
      ),
    )
    .optional();
}

/** Unit codes and situation ids are checked against the region and the rule version later. */
function codes(what: string) {
  return z
    .string()
    .regex(/^[\w-]+(,[\w-]+)*$/, `${what}须用逗号分隔，如 410221,410222`)
    .transform((text) => text.split(','))
    .optional();
}

export const rangeQuery = z.object({ from: quarter, to: quarter, include: includeParam }).strict();

export const analysisQuery = rangeQuery
  .extend({
    units: codes('单位'),
    levels: listOf(levels, '级别'),
    // The rows of 附件2, as the charts show them: a message counts under its channel.
    forms: listOf(formRows, '干预形式'),
    situations: codes('干预情形'),
  })
  .strict();

export type AnalysisQuery = z.infer<typeof analysisQuery>;
