import { formatAddress, type Practice } from '@gpbook/shared/practices';

/** The practice's name, address and phone number, as on the practice's own letters. */
export function PracticeSummary({
  practice,
  headingLevel = 2,
}: {
  practice: Practice;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading nhsuk-heading-m">{practice.name}</Heading>
        <p className="nhsuk-card__description app-practice-address">{formatAddress(practice.address)}</p>
        {practice.phone ? (
          <p className="nhsuk-card__description nhsuk-u-margin-top-2">
            Phone: <a href={`tel:${practice.phone.replaceAll(' ', '')}`}>{practice.phone}</a>
          </p>
        ) : null}
      </div>
    </div>
  );
}
