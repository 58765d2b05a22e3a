/**
 * Referrals (移送) as the API shows them, and the calls that draft, change, send, answer and
 * close them; the cadre management authority rules that address them. Every call that changes
 * a referral answers the whole referral again.
 */
import { ApiError, api } from '../api/client';
import { sessionApi } from '../session/session';

export const referralStatuses = ['draft', 'sent', 'feedback', 'closed'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralStatusNames: Record<ReferralStatus, string> = {
  draft: '草稿',
  sent: '已移送，待反馈',
  feedback: '已反馈',
  closed: '已办结',
};

export interface ReferralFile {
  id: string;
  role: 'attachment' | 'feedback';
  name: string;
  mediaType: string;
  size: number;
  sm3: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface ReferredRecord {
  id: string;
  unit: string;
  unitName: string;
  period: string;
  occurredAt: string;
  form: string;
  level: string;
  status: string;
}

export interface Referral {
  id: string;
  bureau: { code: string; name: string };
  number: string;
  date: string;
  addressees: string[];
  copyToDiscipline: boolean;
  copyTo: string[];
  status: ReferralStatus;
  dueDate: string | null;
  overdue: boolean;
  feedback: { result: string; date: string; recordedAt: string } | null;
  closeNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  sentAt: string | null;
  closedAt: string | null;
  recordIds: string[];
  records?: ReferredRecord[];
  files?: ReferralFile[];
}

export interface ReferralDraft {
  recordIds?: string[];
  number?: string;
  date?: string;
  addressees?: string[];
  copyToDiscipline?: boolean;
  copyTo?: string[];
}

export interface ReferralFilter {
  status?: ReferralStatus;
  year?: number;
  overdue?: '1';
}

export interface AuthorityRule {
  level: string;
  label: string;
  addressee: string;
  copyTo: string;
}

const base = '/referrals';

export const referralLinks = {
  letter: (id: string) => `/api/v1${base}/${id}/letter`,
  file: (id: string, fileId: string) => `/api/v1${base}/${id}/files/${fileId}`,
};

export const referralsApi = {
  list: (filter: ReferralFilter = {}) =>
    api.get<{ referrals: Referral[] }>(base, { ...filter }).then((r) => r.referrals),
  read: (id: string) => api.get<Referral>(`${base}/${id}`),
  nextNumber: () => api.get<{ number: string }>(`${base}/next-number`).then((r) => r.number),
  create: (draft: ReferralDraft) => api.post<Referral>(base, draft),
  update: (id: string, draft: ReferralDraft) => api.patch<Referral>(`${base}/${id}`, draft),
  send: (id: string, dueDate?: string) =>
    api.post<Referral>(`${base}/${id}/send`, dueDate ? { dueDate } : {}),
  feedback: (id: string, body: { result: string; date: string }) =>
    api.post<Referral>(`${base}/${id}/feedback`, body),
  close: (id: string, note?: string) =>
    api.post<Referral>(`${base}/${id}/close`, note ? { note } : {}),
  rules: () => api.get<{ rules: AuthorityRule[] }>('/referral-rules').then((r) => r.rules),
  saveRules: (rules: AuthorityRule[]) =>
    api
      .put<{ rules: AuthorityRule[] }>('/referral-rules', {
        rules: rules.map(({ level, addressee, copyTo }) => ({ level, addressee, copyTo })),
      })
      .then((r) => r.rules),
};

/** Uploads one attachment or feedback document (role first: the server reads it first). */
export async function uploadReferralFile(
  id: string,
  role: ReferralFile['role'],
  file: File,
): Promise<ReferralFile> {
  const { csrfToken } = await sessionApi.read();
  const body = new FormData();
  body.append('role', role);
  body.append('file', file, file.name);
  const response = await fetch(`/api/v1${base}/${id}/files`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken },
  });
  const payload = await response.json().catch(() => undefined);
  if (response.ok) return payload as ReferralFile;

  const error = payload?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_ERROR',
    error?.message ?? `上传失败（${response.status}），请稍后重试`,
    error?.details ?? [],
  );
}
