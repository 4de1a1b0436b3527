import { useAppointment } from '../../features/appointments/api/get-appointment';
import { appointmentKind, channelPhrase, whenText } from '../../lib/describe';

/**
 * At the top of the times when moving an appointment: which one is being moved, and that it stays booked until
 * the new one is (the new one is booked first, decision 0005).
 */
export function MovingAppointment({ id }: { id: string }) {
  const appointment = useAppointment(id);
  if (!appointment.data) return null;
  const { start, role, channel, practitioner, practice } = appointment.data;
  return (
    <div className="nhsuk-inset-text app-moving-appointment">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h2 className="nhsuk-heading-s">The appointment you are changing</h2>
      <p>
        {whenText(start)}
        <br />
        {appointmentKind(role)}, {channelPhrase[channel]}
        {practitioner ? ` with ${practitioner.name}` : ''}
        <br />
        {practice.name}
      </p>
      <p>It stays booked until your new appointment is booked.</p>
    </div>
  );
}
