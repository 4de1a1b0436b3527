import type { Slot } from '@gpbook/shared/slots';
import { formatLondonCalendarDate } from '@gpbook/shared/time';
import { useDeferredValue, useMemo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorPanel } from '../../components/error-panel';
import { OfflineReason } from '../../components/offline-reason';
import { useBookingDraft } from '../../features/booking/components/booking-draft-context';
import {
  earlierFrom,
  laterFrom,
  nextPath,
  previousPath,
  slotWindow,
  stepPath,
  type BookingChoices,
  type BookingFlow,
  needsRedirect,
} from '../../features/booking/lib/booking-steps';
import { usePractices } from '../../features/practices/api/get-practices';
import { useLondonToday } from '../../features/session/london-today';
import { PracticePhone } from '../../features/practices/components/practice-phone';
import { useSlots } from '../../features/slots/api/get-slots';
import { DayList } from '../../features/slots/components/day-list';
import { SlotFiltersForm, type SlotListChoice } from '../../features/slots/components/slot-filters-form';
import { SlotPicker } from '../../features/slots/components/slot-picker';
import {
  clinicianChoices,
  filterSlotDays,
  hasSlotFilters,
  type SlotFilters,
} from '../../features/slots/lib/slot-filters';
import { channelPhrase, roleGroupText } from '../../lib/describe';
import { inSentence, rolePerson, shortCalendarDate } from '../../lib/describe-details';
import { timeOfDayDisplay } from '../../lib/time-of-day';
import { useDocumentTitle } from '../../lib/document-title';
import { useOnlineStatus } from '../../lib/online-status';
import { ApiError } from '../../lib/api-client';
import { MovingAppointment } from './moving-appointment';
import { StepRedirect } from './step-redirect';
import { useBookingFlow } from './use-booking-flow';
import { usePractice } from './use-practice';
import { WarningCallout } from '../../components/warning-callout';

/** Set in navigation state by the check page when the practice answered 409 `slot_taken`. */
export interface SlotsPageState {
  slotTaken?: boolean;
}

function DateWindowNav({
  flow,
  choices,
  from,
  to,
  today,
}: {
  flow: BookingFlow;
  choices: BookingChoices;
  from: string;
  to: string;
  today: string;
}) {
  const earlier = earlierFrom(from, today);
  const later = laterFrom(to);
  const laterWindow = slotWindow(later, today);
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Dates">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {earlier !== undefined ? (
          <li className="nhsuk-pagination-item--previous">
            <Link
              className="nhsuk-pagination__link nhsuk-pagination__link--prev"
              to={stepPath(flow, 'slots', { ...choices, from: earlier, day: undefined, slot: undefined })}
              rel="prev"
            >
              <span className="nhsuk-pagination__title">Show earlier dates</span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">
                {shortCalendarDate(earlier)} to {shortCalendarDate(slotWindow(earlier, today).to)}
              </span>
            </Link>
          </li>
        ) : null}
        <li className="nhsuk-pagination-item--next">
          <Link
            className="nhsuk-pagination__link nhsuk-pagination__link--next"
            to={stepPath(flow, 'slots', { ...choices, from: later, day: undefined, slot: undefined })}
            rel="next"
          >
            <span className="nhsuk-pagination__title">Show later dates</span>
            <span className="nhsuk-u-visually-hidden">:</span>
            <span className="nhsuk-pagination__page">
              {shortCalendarDate(laterWindow.from)} to {shortCalendarDate(laterWindow.to)}
            </span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/**
 * Why no times can be shown. The BFF checks the patient can be booked at the practice before it searches, so
 * this is where the patient hears they cannot book at it online (`practice_cannot_book`: choose another practice,
 * or phone) or that their own practice could not find their record (`patient_not_found`: phone it).
 */
