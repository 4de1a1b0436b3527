import { Navigate } from 'react-router';
import { useSession } from '../features/session/api/get-session';
import { StartPage } from '../features/session/components/start-page';
import { safePath } from '../features/session/sign-in-path';
import { useQueryParams } from '../lib/query-params';

/** `/sign-in?returnTo=…`: sign in (again), then carry on where the patient was. */
export function SignInRoute() {
  const params = useQueryParams();
  const returnTo = safePath(params.get('returnTo'));
  const session = useSession();
  if (session.data?.status === 'signed-in') return <Navigate to={returnTo} replace />;
  return <StartPage returnTo={returnTo} />;
}
