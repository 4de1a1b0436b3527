import { NotFoundRoute } from '../routes/not-found';
import type { RoutePatch } from './routes';
import { signedInRoute } from './signed-in-route';

// Fetched with the tables, not in the first download: only a router given them needs it.
export { giveRoutes } from './merge-patches';

/**
 * The routes of the pages reached from the first page rather than opened first: added to the router's table
 * (`patchRoutesOnNavigation` in ./routes.tsx) the first time a path needs them, and fetched once the first page
 * has loaded and the browser is idle, so following a link to one of them does not wait for this. Each page's own
 * code is fetched when it is first opened, as before. They are not in the first download: their table, with the
 * names of every chunk each page needs, was the largest part of the routes the first page never uses (decision
 * 0080). Each route has an `id`, so adding them again (every navigation to a path with a parameter asks) changes
 * nothing.
 */
export const laterRoutes: readonly RoutePatch[] = [
  {
    // The practice view (issue 14), for GP practice staff: its own frame and session, loaded only when opened.
    parent: null,
    routes: [
      {
        id: 'practice',
        path: 'practice/*',
        lazy: () => import('../routes/practice/practice-app').then((m) => ({ Component: m.PracticeApp })),
      },
    ],
  },
  {
    parent: 'root',
    routes: [
      {
        id: 'accessibility',
        path: 'accessibility',
        lazy: () => import('../routes/info/accessibility').then((m) => ({ Component: m.AccessibilityRoute })),
      },
      {
        id: 'privacy',
        path: 'privacy',
        lazy: () => import('../routes/info/privacy').then((m) => ({ Component: m.PrivacyRoute })),
      },
      // Any other address: only once no route, first or later, matches it.
      {
        id: 'not-found',
        path: '*',
        Component: NotFoundRoute,
      },
      {
        id: 'cookies',
        path: 'cookies',
        lazy: () => import('../routes/info/cookies').then((m) => ({ Component: m.CookiesRoute })),
      },
    ],
  },
  signedInRoute,
  {
    parent: 'signed-in',
    routes: [
      {
        id: 'appointment',
        path: 'appointments/:id',
        children: [
          {
            index: true,
            lazy: () =>
              import('../routes/appointments/details').then((m) => ({
                Component: m.AppointmentDetailsRoute,
              })),
          },
          {
            path: 'booked',
            lazy: () => import('../routes/appointments/booked').then((m) => ({ Component: m.BookedRoute })),
          },
          {
            path: 'rescheduled',
            lazy: () =>
              import('../routes/appointments/rescheduled').then((m) => ({
                Component: m.RescheduledRoute,
              })),
          },
          {
            path: 'amend',
            lazy: () => import('../routes/appointments/amend').then((m) => ({ Component: m.AmendRoute })),
          },
          {
            path: 'cancel',
            lazy: () =>
              import('../routes/appointments/cancel').then((m) => ({ Component: m.CancelReasonRoute })),
          },
          {
            path: 'cancel/confirm',
            lazy: () =>
              import('../routes/appointments/cancel-confirm').then((m) => ({
                Component: m.CancelConfirmRoute,
              })),
          },
        ],
      },
    ],
  },
];
