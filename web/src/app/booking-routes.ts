import type { RouteObject } from 'react-router';

// Booking's steps: in the first download's route table (./routes.tsx), so a link straight to a step (the slot
// page, say) fetches the step's code at once; the change of an appointment (./later-routes.tsx) reuses them.

export const bookingSteps: RouteObject[] = [
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

export const bookingLayout = () =>
  import('../routes/book/booking-layout').then((m) => ({ Component: m.BookingLayout }));
