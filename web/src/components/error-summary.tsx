import { useEffect, useRef } from 'react';
import { Link } from 'react-router';

export interface FormError {
  /** The id of the field the error belongs to (the first radio, the textarea…), or none for a page-level error. */
  fieldId?: string | undefined;
  /** A page to fix the answer on, when the field is on an earlier page (check your answers). */
  to?: string | undefined;
  text: string;
}

/**
 * The NHS.UK error summary. It takes focus whenever its errors change, so screen readers announce it and the
 * patient starts from it; each link moves focus to its field.
 */
export function ErrorSummary({
  errors,
  title = 'There is a problem',
  description,
}: {
  errors: readonly FormError[];
  title?: string;
  /**
   * Said before the list: what happened and why, when the problem is not (only) a field to fix; one paragraph,
   * or several (what happened, then what to do).
   */
  description?: string | readonly string[] | undefined;
}) {
  const summary = useRef<HTMLDivElement>(null);
  const paragraphs =
    description === undefined ? [] : typeof description === 'string' ? [description] : description;
  const key = [...paragraphs, ...errors.map((error) => `${error.fieldId ?? ''}:${error.text}`)].join('|');

  useEffect(() => {
    if (key) summary.current?.focus();
  }, [key]);

  if (errors.length === 0 && paragraphs.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={summary} tabIndex={-1} data-autofocus>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">{title}</h2>
        <div className="nhsuk-error-summary__body">
          {paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {errors.length > 0 ? (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {errors.map((error) => (
                <li key={`${error.fieldId ?? ''}:${error.text}`}>
                  {error.to ? (
                    <Link to={error.to}>{error.text}</Link>
                  ) : error.fieldId ? (
                    <a
                      href={`#${error.fieldId}`}
                      onClick={(event) => {
                        const field = document.getElementById(error.fieldId ?? '');
                        if (!field) return;
                        event.preventDefault();
                        field.scrollIntoView?.({ block: 'center' });
                        field.focus();
                      }}
                    >
                      {error.text}
                    </a>
                  ) : (
                    error.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
