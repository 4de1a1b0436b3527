import type { LoaderFunctionArgs } from 'react-router';
import { queryClientContext } from '../../app/router-context';
import { bookingFlow, readChoices, slotPageSearch } from '../../features/booking/lib/booking-steps';
import { sessionQueryKey, type SessionState } from '../../features/session/api/get-session';
import { sessionLondonToday } from '../../features/session/london-today';
import { askForSlots } from '../../features/slots/api/get-slots';

/**
 * The slot page's loader: starts the page's slot search as the router matches its address, before the page
 * renders, rather than from its first render (a link straight to the slot page waits for its routes, then the
 * render, before asking). Only once the session has said who is signed in and which day it is in London: until
 * then the page asks itself (useSlots). Returns at once; the page reads the answer through its query.
 */
export function slotsLoader({ url, params, context }: LoaderFunctionArgs): null {
  const queryClient = context.get(queryClientContext);
  const today = sessionLondonToday(queryClient.getQueryData<SessionState>(sessionQueryKey));
  if (today === undefined) return null;
  // Whether the practice is a step of its own does not change what the slot page needs before it.
  const flow = bookingFlow(params.id, false);
  const search = slotPageSearch(flow, readChoices(url.searchParams), today);
  if (search) askForSlots(queryClient, search);
  return null;
}
