import { deliveryChannelDisplay, deliveryChannels, type DeliveryChannel } from '@gpbook/shared/codes';
import { useNavigate } from 'react-router';
import { ChoiceStep } from '../../features/booking/components/choice-step';
import { nextPath, previousPath, needsRedirect } from '../../features/booking/lib/booking-steps';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';

const hints: Record<DeliveryChannel, string> = {
  'in-person': 'At the GP surgery',
  telephone: 'The surgery will phone you',
  video: 'On your phone, tablet or computer',
};

const options = deliveryChannels.map((channel) => ({
  value: channel,
  label: deliveryChannelDisplay[channel],
  hint: hints[channel],
}));

/** How the patient wants the appointment: in person, by phone or by video call. */
export function HowStepRoute() {
  const { flow, choices } = useBookingFlow();
  const navigate = useNavigate();
  if (needsRedirect(flow, 'how', choices)) return <StepRedirect flow={flow} step="how" choices={choices} />;
  return (
    <ChoiceStep
      name="channel"
      question="How do you want to have the appointment?"
      options={options}
      initial={choices.channel}
      errorText="Select how you want to have the appointment"
      back={previousPath(flow, 'how', choices)}
      onContinue={(channel) => void navigate(nextPath(flow, 'how', { ...choices, channel, slot: undefined }))}
    />
  );
}
