/**
 * The import API as the page uses it: the template link, the preview upload (multipart, with
 * the unit first) and the import itself, which names the previewed file by its SM3.
 */
import { ApiError, api } from '../api/client';
import type { Level } from '../records/records';
import { sessionApi } from '../session/session';

export const TEMPLATE_URL = '/api/v1/imports/template';

export interface CellProblem {
  cell: string | null;
  column: string;
  message: string;
}

export interface PreviewRow {
  row: number;
  body: {
    occurredAt?: string;
    form?: string;
    interferer?: { name?: string; post?: string; level?: Level };
    situation?: string;
  };
  recorder: string;
  problems: CellProblem[];
  missing: Array<'level' | 'situation'>;
  valid: boolean;
}

export interface ImportPreview {
  file: { sm3: string; name: string; size: number };
  unit: string;
  layout: 'ledger' | 'template';
  hasLevelAndSituation: boolean;
  rows: PreviewRow[];
  problems: Array<CellProblem & { row: number }>;
  counts: { rows: number; valid: number; invalid: number; needChoices: number };
}

export interface RowChoice {
  row: number;
  level?: Level;
  situation?: string;
}

export interface ImportResult {
  recordIds: string[];
  imported: number;
  skippedRows: number[];
}

export const importsApi = {
  async preview(unit: string, file: File): Promise<ImportPreview> {
    const { csrfToken } = await sessionApi.read();
    const body = new FormData();
    // The server reads the unit before the file, so it must come first.
    body.append('unit', unit);
    body.append('file', file, file.name);
    const response = await fetch('/api/v1/imports/preview', {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body,
    }).catch(() => {
      throw new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试');
    });
    const payload = await response.json().catch(() => undefined);
    if (response.ok) return payload as ImportPreview;

    const error = (payload as { error?: { code: string; message: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `上传失败（${response.status}）`,
    );
  },
  commit: (request: {
    unit: string;
    file: string;
    fileName: string;
    rows: RowChoice[];
    validOnly: boolean;
  }) => api.post<ImportResult>('/imports', request),
};