function SlotsError({
  error,
  flow,
  choices,
}: {
  error: unknown;
  flow: BookingFlow;
  choices: BookingChoices;
}) {
  const practice = usePractice(choices.practice);
  const registered = usePractices().data?.registered;
  const code = error instanceof ApiError ? error.code : undefined;
  const choosePractice =
    flow.kind === 'book' && flow.practiceStep
      ? stepPath(flow, 'practice', { ...choices, slot: undefined, from: undefined, location: undefined })
      : undefined;
  if (code === 'practice_cannot_book') {
    return (
      <WarningCallout alert title="This GP surgery cannot book appointments for you online">
        <p>
          {practice ? `You cannot book at ${practice.name}` : 'You cannot book at this GP surgery'} through
          this service.
        </p>
        <p>You could:</p>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {choosePractice ? (
            <li>
              <Link to={choosePractice}>choose another GP surgery</Link>
            </li>
          ) : null}
          <li>{practice ? <PracticePhone practice={practice} prefix="phone" /> : 'phone the surgery'}</li>
        </ul>
      </WarningCallout>
    );
  }
  if (code === 'patient_not_found') {
    return (
      <WarningCallout alert title="Your GP surgery could not find your record">
        <p>We cannot book an appointment for you online until your GP surgery has checked your details.</p>
        <p>
          {registered ? <PracticePhone practice={registered} prefix="Phone" /> : 'Phone your GP surgery'} to
          check they have your up-to-date details.
        </p>
      </WarningCallout>
    );
  }
  return (
    <>
      <ErrorPanel error={error} />
      {practice ? (
        <p className="nhsuk-body">
          <PracticePhone practice={practice} prefix="To book now, phone" />.
        </p>
      ) : null}
    </>
  );
}

