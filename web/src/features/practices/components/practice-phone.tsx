import type { Practice } from '@gpbook/shared/practices';

/** "Phone Riverside Medical Centre on 0113 496 0001", with a link phones can call. */
export function PracticePhone({ practice, prefix = 'Phone' }: { practice: Practice; prefix?: string }) {
  if (!practice.phone) return <>{`${prefix} ${practice.name}`}</>;
  return (
    <>
      {prefix} {practice.name} on <a href={`tel:${practice.phone.replaceAll(' ', '')}`}>{practice.phone}</a>
    </>
  );
}
