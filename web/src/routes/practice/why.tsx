import {
  type ExplanationReason,
  type ExplanationsResponse,
  type RulesResponse,
  type SlotExplanation,
  type VisibleSlot,
} from '@gpbook/shared/practice-view';
import { deliveryChannelDisplay } from '@gpbook/shared/codes';
import type { StaffPractice, StaffSessionResponse } from '@gpbook/shared/staff-session';
import { formatLondonCalendarDate, formatLondonTime, londonDateOf } from '@gpbook/shared/time';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { BackLink } from '../../components/back-link';
import { SummaryRow } from '../../components/summary-row';
import { useDocumentTitle } from '../../lib/document-title';
import {
  explanationsQueryOptions,
  rulesQueryOptions,
  visibilityQueryOptions,
} from '../../features/practice/api/practice-queries';
import { PracticeApiError } from '../../features/practice/api/practice-request';
import { PracticeErrorPanel } from '../../features/practice/components/practice-error';
import { ResponsiveTable } from '../../features/practice/components/responsive-table';
import { consumerInSentence } from '../../features/practice/lib/difference';
import { reasonHelp, reasonTag, type ReasonHelpContext } from '../../features/practice/lib/reason-help';
import { readConsumerKey, visibilitySearchErrors } from '../../features/practice/lib/visibility-search';
import { explanationReasons } from '@gpbook/shared/practice-view';
import { useQueryParams } from '../../lib/query-params';

function rangeWords(start: string, end: string): string {
  return start === end
    ? formatLondonCalendarDate(start)
    : `${formatLondonCalendarDate(start)} to ${formatLondonCalendarDate(end)}`;
}

function timeWords(slot: { start: string; end: string }): string {
  return `${formatLondonTime(slot.start)} to ${formatLondonTime(slot.end)}`;
}

/** Slots in groups of one list each: by day, then by schedule (a clinician's session), in time order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<{ key: string; items: T[] }> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups].map(([groupKey, groupItems]) => ({ key: groupKey, items: groupItems }));
}

function OfferedTag({ slot }: { slot: SlotExplanation }) {
  if (slot.offered) return <strong className="nhsuk-tag nhsuk-tag--green">Offered</strong>;
  const reason = slot.reason ?? 'not-bookable';
  return (
    <strong className="nhsuk-tag nhsuk-tag--grey">Not offered: {reasonTag[reason].toLowerCase()}</strong>
  );
}

/** Every distinct reason (and profile behind it) on the page, with how many slots it hides and its help. */
function ReasonsSummary({
  slots,
  help,
  rulesLink,
}: {
  slots: readonly SlotExplanation[];
  help: ReasonHelpContext;
  rulesLink: string | undefined;
}) {
  const hidden = slots.filter((slot) => !slot.offered && slot.reason !== undefined);
  const groups = groupBy(hidden, (slot) => `${slot.reason ?? ''}|${slot.detail?.profileId ?? ''}`).sort(
    (a, b) =>
      explanationReasons.indexOf(a.items[0]?.reason as ExplanationReason) -
        explanationReasons.indexOf(b.items[0]?.reason as ExplanationReason) ||
      b.items.length - a.items.length,
  );
  if (groups.length === 0) return <p>Every slot in the diary in these dates is offered.</p>;
  return (
    <>
      <h2>Why slots are not offered</h2>
      <dl className="nhsuk-summary-list">
        {groups.map((group) => {
          const first = group.items[0];
          if (!first?.reason) return null;
          const words = reasonHelp(first.reason, first, help);
          const label = `${words.title}: ${group.items.length} ${group.items.length === 1 ? 'slot' : 'slots'}`;
          return (
            <SummaryRow key={group.key} label={label}>
              {words.text}
            </SummaryRow>
          );
        })}
      </dl>
      {rulesLink ? (
        <p>
          <Link to={rulesLink}>Change the rules</Link>
        </p>
      ) : null}
    </>
  );
}

