/**
 * Finds the heading row of a ledger sheet and tells the two layouts apart by it: the 附件1
 * ledger has 「干预内容」 (one cell for all that was asked), the import template splits it into
 * 「具体表述」, 「统计指标」 and the rest and has 「通讯方式」.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { cellText, labelKey } from './cell-values.js';
import type { Layout } from './source-row.js';

export interface HeaderRow {
  row: number;
  /** The non-empty heading cells, each once (a merged heading counts at its first cell). */
  cells: Array<{ col: number; text: string; address: string }>;
}

/** How far down the cover part (title, period, situations) a heading may sit. */
const HEADER_SEARCH_ROWS = 60;

export interface FoundLayout {
  sheet: Worksheet;
  header: HeaderRow;
  layout: Layout;
}

/** The first worksheet with a recognised heading row, or null when none has one. */
export function findLayout(workbook: Workbook): FoundLayout | null {
  for (const sheet of workbook.worksheets) {
    const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let row = 1; row <= last; row++) {
      const header = headerAt(sheet, row);
      const layout = layoutOf(header);
      if (layout) return { sheet, header, layout };
    }
  }

  return null;
}

function headerAt(sheet: Worksheet, row: number): HeaderRow {
  const cells: HeaderRow['cells'] = [];
  sheet.getRow(row).eachCell((cell, col) => {
    if (cell.isMerged && cell.master.address !== cell.address) return;

    const text = cellText(cell);
    if (text.ok && text.value !== '') cells.push({ col, text: text.value, address: cell.address });
  });

  return { row, cells };
}

function layoutOf(header: HeaderRow): Layout | null {
  const keys = new Set(header.cells.map((c) => labelKey(c.text)));
  if (!keys.has('干预人') || !keys.has('干预时间')) return null;
  if (keys.has('干预内容')) return 'ledger';
  if (keys.has('具体表述') || keys.has('通讯方式')) return 'template';

  return null;
}
