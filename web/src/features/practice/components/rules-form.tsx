import { deliveryChannelDisplay, roleGroupDisplay } from '@gpbook/shared/codes';
import type { PracticeRules, RulesResponse } from '@gpbook/shared/practice-view';
import { useState, type FormEvent } from 'react';
import type { FormError } from '../../../components/error-summary';
import { ErrorMessage } from '../../../components/form/error-message';
import { TextInput } from '../../../components/form/text-input';
import {
  fieldError,
  readRulesDraft,
  ruleFieldIds,
  rulesDraft,
  scheduleName,
  sessionWords,
  type DurationDraft,
  type DurationUnit,
  withNewProfile,
  withoutProfile,
  type RulesDraft,
} from '../lib/rules-form';
import { CheckboxesField, NumberField, SelectField, YesNoField } from './form-fields';

const unitOptions: ReadonlyArray<{ value: DurationUnit; label: string }> = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/** An embargo: an amount and its unit side by side (sent as minutes); one label, hint and error for both. */
function EmbargoField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  value: DurationDraft;
  onChange: (value: DurationDraft) => void;
  error?: string | undefined;
}) {
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={hintId}>
        {hint}
      </div>
      {error && errorId ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      <div className="app-practice-duration">
        <input
          className={`nhsuk-input nhsuk-input--width-4${error ? ' nhsuk-input--error' : ''}`}
          id={id}
          name={id}
          type="text"
          inputMode="numeric"
          spellCheck={false}
          value={value.amount}
          onChange={(event) => onChange({ ...value, amount: event.target.value })}
          aria-describedby={describedBy}
        />
        <label className="nhsuk-u-visually-hidden" htmlFor={`${id}-unit`}>
          {label}: unit
        </label>
        <select
          className="nhsuk-select"
          id={`${id}-unit`}
          name={`${id}-unit`}
          value={value.unit}
          onChange={(event) => onChange({ ...value, unit: event.target.value as DurationUnit })}
        >
          {unitOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * The practice's availability rules as a form: open-access terms, each access profile's terms, and each schedule's
 * role, bookable flag, access profiles and sessions (channel, bookable, access profiles). Checked here first
 * (readRulesDraft); what the provider still refuses comes back as `errors` from the page.
 */
export function RulesForm({
  response,
  errors,
  pending,
  onInvalid,
  onSave,
}: {
  response: RulesResponse;
  errors: readonly FormError[];
  pending: boolean;
  onInvalid: (errors: FormError[]) => void;
  onSave: (rules: PracticeRules) => void;
}) {
  const { context } = response;
  const [draft, setDraft] = useState<RulesDraft>(() => rulesDraft(response.rules));
  const error = (id: string) => fieldError(errors, id);
  const profileOptions = draft.accessProfiles.map((profile) => ({
    value: profile.id,
    label: profile.description.trim() || profile.id,
  }));
  const roleOptions = context.roles.map((role) => ({
    value: role.code,
    label: `${role.display} (${roleGroupDisplay[role.group]})`,
  }));
  const channelOptions = context.deliveryChannels.map((channel) => ({
    value: channel.code,
    label: channel.display || deliveryChannelDisplay[channel.code],
  }));

  const update = (change: (draft: RulesDraft) => RulesDraft) => setDraft((current) => change(current));
  const setProfile = (index: number, patch: Partial<RulesDraft['accessProfiles'][number]>) =>
    update((current) => ({
      ...current,
      accessProfiles: current.accessProfiles.map((profile, i) =>
        i === index ? { ...profile, ...patch } : profile,
      ),
    }));
  const setSchedule = (index: number, patch: Partial<RulesDraft['schedules'][number]>) =>
    update((current) => ({
      ...current,
      schedules: current.schedules.map((schedule, i) => (i === index ? { ...schedule, ...patch } : schedule)),
    }));
  const setSession = (
    index: number,
    sessionIndex: number,
    patch: Partial<RulesDraft['schedules'][number]['sessions'][number]>,
  ) =>
    update((current) => ({
      ...current,
      schedules: current.schedules.map((schedule, i) =>
        i === index
          ? {
              ...schedule,
              sessions: schedule.sessions.map((session, j) =>
                j === sessionIndex ? { ...session, ...patch } : session,
              ),
            }
          : schedule,
      ),
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readRulesDraft(draft, context);
    if (read.rules) onSave(read.rules);
    else onInvalid(read.errors);
  };

  return (
    <form onSubmit={submit} noValidate className="app-practice-rules">
      <h2 id="open-access">Open access</h2>
      <p>The terms for slots with no access profile: any booking service may be offered them.</p>
      <NumberField
        id={ruleFieldIds.openAccessWindow}
        label="Booking window"
        hint="Slots further ahead than this are not offered. Leave empty for no limit."
        suffix="days"
        value={draft.openAccess.bookingWindowDays}
        onChange={(bookingWindowDays) =>
          update((current) => ({ ...current, openAccess: { ...current.openAccess, bookingWindowDays } }))
        }
        error={error(ruleFieldIds.openAccessWindow)}
      />
      <EmbargoField
        id={ruleFieldIds.openAccessEmbargo}
        label="Embargo"
        hint="Slots starting sooner than this are not offered. Leave empty or enter 0 for no embargo."
        value={draft.openAccess.embargo}
        onChange={(embargo) =>
          update((current) => ({ ...current, openAccess: { ...current.openAccess, embargo } }))
        }
        error={error(ruleFieldIds.openAccessEmbargo)}
      />

      <h2 id="access-profiles">Access profiles</h2>
      <p>
        An access profile keeps slots for some booking services only, with its own terms. Schedules and
        sessions below say which profiles apply to them.
      </p>
      {draft.accessProfiles.length === 0 ? <p>This practice has no access profiles.</p> : null}
      {draft.accessProfiles.map((profile, index) => {
        const id = (field: Parameters<typeof ruleFieldIds.profile>[1]) => ruleFieldIds.profile(index, field);
        return (
          <fieldset className="nhsuk-fieldset app-practice-group" key={profile.id}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h3 className="nhsuk-fieldset__heading">{profile.description.trim() || profile.id}</h3>
            </legend>
            <TextInput
              id={id('description')}
              label="Name"
              value={profile.description}
              onChange={(description) => setProfile(index, { description })}
              error={error(id('description'))}
            />
            <CheckboxesField
              id={id('orgTypes')}
              legend="Organisation types let in"
              options={context.organisationTypes.map((type) => ({ value: type.code, label: type.display }))}
              values={profile.orgTypes}
              onChange={(orgTypes) => setProfile(index, { orgTypes })}
              error={error(id('orgTypes'))}
            />
            <TextInput
              id={id('odsCodes')}
              label="ODS codes let in"
              hint="Organisations let in whatever their type, separated by commas, like B82005, Y90100"
              value={profile.odsCodes}
              onChange={(odsCodes) => setProfile(index, { odsCodes })}
              error={error(id('odsCodes'))}
              widthClass="nhsuk-input--width-20"
            />
            <NumberField
              id={id('window')}
              label="Booking window"
              hint="Leave empty for no limit."
              suffix="days"
              value={profile.bookingWindowDays}
              onChange={(bookingWindowDays) => setProfile(index, { bookingWindowDays })}
              error={error(id('window'))}
            />
            <EmbargoField
              id={id('embargo')}
              label="Embargo"
              hint="Slots starting sooner than this are not offered under this profile. Leave empty or enter 0 for no embargo."
              value={profile.embargo}
              onChange={(embargo) => setProfile(index, { embargo })}
              error={error(id('embargo'))}
            />
            <NumberField
              id={id('limit')}
              label="Limit of slots"
              hint="How many future appointments booking services using this profile may hold at once. Leave empty for no limit."
              suffix="slots"
              value={profile.maxBookedSlots}
              onChange={(maxBookedSlots) => setProfile(index, { maxBookedSlots })}
              error={error(id('limit'))}
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => update((current) => withoutProfile(current, profile.id))}
            >
              Remove this access profile
              <span className="nhsuk-u-visually-hidden">: {profile.description.trim() || profile.id}</span>
            </button>
          </fieldset>
        );
      })}
      <p>
        Removing a profile takes it off every schedule and session that names it: their slots then follow
        their other profiles, or the open-access terms. Appointments already booked do not change.
      </p>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => update(withNewProfile)}
      >
        Add an access profile
      </button>

      <h2 id="schedules">Schedules</h2>
      <p>
        Who runs each schedule, whether it can be booked online, and how each session’s appointments take
        place.
      </p>
      {draft.schedules.map((schedule, index) => {
        const name = scheduleName(context, index, schedule.id);
        const site = context.schedules[index]?.site.name;
        return (
          <fieldset className="nhsuk-fieldset app-practice-group" key={schedule.id}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h3 className="nhsuk-fieldset__heading">{name}</h3>
            </legend>
            {site ? <p className="nhsuk-hint">{site}</p> : null}
            <SelectField
              id={ruleFieldIds.schedule(index, 'role')}
              label="Practitioner role"
              options={roleOptions}
              value={schedule.role}
              placeholder={
                roleOptions.some((role) => role.value === schedule.role) ? undefined : 'Choose a role'
              }
              onChange={(role) => setSchedule(index, { role })}
              error={error(ruleFieldIds.schedule(index, 'role'))}
            />
            <YesNoField
              id={ruleFieldIds.schedule(index, 'bookable')}
              legend="Bookable online"
              value={schedule.bookable}
              onChange={(bookable) => setSchedule(index, { bookable })}
            />
            {profileOptions.length > 0 ? (
              <CheckboxesField
                id={ruleFieldIds.schedule(index, 'profiles')}
                legend="Access profiles for every session"
                hint="None ticked: open access."
                options={profileOptions}
                values={schedule.accessProfiles}
                onChange={(accessProfiles) => setSchedule(index, { accessProfiles })}
                error={error(ruleFieldIds.schedule(index, 'profiles'))}
              />
            ) : null}
            {schedule.sessions.map((session, sessionIndex) => {
              const id = (field: Parameters<typeof ruleFieldIds.session>[2]) =>
                ruleFieldIds.session(index, sessionIndex, field);
              return (
                <fieldset className="nhsuk-fieldset app-practice-session" key={sessionIndex}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                    Session: {sessionWords(session)}
                  </legend>
                  <SelectField
                    id={id('channel')}
                    label="Delivery channel"
                    options={channelOptions}
                    value={session.deliveryChannel}
                    placeholder={session.deliveryChannel === '' ? 'Choose a channel' : undefined}
                    onChange={(deliveryChannel) => setSession(index, sessionIndex, { deliveryChannel })}
                    error={error(id('channel'))}
                  />
                  <YesNoField
                    id={id('bookable')}
                    legend="Bookable online"
                    value={session.bookable}
                    onChange={(bookable) => setSession(index, sessionIndex, { bookable })}
                  />
                  {profileOptions.length > 0 ? (
                    <CheckboxesField
                      id={id('profiles')}
                      legend="Access profiles for this session"
                      options={profileOptions}
                      values={session.accessProfiles}
                      onChange={(accessProfiles) => setSession(index, sessionIndex, { accessProfiles })}
                      error={error(id('profiles'))}
                    />
                  ) : null}
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
      <button className="nhsuk-button" type="submit" disabled={pending}>
        {pending ? 'Saving the rules…' : 'Save the rules'}
      </button>
    </form>
  );
}
