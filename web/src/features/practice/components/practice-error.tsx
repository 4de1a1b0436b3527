import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { isStaffSessionLost } from '../api/practice-request';
import { practiceErrorText } from '../lib/error-words';
import { forgetStaffSession } from '../api/staff-session';

/**
 * A failed request in place of what it would have shown. A 401 means the staff session has ended: the practice
 * view forgets it, and its frame shows the sign-in page saying so.
 */
export function PracticeErrorPanel({ error, children }: { error: unknown; children?: ReactNode }) {
  const queryClient = useQueryClient();
  const lost = isStaffSessionLost(error);
  useEffect(() => {
    if (lost) forgetStaffSession(queryClient, 'expired');
  }, [lost, queryClient]);
  if (lost) return null;
  const text = practiceErrorText(error);
  return (
    <div className="nhsuk-warning-callout" role="alert">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {text.title}
        </span>
      </h2>
      <p>{text.body}</p>
      {children}
    </div>
  );
}
