import { roleGroups, type RoleGroup } from '@gpbook/shared/codes';
import { useNavigate } from 'react-router';
import { ChoiceStep } from '../../features/booking/components/choice-step';
import { nextPath, previousPath, needsRedirect } from '../../features/booking/lib/booking-steps';
import { roleGroupText } from '../../lib/describe';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';

const hints: Partial<Record<RoleGroup, string>> = {
  gp: 'For new or ongoing health problems',
  nurse: 'For example, dressings, vaccinations, smear tests or long-term condition reviews',
  pharmacist: 'For questions about your medicines',
  'healthcare-assistant': 'For example, blood pressure checks or health checks',
  phlebotomist: 'If a GP or nurse has asked you to have a blood test',
};

const options = roleGroups.map((group) => ({
  value: group,
  label: roleGroupText[group],
  hint: hints[group],
}));

/** Who the patient wants to see: a role group. */
export function TypeStepRoute() {
  const { flow, choices } = useBookingFlow();
  const navigate = useNavigate();
  if (needsRedirect(flow, 'type', choices)) return <StepRedirect flow={flow} step="type" choices={choices} />;
  return (
    <ChoiceStep
      name="role"
      question={
        flow.kind === 'reschedule'
          ? 'What type of appointment do you want instead?'
          : 'What type of appointment do you need?'
      }
      options={options}
      initial={choices.role}
      errorText="Select the type of appointment you need"
      back={previousPath(flow, 'type', choices)}
      onContinue={(role) => void navigate(nextPath(flow, 'type', { ...choices, role, slot: undefined }))}
    />
  );
}
