/** `/appointments/:id` and its pages. */
export function appointmentPath(id: string, page = ''): string {
  return `/appointments/${encodeURIComponent(id)}${page ? `/${page}` : ''}`;
}
