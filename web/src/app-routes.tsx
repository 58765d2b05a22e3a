/** The routes of the app and the guards in front of them. */
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppShell } from './app-shell';
import { AuditTrailPage } from './audit/audit-trail-page';
import { PrintPage } from './documents/print-page';
import { WorkbenchPage } from './home/workbench-page';
import { ImportPage } from './imports/import-page';
import type { PageKey } from './navigation';
import { NotFoundPage } from './not-found-page';
import { UnitTreePage } from './org/unit-tree-page';
import { UserListPage } from './org/user-list-page';
import { RecordAmendPage } from './records/record-amend-page';
import { RecordDetailPage } from './records/record-detail-page';
import { RecordEditPage } from './records/record-edit-page';
import { RecordListPage } from './records/record-list-page';
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
