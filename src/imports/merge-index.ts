/**
 * Opening a large ledger quickly. exceljs checks each merged range it reads against every range
 * read before it (worksheet.js `_mergeCellsInternal`), so opening costs O(n²) in the merges: a
 * ledger of 2,000 records, eight rows and eleven merges each, took half a minute. Two ranges
 * overlap exactly when a cell of the new one already belongs to a merge, which exceljs records
 * on the cell itself (`isMerged`), so the same refusal is made by looking at the new range's
 * own cells, O(its area). Installed once on exceljs's worksheet class when this module loads.
 */
import ExcelJS from 'exceljs';

interface Dimensions {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface WorksheetInternals {
  _merges: Record<string, Dimensions>;
  _mergeCellsInternal(dimensions: Dimensions, ignoreStyle?: boolean): void;
  findCell(row: number, column: number): ExcelJS.Cell | undefined;
}

const worksheetClass = Object.getPrototypeOf(
  new ExcelJS.Workbook().addWorksheet('probe'),
) as WorksheetInternals;
const mergeWithScan = worksheetClass._mergeCellsInternal;

worksheetClass._mergeCellsInternal = function mergeChecked(
  this: WorksheetInternals,
  dimensions: Dimensions,
  ignoreStyle?: boolean,
) {
  for (let row = dimensions.top; row <= dimensions.bottom; row += 1) {
    for (let column = dimensions.left; column <= dimensions.right; column += 1) {
      if (this.findCell(row, column)?.isMerged)
        throw new Error('Cannot merge already merged cells');
    }
  }

  // exceljs's own scan then meets an empty index; the range is added back to the full one.
  const merges = this._merges;
  this._merges = {};
  try {
    mergeWithScan.call(this, dimensions, ignoreStyle);
  } finally {
    this._merges = Object.assign(merges, this._merges);
  }
};
