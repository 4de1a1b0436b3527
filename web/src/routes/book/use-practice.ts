import type { Practice } from '@gpbook/shared/practices';
import { usePractices } from '../../features/practices/api/get-practices';

/** The practice with this ODS code, from the patient's own and their federation's. */
export function usePractice(odsCode: string | undefined): Practice | undefined {
  const practices = usePractices();
  if (!practices.data || odsCode === undefined) return undefined;
  const { registered, federation } = practices.data;
  return [registered, ...federation].find((practice) => practice.odsCode === odsCode);
}
