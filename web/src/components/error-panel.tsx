import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../lib/api-client';
import { errorText, type ErrorText } from '../lib/error-text';

/**
 * An error shown in place of content that could not load, with words from the error code; `children` add what
 * the page knows that helps (the surgery's phone number, a link).
 */
export function ErrorPanel({ error, children }: { error: unknown; children?: ReactNode }) {
  const text: ErrorText =
    error instanceof ApiError
      ? errorText(error)
      : { title: 'Sorry, there is a problem with the service', body: 'Try again later.' };
  return (
    <div className="nhsuk-warning-callout" role="alert">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {text.title}
        </span>
      </h2>
      <p>{text.body}</p>
      {text.link ? (
        <p>
          <Link to={text.link.to}>{text.link.text}</Link>
        </p>
      ) : null}
      {children}
    </div>
  );
}
