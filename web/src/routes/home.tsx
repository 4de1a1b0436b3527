import type { AppointmentsResponse } from '@gpbook/shared/appointments';
import type { Practice, PracticesResponse, UnavailablePractice } from '@gpbook/shared/practices';
import { Link } from 'react-router';
import { ErrorPanel } from '../components/error-panel';
import { OfflineReason } from '../components/offline-reason';
import { useAppointments } from '../features/appointments/api/get-appointments';
import { AppointmentList } from '../features/appointments/components/appointment-list';
import { usePractices } from '../features/practices/api/get-practices';
import { PracticePhone } from '../features/practices/components/practice-phone';
import { PracticeSummary } from '../features/practices/components/practice-summary';
import { useOwner } from '../features/session/api/get-owner';
import { useSession, type SessionState } from '../features/session/api/get-session';
import { StartPage } from '../features/session/components/start-page';
import { SavedAt } from '../components/saved-at';
import { failureSource, isPatientNotFound } from '../lib/api-client';
import { readAppointments } from '../lib/appointments-cache';
import { useDocumentTitle } from '../lib/document-title';
import { unavailableReasonText } from '../lib/unavailable-reason';
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

/** "A", "A or B", "A, B or C". */
function orList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/** Practices whose systems did not answer this time: their appointments are missing from the list, and we say so. */
function MissingPractices({ unavailable }: { unavailable: readonly UnavailablePractice[] }) {
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Some of your appointments may not be shown
        </span>
      </h3>
      {unavailable.map((practice) => (
        <p key={practice.odsCode}>
          We could not get your appointments from {practice.name}: {unavailableReasonText(practice.reason)}.
          Any appointments you have there are not shown here. Try again later.
        </p>
      ))}
    </div>
  );
}

/**
 * An empty list, said only as far as it is known: with a practice missing, "no appointments" holds only at the
 * practices that answered (named when we know them).
 */
function NoAppointments({
  unavailable,
  practices,
}: {
  unavailable: readonly UnavailablePractice[];
  practices: PracticesResponse | undefined;
}) {
  if (unavailable.length === 0) return <p className="nhsuk-body">You have no upcoming appointments.</p>;
  const missing = new Set(unavailable.map((practice) => practice.odsCode));
  const known = practices ? [practices.registered, ...practices.federation, ...practices.unavailable] : [];
  const answered = [
    ...new Map(
      known
        .filter((practice) => !missing.has(practice.odsCode))
        .map((practice) => [practice.odsCode, practice.name]),
    ).values(),
  ];
  return (
    <p className="nhsuk-body">
      {answered.length > 0
        ? `You have no upcoming appointments at ${orList(answered)}.`
        : 'You have no upcoming appointments at the GP surgeries that answered.'}
    </p>
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
      {response.unavailable.length > 0 ? <MissingPractices unavailable={response.unavailable} /> : null}
      {booked.length === 0 ? (
        <NoAppointments unavailable={response.unavailable} practices={practices} />
      ) : (
        <AppointmentList appointments={booked} />
      )}
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

/**
 * The patient's own surgery has no record it will book for (403 `patient_not_found` on the list): said here, at
 * the start, with the surgery's number, rather than at the last step of a booking; no way to book is offered.
 */
function NoRecordAtSurgery({ practice }: { practice: Practice | undefined }) {
  return (
    <div className="nhsuk-warning-callout">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Your GP surgery cannot find your record
        </span>
      </h2>
      <p>
        You cannot see or book appointments online until {practice ? practice.name : 'your GP surgery'} has
        checked your details.
      </p>
      <p>
        {practice ? <PracticePhone practice={practice} prefix="Phone" /> : 'Phone your GP surgery'} to check
        they have your up-to-date details, or to book an appointment.
      </p>
    </div>
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
          <NoRecordAtSurgery practice={registered} />
          {registered ? (
            <>
              <h2 className="nhsuk-heading-m">Your GP surgery</h2>
              <PracticeSummary practice={registered} headingLevel={3} />
            </>
          ) : null}
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
          <AppointmentsSection response={response} practices={practices.data} />
        ) : appointments.isPending ? (
          <p className="nhsuk-body" role="status">
            Loading your appointments…
          </p>
        ) : null}
        {registered ? (
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
            <AppointmentsSection response={cached.response} />
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
