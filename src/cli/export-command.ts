/**
 * `liuhen export --unit CODE --period 2020Q2 --form ledger|summary --format xlsx|pdf|json
 * --out FILE`: the operator's way to the official documents, e.g. to archive a quarter. It
 * reads as the unit does (the latest version, or a live preview before compiling) and, like an
 * export over the API, leaves an event in the unit's log.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { exportFormats, exportForms, exportReport } from '../documents/report-export.js';
import type { Config } from '../platform/config.js';
import { openInstance } from '../platform/instance.js';

const usage =
  '用法：liuhen export --unit CODE --period 2020Q2 --form ledger|summary --format xlsx|pdf|json --out FILE';

/** Exit codes: 0 written, 1 refused (no such unit or report), 2 could not run. */
export async function exportCommand(config: Config, args: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        unit: { type: 'string' },
        period: { type: 'string' },
        form: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { unit, period, form, format, out } = values;
  if (!unit || !period || !out || !isOneOf(exportForms, form) || !isOneOf(exportFormats, format)) {
    console.error(usage);
    return 2;
  }

  const instance = await openInstance(config);
  try {
    const exported = await exportReport(instance.ctx, {
      unit,
      period,
      form,
      format,
      reader: 'unit',
      actor: { username: 'system:cli' },
    });
    fs.writeFileSync(out, exported.bytes);
    console.log(`已导出 ${out}（${exported.bytes.length} 字节，SM3 ${exported.sm3}）`);
    return 0;
  } finally {
    await instance.close();
  }
}

function isOneOf<T extends string>(allowed: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (allowed as readonly string[]).includes(value);
}
