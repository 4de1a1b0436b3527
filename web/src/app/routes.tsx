import type { RouteObject } from 'react-router';
import { RequireSession } from '../features/session/components/require-session';
import { HomeRoute } from '../routes/home';
import { NotFoundRoute } from '../routes/not-found';
import { RouteError } from '../routes/route-error';
import { SignInRoute } from '../routes/sign-in';
import { RootLayout } from './root-layout';

/**
 * The home and sign-in pages are in the first download; booking and managing appointments are fetched when the
 * patient first goes there (and precached by the service worker for offline starts).
 */
const bookingSteps: RouteObject[] = [
  {
    index: true,
    lazy: () => import('../routes/book/start').then((m) => ({ Component: m.BookingStartRoute })),
  },
  {
    path: 'practice',
    lazy: () => import('../routes/book/practice').then((m) => ({ Component: m.PracticeStepRoute })),
  },
  { path: 'type', lazy: () => import('../routes/book/type').then((m) => ({ Component: m.TypeStepRoute })) },
  { path: 'how', lazy: () => import('../routes/book/how').then((m) => ({ Component: m.HowStepRoute })) },
  {
    path: 'slots',
    lazy: () => import('../routes/book/slots').then((m) => ({ Component: m.SlotsStepRoute })),
  },
  {
    path: 'reason',
    lazy: () => import('../routes/book/reason').then((m) => ({ Component: m.ReasonStepRoute })),
  },
  {
    path: 'phone',
    lazy: () => import('../routes/book/phone').then((m) => ({ Component: m.PhoneStepRoute })),
  },
  {
    path: 'check',
    lazy: () => import('../routes/book/check').then((m) => ({ Component: m.CheckStepRoute })),
  },
];

const bookingLayout = () =>
  import('../routes/book/booking-layout').then((m) => ({ Component: m.BookingLayout }));

export const routes: RouteObject[] = [
  // The practice view (issue 14), for GP practice staff: its own frame and session, loaded only when opened.
  {
    path: 'practice/*',
    lazy: () => import('../routes/practice/practice-app').then((m) => ({ Component: m.PracticeApp })),
  },
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'sign-in', element: <SignInRoute /> },
      {
        path: 'accessibility',
        lazy: () => import('../routes/info/accessibility').then((m) => ({ Component: m.AccessibilityRoute })),
      },
      {
        path: 'privacy',
        lazy: () => import('../routes/info/privacy').then((m) => ({ Component: m.PrivacyRoute })),
      },
      {
        path: 'cookies',
        lazy: () => import('../routes/info/cookies').then((m) => ({ Component: m.CookiesRoute })),
      },
      {
        element: <RequireSession />,
        children: [
          { path: 'book', lazy: bookingLayout, children: bookingSteps },
          {
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
                lazy: () =>
                  import('../routes/appointments/booked').then((m) => ({ Component: m.BookedRoute })),
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
              {
                path: 'change',
                lazy: bookingLayout,
                children: bookingSteps.filter((step) => step.path !== 'practice' && step.path !== 'reason'),
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
