/** The routes of the app and the guards in front of them. */
import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AnnualPage } from './annual/annual-page';
import { AppShell } from './app-shell';
import { AuditTrailPage } from './audit/audit-trail-page';
import { PrintPage } from './documents/print-page';
import { WorkbenchPage } from './home/workbench-page';
import { ImportPage } from './imports/import-page';
import type { PageKey } from './navigation';
import { NotFoundPage } from './not-found-page';
import { UnitTreePage } from './org/unit-tree-page';
import { UserListPage } from './org/user-list-page';
import { CompliancePage } from './oversight/compliance-page';
import { SupervisionPage } from './oversight/supervision-page';
import { RecordAmendPage } from './records/record-amend-page';
import { RecordDetailPage } from './records/record-detail-page';
import { RecordEditPage } from './records/record-edit-page';
import { RecordListPage } from './records/record-list-page';
import { ReferralDetailPage } from './referrals/referral-detail-page';
import { ReferralListPage } from './referrals/referral-list-page';
import { ReferralNewPage } from './referrals/referral-new-page';
import { ReportPage } from './reports/report-page';
import { ReportsPage } from './reports/reports-page';
import { RulesPage } from './rules/rules-page';
import { ChangePasswordPage } from './session/change-password-page';
import {
  HomeRedirect,
  RequirePage,
  RequirePasswordChanged,
  RequireSignIn,
} from './session/route-guards';
import { SignInPage } from './session/sign-in-page';
import { SettingsPage } from './settings/settings-page';

// The analysis page carries ECharts: a chunk of its own, fetched when first opened.
const AnalysisPage = lazy(() => import('./analysis/analysis-page'));

const guarded = (page: PageKey, element: ReactNode) => (
  <RequirePage page={page}>{element}</RequirePage>
);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route element={<RequireSignIn />}>
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route element={<RequirePasswordChanged />}>
          <Route
            path="/reports/:unit/:period/print/:form"
            element={guarded('reports', <PrintPage />)}
          />
          <Route element={<AppShell />}>
            <Route index element={<HomeRedirect />} />
            <Route path="/home" element={guarded('home', <WorkbenchPage />)} />
            <Route path="/records" element={guarded('records', <RecordListPage />)} />
            <Route path="/records/new" element={guarded('records', <RecordEditPage />)} />
            <Route path="/records/:id" element={guarded('records', <RecordDetailPage />)} />
            <Route path="/records/:id/edit" element={guarded('records', <RecordEditPage />)} />
            <Route path="/records/:id/amend" element={guarded('records', <RecordAmendPage />)} />
            <Route path="/imports" element={guarded('imports', <ImportPage />)} />
            <Route path="/reports" element={guarded('reports', <ReportsPage />)} />
            <Route path="/reports/:unit/:period" element={guarded('reports', <ReportPage />)} />
            <Route path="/annual" element={guarded('annual', <AnnualPage />)} />
            <Route path="/compliance" element={guarded('compliance', <CompliancePage />)} />
            <Route path="/supervision" element={guarded('supervision', <SupervisionPage />)} />
            <Route path="/referrals" element={guarded('referrals', <ReferralListPage />)} />
            <Route path="/referrals/new" element={guarded('referrals', <ReferralNewPage />)} />
            <Route path="/referrals/:id" element={guarded('referrals', <ReferralDetailPage />)} />
            <Route
              path="/analysis"
              element={guarded(
                'analysis',
                <Suspense fallback={null}>
                  <AnalysisPage />
                </Suspense>,
              )}
            />
            <Route path="/units" element={guarded('units', <UnitTreePage />)} />
            <Route path="/users" element={guarded('users', <UserListPage />)} />
            <Route path="/rules" element={guarded('rules', <RulesPage />)} />
            <Route path="/settings" element={guarded('settings', <SettingsPage />)} />
            <Route path="/audit" element={guarded('audit', <AuditTrailPage />)} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
