/**
 * Reading the cells of a ledger kept in Excel: text as its user sees it, and 干预时间 in the
 * many shapes paper-era files hold it (2020年5月12日15时, 2020.5.12 15:00, 5月12日15时 with the
 * year from the title, Excel dates and serial numbers). Nothing is guessed: a cell that cannot
 * be read gives a Chinese message for the caller to attach to its row and column.
 */
import type { Cell, CellValue } from 'exceljs';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(message: string): Read<T> => ({ ok: false, message });

/** NFKC (full-width digits and letters become ASCII: １２ → 12), spaces collapsed, trimmed. */
export function normalized(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A heading or label compared by its words only: NFKC, every space removed. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The text of a cell, trimmed, line breaks kept. A formula gives its cached result; one
 * without a result (a file written by a program that never calculated it), an error value
 * (#N/A) or a TRUE/FALSE cell cannot be read as text and gives a message instead.
 */
export function cellText(cell: Cell): Read<string> {
  return textOf(cell.value);
}

function textOf(value: CellValue): Read<string> {
  if (value === null || value === undefined) return ok('');
  if (typeof value === 'string') return ok(value.replace(/\r\n?/g, '\n').trim());
  if (typeof value === 'number') return ok(String(value));
  if (typeof value === 'boolean') return bad('单元格是逻辑值（TRUE/FALSE），请改为文字');
  if (value instanceof Date)
    return bad('单元格是日期格式，此列应填写文字，请把单元格格式改为“文本”');

  return textOfObject(value);
}

function textOfObject(value: object): Read<string> {
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    if (result === undefined || result === null) return bad(noResult());
    if (typeof result === 'object' && 'error' in (result as object)) return bad(errorValue(result));

    return textOf(result);
  }
  if ('richText' in value) {
    const runs = (value as { richText: Array<{ text: string }> }).richText;
    return textOf(runs.map((run) => run.text).join(''));
  }
  if ('text' in value) return textOf((value as { text: CellValue }).text);
  if ('error' in value) return bad(errorValue(value));

  return bad('单元格的内容无法读取，请改为直接填写文字');
}

function noResult(): string {
  return '单元格是公式但没有计算结果，请在 Excel 或 WPS 中打开并保存后重新导入，或改为直接填写内容';
}

function errorValue(value: object): string {
  return `单元格是错误值 ${String((value as { error: unknown }).error)}，请改为正确的内容`;
}

/**
 * A date, or a date and hour, as `YYYY-MM-DD` or `YYYY-MM-DDTHH` (the record's shape). An
 * Excel date whose time is midnight has day precision; minutes are dropped, because the
 * ledger records time to the hour (填报说明 3). `yearHint` (the ledger's year, from its title)
 * completes a text that gives only month and day.
 */
export function cellDateTime(cell: Cell, yearHint: number | null): Read<string> {
  return dateTimeOf(cell.value, yearHint);
}

function dateTimeOf(value: CellValue, yearHint: number | null): Read<string> {
  if (value === null || value === undefined) return ok('');
  if (value instanceof Date) return fromExcelDate(value);
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: CellValue }).result;
    if (result === undefined || result === null) return bad(noResult());

    return dateTimeOf(result, yearHint);
  }

  const text = textOf(value);
  if (!text.ok) return text;

  return dateTimeText(text.value, yearHint);
}

// Excel serial day numbers count from 1899-12-30 (day 25569 is 1970-01-01); exceljs hands
// dates over as instants whose UTC fields are the wall-clock time written in the cell.
const EXCEL_EPOCH_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

function fromSerial(serial: number): Read<string> {
  if (!(serial >= 1 && serial < 2_958_466)) {
    return bad(`数字 ${serial} 不是有效的日期，请写作“2020年5月12日15时”`);
  }

  return fromExcelDate(new Date(Math.round((serial - EXCEL_EPOCH_DAYS) * MS_PER_DAY)));
}

function fromExcelDate(date: Date): Read<string> {
  if (Number.isNaN(date.getTime())) return bad('日期无法读取，请写作“2020年5月12日15时”');
  const day = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const hour = date.getUTCHours();
  const midnight = hour === 0 && date.getUTCMinutes() === 0;

  return ok(isoOf(day[0]!, day[1]!, day[2]!, midnight ? undefined : hour));
}

const HOUR = String.raw`(?:\s*(\d{1,2})\s*(?:[时時点點]|:\d{1,2}(?::\d{1,2})?)(?:\s*(\d{1,2})\s*分)?)?`;
const SHAPES: Array<{ pattern: RegExp; needsYear: boolean }> = [
  {
    pattern: new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]${HOUR}$`),
    needsYear: false,
  },
  {
    pattern: new RegExp(String.raw`^(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?:T(\d{2})|${HOUR})$`),
    needsYear: false,
  },
  {
    pattern: new RegExp(String.raw`^()(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]${HOUR}$`),
    needsYear: true,
  },
];

/** 干预时间 written as text; see cellDateTime. */
export function dateTimeText(raw: string, yearHint: number | null): Read<string> {
  const text = normalized(raw);
  if (text === '') return ok('');

  for (const { pattern, needsYear } of SHAPES) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (needsYear && yearHint === null) {
      return bad(`“${raw}”没有年份，表格标题中也找不到年度，请写作“2020年5月12日15时”`);
    }

    const year = needsYear ? yearHint! : Number(match[1]);
    const hour = match[4] ?? match[5];
    return checked(raw, year, Number(match[2]), Number(match[3]), hour);
  }

  return bad(`无法识别的时间“${raw}”，请写作“2020年5月12日15时”；来文来函可只写到日`);
}

function checked(raw: string, year: number, month: number, day: number, hour?: string) {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) return bad<string>(`“${raw}”不是有效的日期`);
  if (hour !== undefined && Number(hour) > 23)
    return bad<string>(`“${raw}”的小时须在 0 到 23 之间`);

  return ok(isoOf(year, month, day, hour === undefined ? undefined : Number(hour)));
}

function isoOf(year: number, month: number, day: number, hour?: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

  return hour === undefined ? date : `${date}T${pad(hour)}`;
}
