import type { Appointment } from '@gpbook/shared/appointments';
import { deliveryChannelDisplay } from '@gpbook/shared/codes';
import { formatAddress } from '@gpbook/shared/practices';
import type { ReactNode } from 'react';
import { whenText } from '../../../lib/describe';
import { durationText, whoText } from '../../../lib/describe-details';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** Everything the patient needs to turn up (or be ready for the call): an NHS.UK summary list. */
export function AppointmentSummary({ appointment }: { appointment: Appointment }) {
  return (
    <dl className="nhsuk-summary-list">
      <Row label="Date and time">{whenText(appointment.start)}</Row>
      <Row label="Length">{durationText(appointment.durationMinutes)}</Row>
      <Row label="Who with">{whoText(appointment.practitioner, appointment.role)}</Row>
      <Row label="How">{deliveryChannelDisplay[appointment.channel]}</Row>
      {appointment.channel === 'telephone' && appointment.phone ? (
        <Row label="Number to call you on">{appointment.phone}</Row>
      ) : null}
      <Row label="GP surgery">{appointment.practice.name}</Row>
      {appointment.channel === 'in-person' ? (
        <Row label="Where">
          {appointment.location.name}
          <br />
          {formatAddress(appointment.location.address)}
        </Row>
      ) : null}
      <Row label="Reason">{appointment.description || 'Not given'}</Row>
      {appointment.comment ? <Row label="Extra information">{appointment.comment}</Row> : null}
      {appointment.status === 'cancelled' && appointment.cancellationReason ? (
        <Row label="Why it was cancelled">{appointment.cancellationReason}</Row>
      ) : null}
    </dl>
  );
}
