import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { SIGNED_IN_HINT_COOKIE } from '@gpbook/shared/session';
import { afterEach, beforeEach, vi } from 'vitest';

// findBy*/waitFor wait up to 5 s (default 1 s): on a busy 2-core CI machine the lazy-loaded screens can take longer.
configure({ asyncUtilTimeout: 5000 });

document.body.classList.add('nhsuk-frontend-supported');

// jsdom has no layout: the error summary's links scroll fields into view.
Element.prototype.scrollIntoView = function scrollIntoView() {};

// As after a sign-in: the BFF's readable hint that a session may exist, so the app asks GET /api/session.
beforeEach(() => {
  document.cookie = `${SIGNED_IN_HINT_COOKIE}=1; path=/`;
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => true });
});
