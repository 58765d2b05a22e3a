/**
 * One record as read from a sheet, before it becomes a record input: the text of each field,
 * where it was found (so every message names the Excel row and column), and the cells that
 * could not be read. Both layouts (附件1 ledger, one-row template) produce these.
 */
import type { Cell, Worksheet } from 'exceljs';
import { cellText, type Read } from './cell-values.js';

export const fieldKeys = [
  'office',
  'interferer',
  'post',
  'level',
  'situation',
  'content',
  'indicators',
  'caseName',
  'caseUnits',
  'casePersons',
  'words',
  'description',
  'storageMedium',
  'occurredAt',
  'form',
  'channel',
  'witnesses',
  'place',
  'senderUnit',
  'phone',
  'qq',
  'wechat',
  'email',
  'otherSource',
  'recorder',
  'obstacleRemovedOn',
  'supplementaryReason',
  'noEvidenceReason',
] as const;
export type FieldKey = (typeof fieldKeys)[number];

/** Where a field was read: the cell (`G12`) and the heading its user knows it by. */
export interface Place {
  cell: string | null;
  column: string;
}

/** A problem in a row, at a place: what the preview and the CLI print. */
export interface CellProblem extends Place {
  message: string;
}

export interface SourceRow {
  /** The Excel row: a template record's row, or the first row of a ledger band. */
  row: number;
  values: Partial<Record<FieldKey, string>>;
  places: Partial<Record<FieldKey, Place>>;
  problems: CellProblem[];
}

export type Layout = 'ledger' | 'template';

export interface ParsedSheet {
  layout: Layout;
  sheet: string;
  /** Whether the sheet has Liuhen's two added columns, 级别 and 干预情形. */
  hasLevelAndSituation: boolean;
  rows: SourceRow[];
  /** Problems of the sheet itself (an unknown heading, a line that is no record), by place. */
  problems: Array<CellProblem & { row: number }>;
}

/** Fills rows field by field, recording the place of each and the cells it cannot read. */
export class RowReader {
  readonly source: SourceRow;

  constructor(row: number) {
    this.source = { row, values: {}, places: {}, problems: [] };
  }

  /** Reads `cell` with `read` (text by default) into `key`, found under heading `column`. */
  take(key: FieldKey, cell: Cell, column: string, read: (cell: Cell) => Read<string> = cellText) {
    const place = { cell: cell.address, column };
    this.source.places[key] = place;
    const result = read(cell);
    if (result.ok) {
      if (result.value !== '') this.source.values[key] = result.value;
      return;
    }

    this.source.problems.push({ ...place, message: result.message });
  }

  set(key: FieldKey, value: string, place: Place) {
    this.source.places[key] = place;
    if (value !== '') this.source.values[key] = value;
  }

  problem(place: Place, message: string) {
    this.source.problems.push({ ...place, message });
  }
}

/** Whether a worksheet row holds nothing at all. */
export function isEmptyRow(sheet: Worksheet, row: number): boolean {
  const values = sheet.getRow(row).values as unknown[];

  return values.every(
    (value) =>
      value === null || value === undefined || (typeof value === 'string' && value.trim() === ''),
  );
}
