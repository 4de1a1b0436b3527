import { staffRoleDisplay, type StaffSessionResponse } from '@gpbook/shared/staff-session';
import { Link } from 'react-router';
import { SummaryRow } from '../../components/summary-row';
import { useDocumentTitle } from '../../lib/document-title';

/** Signed in: who they are, in which role, and their practices with what they may do at each. */
export function PracticeHome({ session }: { session: StaffSessionResponse }) {
  useDocumentTitle('Your practices – Practice view');
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Your practices</h1>
        <dl className="nhsuk-summary-list">
          <SummaryRow label="Signed in as">{session.user.displayName}</SummaryRow>
          <SummaryRow label="Role">{staffRoleDisplay[session.role]}</SummaryRow>
        </dl>
        <p>
          See which appointments each booking service would be offered in your appointment book, and why a
          slot is not offered.
        </p>
        <ul className="nhsuk-list app-practice-practices">
          {session.practices.map((practice) => (
            <li key={practice.odsCode} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  {practice.name} ({practice.odsCode})
                </h2>
                <p className="nhsuk-body-s">Your role: {staffRoleDisplay[practice.role]}</p>
                <ul className="nhsuk-list">
                  <li>
                    <Link to={`/practice/${practice.odsCode}`}>
                      What would they see?<span className="nhsuk-u-visually-hidden"> at {practice.name}</span>
                    </Link>
                  </li>
                  <li>
                    <Link to={`/practice/${practice.odsCode}/rules`}>
                      {practice.canChangeRules ? 'Change the rules' : 'See the rules and who changed them'}
                      <span className="nhsuk-u-visually-hidden"> at {practice.name}</span>
                    </Link>
                  </li>
                </ul>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
