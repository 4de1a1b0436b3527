import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../lib/api-client';
import { lazyModule } from '../lib/lazy-module';
import { noAnswerText, SERVICE_PROBLEM, type ErrorText } from '../lib/service-error-text';
import { WarningCallout } from './warning-callout';

/**
 * The words for every code our service answers with are loaded when a panel first needs them (or are already, with
 * the page that uses them), not in the first download: our service answered, so it can serve them too. What is
 * said when it did not answer, or the device is offline, is in the first download (decision 0080).
 */
const useErrorTexts = lazyModule(() => import('../lib/error-text'));

/** The panel's words: undefined while they load; if they cannot be loaded, only that there is a problem. */
function useErrorText(error: unknown): ErrorText | undefined {
  const immediate = error instanceof ApiError ? noAnswerText(error) : SERVICE_PROBLEM;
  const texts = useErrorTexts(immediate === undefined);
  if (immediate) return immediate;
  if (texts === 'failed') return SERVICE_PROBLEM;
  return texts && error instanceof ApiError ? texts.errorText(error) : undefined;
}

/**
 * An error shown in place of content that could not load, with words from the error code; `children` add what
 * the page knows that helps (the surgery's phone number, a link). Shown whole once its words are there (a moment
 * after the error the first time one needs words from the server), so it is announced whole.
 */
export function ErrorPanel({ error, children }: { error: unknown; children?: ReactNode }) {
  const text = useErrorText(error);
  if (!text) return null;
  return (
    <WarningCallout title={text.title} alert>
      <p>{text.body}</p>
      {text.link ? (
        <p>
          <Link to={text.link.to}>{text.link.text}</Link>
        </p>
      ) : null}
      {children}
    </WarningCallout>
  );
}
