/**
 * An uploaded ledger file, read: the workbook opened and checked (workbook-file.ts), its
 * layout found by the heading row, and its rows read by that layout's parser.
 */
import { fail } from '../platform/errors.js';
import { parseLedger } from './ledger-layout.js';
import { findLayout } from './sheet-header.js';
import type { ParsedSheet } from './source-row.js';
import { parseTemplate } from './template-layout.js';
import { openWorkbook } from './workbook-file.js';

export async function parseImportFile(file: Buffer): Promise<ParsedSheet> {
  const workbook = await openWorkbook(file);
  const found = findLayout(workbook);
  if (!found) fail('IMPORT_LAYOUT_UNKNOWN');

  const parse = found.layout === 'ledger' ? parseLedger : parseTemplate;
  const parsed = parse(found.sheet, found.header);
  if (parsed.rows.length === 0 && parsed.problems.length === 0) fail('IMPORT_EMPTY');

  return parsed;
}
