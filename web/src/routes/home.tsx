import type { AppointmentsResponse } from '@gpbook/shared/appointments';
import type { PracticesResponse } from '@gpbook/shared/practices';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { OfflineReason } from '../components/offline-reason';
import { useAppointments } from '../features/appointments/api/get-appointments';
import { AppointmentList } from '../features/appointments/components/appointment-list';
import { usePractices } from '../features/practices/api/get-practices';
import { PracticeSummary } from '../features/practices/components/practice-summary';
import { useOwner } from '../features/session/api/get-owner';
import { useSession, type SessionState } from '../features/session/api/get-session';
import { StartPage } from '../features/session/components/start-page';
import { SavedAt } from '../components/saved-at';
import { failureSource, isPatientNotFound } from '../lib/api-client';
import { readAppointments } from '../lib/appointments-cache';
import { useDocumentTitle } from '../lib/document-title';
import { useOnlineStatus } from '../lib/online-status';

/** Home: the start page when signed out; otherwise the patient's upcoming appointments and a way to book. */
export function HomeRoute() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.data?.status === 'signed-out') return <StartPage />;
  if (session.data?.status === 'signed-in') return <SignedInHome state={session.data} />;
  // We could not ask who is signed in: offline, or the service is down. Show the copy kept on the device.
  return <OfflineHome error={session.error} />;
}

/** Until we know whether the patient is signed in: nothing to see (so nothing jumps), but said to screen readers. */
function Loading() {
  useDocumentTitle('Book a GP appointment');
  return (
    <p className="nhsuk-u-visually-hidden" role="status">
      Loading…
    </p>
  );
}

function LoadingAppointments() {
  return (
    <p className="nhsuk-body" role="status">
      Loading your appointments…
    </p>
  );
}

const partial = () => import('./home-partial');
const MissingPractices = lazy(() => partial().then((m) => ({ default: m.MissingPractices })));
const NoRecordAtSurgery = lazy(() => partial().then((m) => ({ default: m.NoRecordAtSurgery })));

function BookButton({ online }: { online: boolean }) {
  if (online) {
    return (
      <Link className="nhsuk-button" to="/book" draggable="false">
        Book an appointment
      </Link>
    );
  }
  return (
    <>
      <button type="button" className="nhsuk-button" disabled aria-describedby="offline-reason">
        Book an appointment
      </button>
      <OfflineReason action="book an appointment" />
    </>
  );
}

/**
 * Upcoming appointments are the booked ones; cancelled ones (still in the future, so still listed by the practice)
 * follow in their own section, so a cancelled time is never read as one to turn up to.
 */
function AppointmentsSection({
  response,
  practices,
}: {
  response: AppointmentsResponse;
  practices?: PracticesResponse | undefined;
}) {
  const booked = response.appointments.filter((appointment) => appointment.status === 'booked');
  const cancelled = response.appointments.filter((appointment) => appointment.status === 'cancelled');
  return (
    <>
      <h2 className="nhsuk-heading-m">Upcoming appointments</h2>
      {response.unavailable.length > 0 ? (
        <MissingPractices
          unavailable={response.unavailable}
          practices={practices}
          noneBooked={booked.length === 0}
        />
      ) : booked.length === 0 ? (
        <p className="nhsuk-body">You have no upcoming appointments.</p>
      ) : null}
      {booked.length > 0 ? <AppointmentList appointments={booked} /> : null}
      <p className="nhsuk-body nhsuk-u-secondary-text-colour">{response.note}</p>
      {cancelled.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Cancelled appointments</h2>
          <AppointmentList appointments={cancelled} />
        </>
      ) : null}
    </>
  );
}

function SignedInHome({ state }: { state: SessionState }) {
  useDocumentTitle('Your appointments');
  const online = useOnlineStatus();
  const owner = useOwner(state);
  const appointments = useAppointments(owner);
  const practices = usePractices();
  const registered = practices.data?.registered;
  // The surgery will not book for this patient: nothing to show or book here, and a copy from before would mislead.
  const noRecord = isPatientNotFound(appointments.error);
  const cached = !noRecord && (!online || appointments.isError) ? readAppointments(owner) : undefined;
  const response = appointments.data ?? cached?.response;
  if (noRecord) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Your appointments</h1>
          {/* The notice and the surgery below it show together, once the notice's words are there. */}
          <Suspense fallback={null}>
            <NoRecordAtSurgery practice={registered} />
            {registered ? (
              <>
                <h2 className="nhsuk-heading-m">Your GP surgery</h2>
                <PracticeSummary practice={registered} headingLevel={3} />
              </>
            ) : null}
          </Suspense>
        </div>
      </div>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Your appointments</h1>
        <BookButton online={online} />
        {appointments.isError && !(cached && !online) ? (
          <ErrorPanel error={appointments.error}>
            {registered?.phone && failureSource(appointments.error) !== 'answered' ? (
              <p>
                {registered.name}’s phone number is{' '}
                <a href={`tel:${registered.phone.replaceAll(' ', '')}`}>{registered.phone}</a>.
              </p>
            ) : null}
          </ErrorPanel>
        ) : null}
        {cached && !appointments.data ? (
          <SavedAt savedAt={cached.savedAt} what="list" offline={!online} />
        ) : null}
        {response ? (
          <Suspense fallback={<LoadingAppointments />}>
            <AppointmentsSection response={response} practices={practices.data} />
          </Suspense>
        ) : appointments.isPending ? (
          <LoadingAppointments />
        ) : null}
        {/* Below the list once it is there (or known not to come): drawn under "Loading…", it would move down when
            the list replaced that line (a layout shift), as the surgery often answers first. */}
        {registered && (response || !appointments.isPending) ? (
          <>
            <h2 className="nhsuk-heading-m">Your GP surgery</h2>
            <PracticeSummary practice={registered} headingLevel={3} />
          </>
        ) : null}
      </div>
    </div>
  );
}

/**
 * We could not find out who is signed in: the device is offline, or our service is not answering (which is said
 * as such, never as "you are offline"). The copy kept on the device shows either way.
 */
function OfflineHome({ error }: { error: unknown }) {
  useDocumentTitle('Your appointments');
  const online = useOnlineStatus();
  const cached = readAppointments();
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Your appointments</h1>
        {online ? <ErrorPanel error={error} /> : <BookButton online={false} />}
        {cached ? (
          <>
            <SavedAt savedAt={cached.savedAt} what="list" offline={!online} />
            <Suspense fallback={null}>
              <AppointmentsSection response={cached.response} />
            </Suspense>
          </>
        ) : (
          <p className="nhsuk-body">
            {online
              ? 'Your appointments will show here when this service is working again.'
              : 'Your appointments will show here when you’re back online.'}
          </p>
        )}
      </div>
    </div>
  );
}
