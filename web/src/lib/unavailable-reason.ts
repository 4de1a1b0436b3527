import type { PracticeUnavailableReason } from '@gpbook/shared/practices';

/** Why a practice's system gave us nothing this time, as a clause about the practice: "its system did not answer in time". */
export function unavailableReasonText(reason: PracticeUnavailableReason): string {
  switch (reason) {
    case 'timeout':
      return 'its system did not answer in time';
    case 'unreachable':
      return 'we could not reach its system';
    case 'error':
      return 'its system had a problem';
  }
}
