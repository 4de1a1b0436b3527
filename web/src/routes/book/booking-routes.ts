import type { RouteObject } from 'react-router';
import type { RoutePatch } from '../../app/routes';
import { signedInRoute } from '../../app/signed-in-route';
import { BookingLayout } from './booking-layout';
import { HowStepRoute } from './how';
import { PracticeStepRoute } from './practice';
import { SlotsStepRoute } from './slots';
import { BookingStartRoute } from './start';
import { TypeStepRoute } from './type';

/**
 * Booking's routes, added to the router when a path first needs them (`patchRoutesOnNavigation` in app/routes.tsx),
 * with the pages up to the slot list in the same chunk: a link straight to one of them (the slot page, say) fetches
 * this one chunk and what it imports, in one round trip as before, and the first page does not download this table
 * with the names of every chunk each step needs (decision 0080). The steps that check a form with the contract's
 * zod schemas are chunks of their own, so zod comes with them only.
 */
const steps: RouteObject[] = [
  { id: 'book-start', index: true, Component: BookingStartRoute },
  { id: 'book-practice', path: 'practice', Component: PracticeStepRoute },
  { id: 'book-type', path: 'type', Component: TypeStepRoute },
  { id: 'book-how', path: 'how', Component: HowStepRoute },
  { id: 'book-slots', path: 'slots', Component: SlotsStepRoute },
  {
    id: 'book-reason',
    path: 'reason',
    lazy: () => import('./reason').then((m) => ({ Component: m.ReasonStepRoute })),
  },
  {
    id: 'book-phone',
    path: 'phone',
    lazy: () => import('./phone').then((m) => ({ Component: m.PhoneStepRoute })),
  },
  {
    id: 'book-check',
    path: 'check',
    lazy: () => import('./check').then((m) => ({ Component: m.CheckStepRoute })),
  },
];

/**
 * Each under its parent route: booking, and the change of an appointment, which reuses its steps (after the later
 * routes, which add the appointment's).
 */
export const bookingRoutes: readonly RoutePatch[] = [
  signedInRoute,
  { parent: 'signed-in', routes: [{ id: 'book', path: 'book', Component: BookingLayout, children: steps }] },
  {
    parent: 'appointment',
    routes: [
      {
        id: 'appointment-change',
        path: 'change',
        Component: BookingLayout,
        children: steps
          .filter((step) => step.path !== 'practice' && step.path !== 'reason')
          .map((step) => ({ ...step, id: `change-${step.id ?? ''}` })),
      },
    ],
  },
];
