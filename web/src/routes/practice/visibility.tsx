import type { StaffPractice, StaffSessionResponse } from '@gpbook/shared/staff-session';
import { todayInLondon } from '@gpbook/shared/time';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary } from '../../components/error-summary';
import { useDocumentTitle } from '../../lib/document-title';
import {
  consumerOptionsQueryOptions,
  visibilityQueryOptions,
} from '../../features/practice/api/practice-queries';
import { PracticeErrorPanel } from '../../features/practice/components/practice-error';
import { VisibilityForm } from '../../features/practice/components/visibility-form';
import { VisibilityResults } from '../../features/practice/components/visibility-results';
import {
  consumerKeys,
  readVisibilitySearch,
  visibilitySearchErrors,
  visibilitySearchParams,
} from '../../features/practice/lib/visibility-search';
import { useQueryParams } from '../../lib/query-params';

/** "What would they see?" for one practice: the choices in the address, the answer below them. */
export function VisibilityPage({ practice }: { session: StaffSessionResponse; practice: StaffPractice }) {
  const params = useQueryParams();
  const navigate = useNavigate();
  const search = readVisibilitySearch(params, todayInLondon());
  const errors = visibilitySearchErrors(search);
  const keys = consumerKeys(search);
  const query = useQuery({
    ...visibilityQueryOptions(practice.odsCode, search, keys),
    enabled: errors.length === 0,
  });
  const options = useQuery(consumerOptionsQueryOptions(practice.odsCode));
  const searchText = visibilitySearchParams(search).toString();
  useDocumentTitle('What would they see? – Practice view', errors.length > 0);
  return (
    <>
      <BackLink to="/practice">Your practices</BackLink>
      <ErrorSummary errors={errors} />
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>What would they see?</h1>
      <p>
        We search your appointment book as each booking service would, and show the free slots each of them
        would be offered.
      </p>
      <VisibilityForm
        key={params.toString()}
        action={`/practice/${practice.odsCode}`}
        initial={search}
        offered={options.data?.consumers ?? []}
        errors={errors}
        onSearch={(next) => void navigate({ search: `?${visibilitySearchParams(next).toString()}` })}
      />
      {practice.canChangeRules ? (
        <p>
          <Link to={`/practice/${practice.odsCode}/rules?${searchText}`}>Change the rules</Link>
        </p>
      ) : null}
      <div>
        {errors.length > 0 ? null : query.isPending ? (
          <p className="nhsuk-body" role="status">
            Searching your appointment book…
          </p>
        ) : query.isError ? (
          <PracticeErrorPanel error={query.error} />
        ) : (
          <VisibilityResults answer={query.data} back={searchText} />
        )}
      </div>
    </>
  );
}
