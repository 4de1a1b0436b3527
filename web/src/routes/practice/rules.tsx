import type { PracticeRules, VisibilityResponse } from '@gpbook/shared/practice-view';
import type { StaffPractice, StaffSessionResponse } from '@gpbook/shared/staff-session';
import { todayInLondon } from '@gpbook/shared/time';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { BackLink } from '../../components/back-link';
import { ErrorSummary, type FormError } from '../../components/error-summary';
import { useDocumentTitle } from '../../lib/document-title';
import {
  auditQueryOptions,
  getVisibility,
  putRules,
  rulesQueryOptions,
} from '../../features/practice/api/practice-queries';
import { PracticeApiError } from '../../features/practice/api/practice-request';
import { PRACTICE_QUERY_ROOT } from '../../features/practice/api/staff-session';
import { AuditList } from '../../features/practice/components/audit-list';
import { DifferenceSummary } from '../../features/practice/components/difference-summary';
import { PracticeErrorPanel } from '../../features/practice/components/practice-error';
import { RulesForm } from '../../features/practice/components/rules-form';
import { visibilityDifference, type ConsumerDifference } from '../../features/practice/lib/difference';
import { ruleIssueError, rulesDraft } from '../../features/practice/lib/rules-form';
import {
  consumerKeys,
  readVisibilitySearch,
  visibilitySearchErrors,
  visibilitySearchParams,
} from '../../features/practice/lib/visibility-search';
import { useQueryParams } from '../../lib/query-params';

/** What happened to the last save, for what the page says above the form. */
type Outcome =
  | { kind: 'saved'; differences: ConsumerDifference[] | undefined; searchText: string }
  | { kind: 'conflict' }
  | { kind: 'invalid'; errors: FormError[] };

/**
 * Change the rules (reference provider only; practice managers): the form, saved with If-Match; on success the
 * effect at once (what each booking service saw just before against just after, for the same dates and services
 * as the summary the manager came from); on 412 the current rules with a word on why; on 422 the provider's
 * problems in words. Then the last changes and who made them.
 */
export function RulesPage({ session, practice }: { session: StaffSessionResponse; practice: StaffPractice }) {
  const queryClient = useQueryClient();
  const params = useQueryParams();
  const parsed = readVisibilitySearch(params, todayInLondon());
  const search =
    visibilitySearchErrors(parsed).length === 0
      ? parsed
      : readVisibilitySearch(new URLSearchParams(), todayInLondon());
  const searchText = visibilitySearchParams(search).toString();
  const rules = useQuery(rulesQueryOptions(practice.odsCode));
  const audit = useQuery({ ...auditQueryOptions(practice.odsCode), enabled: rules.isSuccess });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [localErrors, setLocalErrors] = useState<FormError[]>([]);
  const banner = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: async ({ version, next }: { version: number; next: PracticeRules }) => {
      const keys = consumerKeys(search);
      const before: VisibilityResponse | undefined = await getVisibility(
        practice.odsCode,
        search,
        keys,
      ).catch(() => undefined);
      const saved = await putRules(practice.odsCode, version, next, session.csrfToken);
      const after: VisibilityResponse | undefined = await getVisibility(practice.odsCode, search, keys).catch(
        () => undefined,
      );
      return { saved, before, after };
    },
    onSuccess: ({ saved, before, after }) => {
      queryClient.setQueryData(rulesQueryOptions(practice.odsCode).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: [PRACTICE_QUERY_ROOT, practice.odsCode] });
      setLocalErrors([]);
      setOutcome({
        kind: 'saved',
        differences: before && after ? visibilityDifference(before, after) : undefined,
        searchText,
      });
    },
    onError: async (error) => {
      setLocalErrors([]);
      if (error instanceof PracticeApiError && error.code === 'version_conflict') {
        await queryClient.refetchQueries({ queryKey: rulesQueryOptions(practice.odsCode).queryKey });
        setOutcome({ kind: 'conflict' });
        return;
      }
      const current = rules.data;
      if (error instanceof PracticeApiError && error.code === 'invalid_rules' && current) {
        const draft = rulesDraft(current.rules);
        const errors = error.issues.map((issue) => ruleIssueError(issue, draft, current.context));
        setOutcome({
          kind: 'invalid',
          errors: errors.length > 0 ? errors : [{ text: 'The practice’s system did not accept these rules' }],
        });
      }
    },
  });

  useEffect(() => {
    if (outcome?.kind === 'saved') banner.current?.focus();
  }, [outcome]);

  const formErrors = localErrors.length > 0 ? localErrors : outcome?.kind === 'invalid' ? outcome.errors : [];
  useDocumentTitle('Change the rules – Practice view', formErrors.length > 0 || outcome?.kind === 'conflict');
  const otherError =
    save.error &&
    !(
      save.error instanceof PracticeApiError &&
      ['version_conflict', 'invalid_rules'].includes(save.error.code)
    )
      ? save.error
      : undefined;

  return (
    <>
      <BackLink to={`/practice/${practice.odsCode}?${searchText}`}>Back to what they would see</BackLink>
      {outcome?.kind === 'conflict' ? (
        <ErrorSummary
          errors={[]}
          title="Someone else changed the rules"
          description={[
            'Someone else saved a change to these rules while you were making yours, so yours was not saved.',
            'The rules below are the current ones. Make your change again, then save.',
          ]}
        />
      ) : (
        <ErrorSummary errors={formErrors} />
      )}
      {outcome?.kind === 'saved' ? (
        <div
          className="nhsuk-notification-banner nhsuk-notification-banner--success"
          role="alert"
          aria-labelledby="rules-saved-title"
          tabIndex={-1}
          ref={banner}
        >
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="rules-saved-title">
              Success
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">The rules are saved and apply now</p>
            {outcome.differences ? (
              <>
                <h3>What changed for each booking service</h3>
                <DifferenceSummary differences={outcome.differences} />
              </>
            ) : (
              <p>We could not search your appointment book to show the difference.</p>
            )}
            <p>
              <Link
                className="nhsuk-notification-banner__link"
                to={`/practice/${practice.odsCode}?${outcome.searchText}`}
              >
                See what they would see now
              </Link>
            </p>
          </div>
        </div>
      ) : null}
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>{practice.canChangeRules ? 'Change the rules' : 'The rules'}</h1>
      {rules.isPending ? (
        <p role="status">Reading the rules…</p>
      ) : rules.isError ? (
        <PracticeErrorPanel error={rules.error} />
      ) : (
        <>
          {otherError ? <PracticeErrorPanel error={otherError} /> : null}
          {practice.canChangeRules ? (
            <>
              <p>
                These rules decide which slots each booking service is offered. A change applies to the next
                search; appointments already booked stay as they are.
              </p>
              <RulesForm
                key={rules.data.version}
                response={rules.data}
                errors={formErrors}
                pending={save.isPending}
                onInvalid={(errors) => {
                  setOutcome(undefined);
                  setLocalErrors(errors);
                }}
                onSave={(next) => save.mutate({ version: rules.data.version, next })}
              />
            </>
          ) : (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>Only a practice manager can change the rules. Ask yours to make a change.</p>
            </div>
          )}
          <h2>Recent changes</h2>
          {audit.isPending ? (
            <p role="status">Reading the changes…</p>
          ) : audit.isError ? (
            <PracticeErrorPanel error={audit.error} />
          ) : (
            <AuditList entries={audit.data.entries} userId={session.user.id} />
          )}
        </>
      )}
    </>
  );
}
