import { Navigate } from 'react-router';
import {
  missingStep,
  startPath,
  stepPath,
  type BookingChoices,
  type BookingFlow,
  type BookingStep,
} from '../../features/booking/lib/booking-steps';

/** Sends the patient to the first earlier step they skipped (a bookmarked or edited address), or renders nothing. */
export function StepRedirect({
  flow,
  step,
  choices,
}: {
  flow: BookingFlow;
  step: BookingStep;
  choices: BookingChoices;
}) {
  const missing = missingStep(flow, step, choices);
  if (missing === undefined) return null;
  return <Navigate to={missing === 'start' ? startPath(flow) : stepPath(flow, missing, choices)} replace />;
}
