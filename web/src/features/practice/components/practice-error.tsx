import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { isStaffSessionLost } from '../api/practice-request';
import { practiceErrorText } from '../lib/error-words';
import { forgetStaffSession } from '../api/staff-session';
import { WarningCallout } from '../../../components/warning-callout';

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
    <WarningCallout title={text.title} alert>
      <p>{text.body}</p>
      {children}
    </WarningCallout>
  );
}
