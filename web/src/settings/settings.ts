/** Instance settings: the deadline rules, lockout and session limits, the password policy. */
import { api } from '../api/client';

export interface Settings {
  deadlineDay: number;
  deadlineInclusive: boolean;
  deadlineMovesPastHolidays: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordHistory: number;
  adminAddressRanges: string[];
  adminSessionIdleMinutes: number;
  adminPasswordMaxAgeDays: number;
  reminderDays: number[];
  provinceLevels: boolean;
  evidenceMaxMegabytes: number;
  regionalSummaryDueDay: number;
}

export const settingsApi = {
  read: () => api.get<Settings>('/settings'),
  update: (patch: Partial<Settings>) => api.patch<Settings>('/settings', patch),
};
