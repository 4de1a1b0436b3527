import type { Appointment } from '@gpbook/shared/appointments';
import type { ReactNode } from 'react';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { useAppointment } from '../../features/appointments/api/get-appointment';
import { useDocumentTitle } from '../../lib/document-title';

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
  children: (appointment: Appointment) => ReactNode;
}) {
  const appointment = useAppointment(id);
  useDocumentTitle(title, appointment.isError);
  if (appointment.data) return <>{children(appointment.data)}</>;
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
