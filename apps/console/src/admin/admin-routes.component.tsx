import { Navigate, Route, Routes } from 'react-router';
import { adminSectionPaths } from './admin-sections';
import { BrandsPage } from './brands/brands.page';
import { CalendarsPage } from './calendars/calendars.page';
import { CannedAnswersPage } from './canned/canned-answers.page';
import { OutOfHoursPage } from './out-of-hours/out-of-hours.page';
import { RoutingPage } from './routing/routing.page';
import { SlaPoliciesPage } from './sla/sla-policies.page';
import { UsersPage } from './users/users.page';

/** The administration pages under `/admin` (a default export: loaded lazily by the shell). */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to={adminSectionPaths.users} replace />} />
      <Route path={adminSectionPaths.users} element={<UsersPage />} />
      <Route path={adminSectionPaths.brands} element={<BrandsPage />} />
      <Route path={adminSectionPaths.calendars} element={<CalendarsPage />} />
      <Route path={adminSectionPaths.sla} element={<SlaPoliciesPage />} />
      <Route path={adminSectionPaths.routing} element={<RoutingPage />} />
      <Route path={adminSectionPaths.cannedAnswers} element={<CannedAnswersPage />} />
      <Route path={adminSectionPaths.outOfHours} element={<OutOfHoursPage />} />
      <Route path="*" element={<Navigate to={adminSectionPaths.users} replace />} />
    </Routes>
  );
}