function ExplainedSlots({
  answer,
  rules,
  onlyHidden,
}: {
  answer: ExplanationsResponse;
  rules: RulesResponse | undefined;
  onlyHidden: boolean;
}) {
  const shown = onlyHidden ? answer.slots.filter((slot) => !slot.offered) : answer.slots;
  const names = new Map(
    (rules?.context.schedules ?? []).map((schedule) => [
      schedule.id,
      `${schedule.practitioner ? `${schedule.practitioner.name}: ` : ''}${schedule.scheduleType}`,
    ]),
  );
  const days = groupBy(shown, (slot) => londonDateOf(slot.start));
  if (days.length === 0)
    return (
      <p>
        {onlyHidden ? 'No slot in these dates is hidden.' : 'There are no slots in the diary in these dates.'}
      </p>
    );
  return (
    <>
      {days.map((day) => (
        <section key={day.key}>
          <h2>{formatLondonCalendarDate(day.key)}</h2>
          {groupBy(day.items, (slot) => slot.scheduleId).map((group) => {
            const first = group.items[0];
            const title =
              names.get(group.key) ??
              ([first?.practitioner?.name, first?.role?.display].filter(Boolean).join(': ') || group.key);
            const offered = group.items.filter((slot) => slot.offered).length;
            return (
              <div key={group.key} className="app-practice-slot-table">
                <h3>{title}</h3>
                <p className="nhsuk-hint">
                  {first?.site.name}. {offered} of {group.items.length}{' '}
                  {group.items.length === 1 ? 'slot' : 'slots'} shown here offered.
                </p>
                <ResponsiveTable
                  caption={
                    <span className="nhsuk-u-visually-hidden">
                      {title}, {formatLondonCalendarDate(day.key)}
                    </span>
                  }
                  headers={['Time', 'Appointment', 'Offered?']}
                  rows={group.items.map((slot) => ({
                    key: slot.id,
                    cells: [
                      { content: timeWords(slot), rowHeader: true },
                      {
                        content: [
                          slot.role?.display ?? 'No role',
                          slot.channel ? deliveryChannelDisplay[slot.channel].toLowerCase() : 'no channel',
                          slot.status === 'busy' ? 'booked' : undefined,
                        ]
                          .filter(Boolean)
                          .join(', '),
                      },
                      { content: <OfferedTag slot={slot} /> },
                    ],
                  }))}
                />
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}

/** With a provider that gives no explanations: what the consumer is offered, from the slot search itself. */
function VisibleOnly({ slots }: { slots: readonly VisibleSlot[] }) {
  if (slots.length === 0) return <p>They would be offered no slots in these dates.</p>;
  return (
    <ResponsiveTable
      caption="Slots they would be offered"
      headers={['When', 'Appointment', 'Where']}
      rows={slots.map((slot) => ({
        key: slot.id,
        cells: [
          {
            content: `${formatLondonCalendarDate(londonDateOf(slot.start))}, ${timeWords(slot)}`,
            rowHeader: true,
          },
          {
            content: `${slot.practitioner ? `${slot.practitioner.name}, ` : ''}${slot.role.display}, ${deliveryChannelDisplay[slot.channel].toLowerCase()}`,
          },
          { content: slot.site.name },
        ],
      }))}
    />
  );
}

/**
 * "Why not?": every slot in the diary over a day (or range) for one booking service, whether it would be offered
 * and why not, with help that says which setting to change. With a provider that cannot explain, what the booking
 * service sees.
 */
export function WhyPage({ practice }: { session: StaffSessionResponse; practice: StaffPractice }) {
  const params = useQueryParams();
  const start = params.get('start') ?? '';
  const end = params.get('end') ?? start;
  const consumer = readConsumerKey(params.get('consumer'));
  const back = params.get('back') ?? '';
  const onlyHidden = params.get('show') === 'hidden';
  const valid =
    consumer !== undefined &&
    visibilitySearchErrors({ start, end, consumers: ['app'], ods: '', odsType: 'none' }).length === 0;
  const range = { start, end };
  const explanations = useQuery({
    ...explanationsQueryOptions(practice.odsCode, range, consumer ?? 'app'),
    enabled: valid,
  });
  const notSupported =
    explanations.error instanceof PracticeApiError && explanations.error.code === 'not_supported';
  const rules = useQuery({ ...rulesQueryOptions(practice.odsCode), enabled: valid && !notSupported });
  const visible = useQuery({
    ...visibilityQueryOptions(practice.odsCode, range, [consumer ?? 'app']),
    enabled: valid && notSupported,
  });
  useDocumentTitle('Why not? – Practice view');
  const backTo = `/practice/${practice.odsCode}${back ? `?${back}` : ''}`;
  if (!valid)
    return (
      <>
        <BackLink to={backTo}>Back to what they would see</BackLink>
        <h1>We cannot show these slots</h1>
        <p>The dates or booking service in the address are not ones we can search.</p>
      </>
    );
  const name = explanations.data ? consumerInSentence(explanations.data.consumer) : undefined;
  const toggle = new URLSearchParams(params);
  if (onlyHidden) toggle.delete('show');
  else toggle.set('show', 'hidden');
  const help: ReasonHelpContext | undefined = explanations.data
    ? {
        consumer: explanations.data.consumer,
        rules: rules.data?.rules,
        canChangeRules: practice.canChangeRules,
      }
    : undefined;
  const rulesLink = practice.canChangeRules
    ? `/practice/${practice.odsCode}/rules${back ? `?${back}` : ''}`
    : undefined;
  const offered = explanations.data?.slots.filter((slot) => slot.offered).length ?? 0;
  return (
    <>
      <BackLink to={backTo}>Back to what they would see</BackLink>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>{name ? `What ${name} would see, and why not` : 'Why not?'}</h1>
      <p>{rangeWords(start, end)}</p>
      {explanations.isPending ? (
        <p className="nhsuk-body" role="status">
          Looking through your appointment book…
        </p>
      ) : notSupported ? (
        <>
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              Only available with the reference provider: this practice’s clinical system does not say why a
              slot is not offered. Below is what this booking service is offered; check the slot settings in
              the clinical system for the rest.
            </p>
          </div>
          {visible.isPending ? (
            <p role="status">Searching your appointment book…</p>
          ) : visible.isError ? (
            <PracticeErrorPanel error={visible.error} />
          ) : visible.data.consumers[0]?.status === 'ok' ? (
            <VisibleOnly slots={visible.data.consumers[0].slots} />
          ) : (
            <PracticeErrorPanel error={new PracticeApiError(502, 'practice_error', 'search failed')} />
          )}
        </>
      ) : explanations.isError ? (
        <PracticeErrorPanel error={explanations.error} />
      ) : (
        <>
          <dl className="nhsuk-summary-list">
            <SummaryRow label="Booking service">{explanations.data.consumer.label}</SummaryRow>
            <SummaryRow label="Slots in the diary">{explanations.data.slots.length}</SummaryRow>
            <SummaryRow label="Offered to them">{offered}</SummaryRow>
          </dl>
          {help ? <ReasonsSummary slots={explanations.data.slots} help={help} rulesLink={rulesLink} /> : null}
          <p>
            <Link to={{ search: `?${toggle.toString()}` }}>
              {onlyHidden ? 'Show every slot' : 'Show only the slots not offered'}
            </Link>
          </p>
          <ExplainedSlots answer={explanations.data} rules={rules.data} onlyHidden={onlyHidden} />
        </>
      )}
    </>
  );
}
