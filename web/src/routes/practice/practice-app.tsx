import '../../features/practice/components/practice.css';
import type { StaffSessionResponse } from '@gpbook/shared/staff-session';
import { Link, useParams, useRoutes } from 'react-router';
import { useRouteFocus } from '../../app/route-focus';
import { useStaffSession } from '../../features/practice/api/staff-session';
import { PracticeErrorPanel } from '../../features/practice/components/practice-error';
import { PracticeLayout } from '../../features/practice/components/practice-layout';
import { StaffTimeoutWarning } from '../../features/practice/components/staff-timeout-warning';
import { StaffSignInPage } from '../../features/practice/components/staff-sign-in';
import { useDocumentTitle } from '../../lib/document-title';
import { PracticeHome } from './home';
import { RulesPage } from './rules';
import { VisibilityPage } from './visibility';
import { WhyPage } from './why';

function PracticeNotFound() {
  useDocumentTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/practice">Go to the practice view</Link>
      </p>
    </>
  );
}

/** A page about one practice, shown only when the staff session may act for it (the BFF checks it again). */
function ForPractice({
  session,
  page: Page,
}: {
  session: StaffSessionResponse;
  page: typeof VisibilityPage;
}) {
  const { ods = '' } = useParams();
  const practice = session.practices.find((candidate) => candidate.odsCode === ods);
  if (!practice)
    return (
      <>
        <h1>You cannot see this practice</h1>
        <p>Your sign-in does not give you a role at the practice with ODS code {ods}.</p>
        <p>
          <Link to="/practice">Choose one of your practices</Link>
        </p>
      </>
    );
  return <Page session={session} practice={practice} />;
}

/**
 * The practice view's pages, as route objects (`useRoutes`) rather than `<Routes>` elements: the same matching,
 * without `createRoutesFromChildren`, which would otherwise be in the patient app's first download with the rest of
 * React Router (decision 0080).
 */
function PracticePages({ session }: { session: StaffSessionResponse }) {
  return useRoutes([
    { index: true, element: <PracticeHome session={session} /> },
    { path: ':ods', element: <ForPractice session={session} page={VisibilityPage} /> },
    { path: ':ods/why', element: <ForPractice session={session} page={WhyPage} /> },
    { path: ':ods/rules', element: <ForPractice session={session} page={RulesPage} /> },
    { path: '*', element: <PracticeNotFound /> },
  ]);
}

/**
 * The practice view (issue 14) under `/practice`: loaded only when someone opens it, with its own frame and the
 * staff session (never the patient's). Signed out, every address shows staff sign-in.
 */
export function PracticeApp() {
  useRouteFocus();
  const state = useStaffSession();
  const session = state.data?.status === 'signed-in' ? state.data.session : undefined;
  return (
    <PracticeLayout session={session}>
      {state.isPending ? (
        <p className="nhsuk-body">Loading…</p>
      ) : state.isError ? (
        <>
          <h1>Practice view</h1>
          <PracticeErrorPanel error={state.error} />
        </>
      ) : !session ? (
        <StaffSignInPage why={state.data.status === 'signed-out' ? state.data.why : 'not-signed-in'} />
      ) : (
        <>
          <StaffTimeoutWarning state={state.data} />
          <PracticePages session={session} />
        </>
      )}
    </PracticeLayout>
  );
}
