import { staffRoleDisplay, staffRoles, type StaffRole } from '@gpbook/shared/staff-session';
import { formatLondonDate, formatLondonTime } from '@gpbook/shared/time';
import type { AuditAnswer } from '../api/answers';
import { ResponsiveTable } from './responsive-table';

function roleWords(role: string): string {
  return (staffRoles as readonly string[]).includes(role)
    ? staffRoleDisplay[role as StaffRole].toLowerCase()
    : role;
}

/** Who changed the rules, when, and what: newest first. Staff are named "you" or by role (the trail holds no names). */
export function AuditList({ entries, userId }: { entries: AuditAnswer['entries']; userId: string }) {
  if (entries.length === 0) return <p>Nobody has changed the rules here yet.</p>;
  return (
    <ResponsiveTable
      caption="Changes to the rules, newest first"
      headers={['When', 'Who', 'What changed']}
      rows={entries.map((entry) => ({
        key: `${entry.at}-${entry.traceId}`,
        cells: [
          { content: `${formatLondonDate(entry.at)} at ${formatLondonTime(entry.at)}` },
          {
            content:
              entry.staffUserId === userId
                ? 'You'
                : `Another member of staff (${roleWords(entry.staffRole)})`,
          },
          { content: entry.summary || 'The rules were saved unchanged' },
        ],
      }))}
    />
  );
}