/** Free slots for the chosen practice, type and channel, two weeks at a time: a day first, then its times. */
export function SlotsStepRoute() {
  const { flow, choices } = useBookingFlow();
  const navigate = useNavigate();
  const location = useLocation();
  const { update } = useBookingDraft();
  const online = useOnlineStatus();
  const practice = usePractice(choices.practice);
  const practices = usePractices();
  const today = useLondonToday();
  const range = slotWindow(choices.from, today);
  const redirect = needsRedirect(flow, 'slots', choices);
  const slots = useSlots(
    redirect || !choices.practice
      ? undefined
      : {
          practice: choices.practice,
          from: range.from,
          to: range.to,
          role: choices.role,
          channel: choices.channel,
          location: choices.location,
        },
  );
  // Another surgery's times are on their way: the previous ones are not for choosing.
  const arrived = !(slots.isPending || slots.isPlaceholderData);
  // The list is drawn as a background render (React yields to the browser as it goes), so a long list of times
  // does not hold up the page in one long task.
  const answer = useDeferredValue(arrived ? slots.data : undefined);
  const loading = answer === undefined && !slots.isError;
  const allDays = answer?.days;
  const { time, clinician, gender } = choices;
  const filters = useMemo<SlotFilters>(() => ({ time, clinician, gender }), [time, clinician, gender]);
  const days = useMemo(() => filterSlotDays(allDays ?? [], filters), [allDays, filters]);
  const clinicians = useMemo(() => clinicianChoices(allDays ?? []), [allDays]);
  const slotTaken = (location.state as SlotsPageState | null)?.slotTaken === true;
  const title = flow.kind === 'reschedule' ? 'Choose a new time' : 'Choose a time';
  useDocumentTitle(title, slotTaken);
  // The surgeries' arrival is a synchronous update (TanStack Query's store): the page is then drawn as a background
  // render, in slices, rather than in the same task as that update with its commit and effects, one long task
  // (Total Blocking Time, decision 0082). Where they are already held, the page is drawn at once.
  const practicesIn = useDeferredValue(!practices.isPending);
  if (redirect) return <StepRedirect flow={flow} step="slots" choices={choices} />;
  // The page starts with the surgery's name: drawn without it, the page would move down when it came.
  if (!practicesIn) return <BackLink to={previousPath(flow, 'slots', choices)} />;

  const kind = choices.role ? roleGroupText[choices.role] : 'All';
  const how = choices.channel ? channelPhrase[choices.channel] : '';
  const forWindow = { ...choices, from: range.from, slot: undefined };
  // Another type or way of having the appointment may not be offered at the surgery or by the clinician chosen.
  const forOtherChoice = { ...forWindow, location: undefined, clinician: undefined };
  const unfiltered = {
    ...forWindow,
    location: undefined,
    time: undefined,
    clinician: undefined,
    gender: undefined,
  };
  // Where a telephone or video appointment is "held" means nothing to the patient; for in person it matters.
  const locations = choices.channel === 'in-person' ? (answer?.locations ?? []) : [];
  const place = locations.find((candidate) => candidate.id === choices.location);
  const filterByPlace = locations.length > 1 || choices.location !== undefined;
  const showPlace = locations.length > 1 && place === undefined;
  const person = rolePerson(choices.role);
  const apply = ({ location: chosenPlace, filters: chosen }: SlotListChoice) =>
    void navigate(
      stepPath(flow, 'slots', {
        ...forWindow,
        location: chosenPlace,
        time: chosen.time,
        clinician: chosen.clinician,
        gender: chosen.gender,
      }),
    );
  const choose = (slot: Slot) => {
    update({ slot });
    void navigate(nextPath(flow, 'slots', { ...forWindow, slot: slot.id }));
  };
  const count = days.reduce((total, day) => total + day.slots.length, 0);
  const dates = `${shortCalendarDate(range.from)} to ${shortCalendarDate(range.to)}`;
  // The day asked for in the address, while it is in the window; else the first day with times.
  const asked =
    choices.day !== undefined
      ? days.find((day) => day.date === choices.day)
      : days.find((day) => day.slots.length > 0);
  const filtered = hasSlotFilters(filters);

  return (
    <>
      <BackLink to={previousPath(flow, 'slots', choices)} />
      {slotTaken ? (
        <div className="nhsuk-error-summary" tabIndex={-1} data-autofocus>
          <div role="alert">
            <h2 className="nhsuk-error-summary__heading">Sorry, that appointment has just been taken</h2>
            <div className="nhsuk-error-summary__body">
              <p>
                Someone else booked it before you. Choose another time from the list below, which is up to
                date.
              </p>
            </div>
          </div>
        </div>
      ) : null}
      <h1>{title}</h1>
      {flow.kind === 'reschedule' ? <MovingAppointment id={flow.appointmentId} /> : null}
      <p className="nhsuk-body">
        {kind} appointments {how}
        {place ? ` at ${place.name}` : practice ? ` at ${practice.name}` : ''}, {dates}.
      </p>
      <ul className="nhsuk-list app-change-links">
        <li>
          <Link to={stepPath(flow, 'type', forOtherChoice)}>Change the type of appointment</Link>
        </li>
        <li>
          <Link to={stepPath(flow, 'how', forOtherChoice)}>Change how you have the appointment</Link>
        </li>
      </ul>
      {answer ? (
        <SlotFiltersForm
          key={`${choices.location ?? ''}|${time ?? ''}|${clinician ?? ''}|${gender ?? ''}`}
          locations={filterByPlace ? locations : []}
          current={{ location: place?.id ?? choices.location, filters }}
          clinicians={clinicians}
          person={person}
          onApply={apply}
          clearTo={stepPath(flow, 'slots', unfiltered)}
        />
      ) : null}
      {filtered ? (
        <p className="nhsuk-body app-filter-summary">
          Showing {filterSummary(filters, person)}.{' '}
          <Link to={stepPath(flow, 'slots', unfiltered)}>Clear filters</Link>
        </p>
      ) : null}
      {!online ? <OfflineReason action="book an appointment" /> : null}
      {loading ? (
        <p className="nhsuk-body" role="status">
          Finding free appointments…
        </p>
      ) : slots.isError ? (
        <SlotsError error={slots.error} flow={flow} choices={choices} />
      ) : count === 0 ? (
        <NoSlots
          flow={flow}
          choices={choices}
          kind={kind}
          how={how}
          dates={dates}
          placeName={place?.name}
          filtered={filtered}
          unfiltered={unfiltered}
          forOtherChoice={forOtherChoice}
          laterFrom={laterFrom(range.to)}
        />
      ) : (
        <>
          <p className="nhsuk-body" role="status">
            {count} free {count === 1 ? 'time' : 'times'} from {dates}. Choose a day, then a time.
          </p>
          <h2 className="nhsuk-heading-m">Choose a day</h2>
          <DayList
            days={days}
            selected={asked?.date ?? choices.day}
            hrefFor={(day) => stepPath(flow, 'slots', { ...forWindow, day })}
          />
          {asked && asked.slots.length > 0 ? (
            <SlotPicker
              key={asked.date}
              day={asked}
              onChoose={choose}
              disabled={!online}
              describedBy={online ? undefined : 'offline-reason'}
              showLocation={showPlace}
              autoFocus={choices.day !== undefined}
            />
          ) : choices.day !== undefined ? (
            <p className="nhsuk-body" data-autofocus tabIndex={-1}>
              There are no {filtered ? 'times that match your filters' : 'free times'} on{' '}
              {formatLondonCalendarDate(choices.day)}. Choose another day.
            </p>
          ) : null}
        </>
      )}
      {/* Shown once the list is in, so it does not jump down the page when the times arrive. */}
      {answer ? (
        <DateWindowNav flow={flow} choices={forWindow} from={range.from} to={range.to} today={today} />
      ) : null}
    </>
  );
}

