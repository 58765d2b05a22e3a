/**
 * The shape of a unit in the API, imports and presets. A unit is a bureau (province, city,
 * county), an internal office (局机关科室), an affiliated unit (局属单位) or another body.
 */
import { z } from 'zod';

export const unitKinds = ['province', 'city', 'county', 'office', 'affiliate', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** Kinds that are bureaus: they record, report and are reported to. */
export const bureauKinds: readonly UnitKind[] = ['province', 'city', 'county'];

export const unitCode = z
  .string()
  .trim()
  .regex(
    /^[0-9A-Za-z_-]{1,32}$/,
    '单位代码只能由 1 到 32 位字母、数字、下划线或连字符组成，例如 410221',
  );

export const unitInputSchema = z
  .object({
    code: unitCode,
    name: z.string().trim().min(1, '请填写单位名称').max(100, '单位名称不能超过 100 个字'),
    kind: z.enum(unitKinds, {
      message: '单位类型须是 province、city、county、office、affiliate 或 other',
    }),
    parent: unitCode.nullable().optional(),
    reportsTo: unitCode.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const unitPatchSchema = unitInputSchema.omit({ code: true }).partial().strict();

export type UnitInput = z.infer<typeof unitInputSchema>;
export type UnitPatch = z.infer<typeof unitPatchSchema>;

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  reportsTo: string | null;
  active: boolean;
}

export const unitOutputSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(unitKinds),
  parent: z.string().nullable(),
  reportsTo: z.string().nullable(),
  active: z.boolean(),
});
