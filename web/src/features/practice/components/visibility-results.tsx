import { deliveryChannelDisplay, roleGroupDisplay, roleGroups } from '@gpbook/shared/codes';
import type { ConsumerVisibility, VisibilityResponse } from '@gpbook/shared/practice-view';
import { formatLondonCalendarDate } from '@gpbook/shared/time';
import { Link } from 'react-router';
import { consumerName } from '../lib/difference';
import { whyPath } from '../lib/paths';
import { dayLabel, failureWords } from '../lib/words';
import { ResponsiveTable } from './responsive-table';
import { WarningCallout } from '../../../components/warning-callout';

type OkConsumer = Extract<ConsumerVisibility, { status: 'ok' }>;

const count = (value: number) => value.toLocaleString('en-GB');

/**
 * The answer to "what would they see?": free slots per day for each booking service side by side, each count a
 * link to the slots behind it; totals; a breakdown by kind of appointment and channel; and any search that
 * failed, with the reason in words.
 */
export function VisibilityResults({
  answer,
  back,
}: {
  answer: VisibilityResponse;
  /** The summary's own search, so the drill-down can come back to it. */
  back: string;
}) {
  const ods = answer.practice.odsCode;
  const ok = answer.consumers.filter((consumer): consumer is OkConsumer => consumer.status === 'ok');
  const failed = answer.consumers.filter((consumer) => consumer.status === 'failed');
  const names = ok.map((consumer) => consumerName(consumer.consumer));
  const range =
    answer.start === answer.end
      ? formatLondonCalendarDate(answer.start)
      : `${formatLondonCalendarDate(answer.start)} to ${formatLondonCalendarDate(answer.end)}`;
  return (
    <>
      {failed.length > 0 ? (
        <WarningCallout title="Some searches did not work" alert>
          <ul>
            {failed.map((consumer) =>
              consumer.status === 'failed' ? (
                <li key={consumer.consumer.key}>
                  {consumerName(consumer.consumer)}: we could not find out, because{' '}
                  {failureWords[consumer.reason]} ({consumer.message}).
                </li>
              ) : null,
            )}
          </ul>
        </WarningCallout>
      ) : null}
      {ok.length > 0 ? (
        <>
          <h2>Free slots each day</h2>
          <p>
            {range}. Choose a number to see every slot in the diary that day and why it is or is not offered.
          </p>
          <ResponsiveTable
            caption="Free slots each booking service would be offered, by day"
            headers={['Day', ...names]}
            rows={(ok[0]?.days ?? []).map((day, dayIndex) => ({
              key: day.date,
              cells: [
                { content: dayLabel(day.date), rowHeader: true },
                ...ok.map((consumer, index) => {
                  const value = consumer.days[dayIndex]?.total ?? 0;
                  return {
                    numeric: true,
                    content: (
                      <Link to={whyPath(ods, consumer.consumer.key, day.date, day.date, back)}>
                        {count(value)}
                        <span className="nhsuk-u-visually-hidden">
                          {' '}
                          {value === 1 ? 'slot' : 'slots'} for {names[index]} on {dayLabel(day.date)}: see why
                        </span>
                      </Link>
                    ),
                  };
                }),
              ],
            }))}
            foot={{
              key: 'total',
              cells: [
                { content: 'Total', rowHeader: true },
                ...ok.map((consumer) => ({ numeric: true, content: count(consumer.totals.total) })),
              ],
            }}
          />
          <h2>By kind of appointment</h2>
          <ResponsiveTable
            caption="Free slots over the whole range, by practitioner role and by how the appointment takes place"
            headers={['Kind', ...names]}
            rows={[
              ...roleGroups
                .filter((role) =>
                  ok.some((consumer) => consumer.totals.byRole.some((entry) => entry.group === role)),
                )
                .map((role) => ({
                  key: `role-${role}`,
                  cells: [
                    { content: roleGroupDisplay[role], rowHeader: true },
                    ...ok.map((consumer) => ({
                      numeric: true,
                      content: count(
                        consumer.totals.byRole.find((entry) => entry.group === role)?.count ?? 0,
                      ),
                    })),
                  ],
                })),
              ...(['in-person', 'telephone', 'video'] as const)
                .filter((channel) =>
                  ok.some((consumer) => consumer.totals.byChannel.some((entry) => entry.channel === channel)),
                )
                .map((channel) => ({
                  key: `channel-${channel}`,
                  cells: [
                    { content: deliveryChannelDisplay[channel], rowHeader: true },
                    ...ok.map((consumer) => ({
                      numeric: true,
                      content: count(
                        consumer.totals.byChannel.find((entry) => entry.channel === channel)?.count ?? 0,
                      ),
                    })),
                  ],
                })),
            ]}
          />
        </>
      ) : null}
    </>
  );
}