/** "morning times with a female GP", "times with Dr Amelia Hart". */
function filterSummary(filters: SlotFilters, person: string): string {
  const times = filters.time ? `${timeOfDayDisplay[filters.time].toLowerCase()} times` : 'times';
  const who = filters.clinician
    ? ` with ${filters.clinician}`
    : filters.gender
      ? ` with a ${filters.gender} ${person}`
      : '';
  return `only ${times}${who}`;
}

/** Nothing free in the window (or nothing that passes the filters), and what the patient could do instead. */
function NoSlots({
  flow,
  choices,
  kind,
  how,
  dates,
  placeName,
  filtered,
  unfiltered,
  forOtherChoice,
  laterFrom: later,
}: {
  flow: BookingFlow;
  choices: BookingChoices;
  kind: string;
  how: string;
  dates: string;
  placeName: string | undefined;
  filtered: boolean;
  unfiltered: BookingChoices;
  forOtherChoice: BookingChoices;
  laterFrom: string;
}) {
  const practice = usePractice(choices.practice);
  return (
    <div className="app-no-slots">
      <h2 className="nhsuk-heading-m">
        {filtered
          ? 'There are no times that match your filters on these dates'
          : 'There are no free appointments on these dates'}
      </h2>
      {filtered ? null : (
        <p className="nhsuk-body">
          There are no {kind === 'All' ? '' : `${inSentence(kind)} `}appointments {how} free
          {choices.location !== undefined ? ` at ${placeName ?? 'the surgery you chose'}` : ''} from {dates}.
        </p>
      )}
      <p className="nhsuk-body">You could:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {filtered ? (
          <li>
            <Link to={stepPath(flow, 'slots', unfiltered)}>clear the filters</Link>
          </li>
        ) : choices.location !== undefined ? (
          <li>
            <Link
              to={stepPath(flow, 'slots', {
                ...choices,
                location: undefined,
                day: undefined,
                slot: undefined,
              })}
            >
              look at all surgeries
            </Link>
          </li>
        ) : null}
        <li>
          <Link to={stepPath(flow, 'slots', { ...choices, from: later, day: undefined, slot: undefined })}>
            look at later dates
          </Link>
        </li>
        <li>
          <Link to={stepPath(flow, 'type', forOtherChoice)}>choose another type of appointment</Link>
        </li>
        <li>
          <Link to={stepPath(flow, 'how', forOtherChoice)}>choose another way to have the appointment</Link>
        </li>
        {practice ? (
          <li>
            <PracticePhone practice={practice} prefix="phone" />
          </li>
        ) : null}
      </ul>
    </div>
  );
}
