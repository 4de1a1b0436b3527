import type { Appointment } from '@gpbook/shared/appointments';
import type { ReactNode } from 'react';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { readAppointments } from '../../lib/appointments-cache';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';

/** Loads the appointment `id`, with a heading and back link while it loads or when it cannot be loaded. */
export function WithAppointment({
  id,
  title,
  back,
  children,
}: {
  id: string;
  title: string;
  back: string;
  /** `savedAt` is set when the appointment comes from the copy kept on the device (offline). */
  children: (appointment: Appointment, savedAt?: string) => ReactNode;
}) {
  const appointment = useAppointment(id);
  const online = useOnlineStatus();
  // Offline, the copy of the list kept on the device has this appointment as it was when the list was fetched.
  const cached = appointment.isError && !online ? readAppointments() : undefined;
  const copy = cached?.response.appointments.find((candidate) => candidate.id === id);
  useDocumentTitle(title, appointment.isError && !copy);
  if (appointment.data) return <>{children(appointment.data)}</>;
  if (cached && copy) return <>{children(copy, cached.savedAt)}</>;
  return (
    <>
      <BackLink to={back} />
      <h1>{title}</h1>
      {appointment.isError ? (
        <ErrorPanel error={appointment.error} />
      ) : (
        <p className="nhsuk-body" role="status">
          Loading your appointment…
        </p>
      )}
    </>
  );
}
