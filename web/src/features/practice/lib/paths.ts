/** Where a count leads: every slot of that day (or range) for that consumer, and why each is or is not offered. */
export function whyPath(ods: string, consumer: string, start: string, end: string, back: string): string {
  const params = new URLSearchParams({ consumer, start, end });
  if (back) params.set('back', back);
  return `/practice/${encodeURIComponent(ods)}/why?${params.toString()}`;
}
