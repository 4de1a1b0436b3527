import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy*/waitFor wait up to 5 s (default 1 s): on a busy 2-core CI machine the lazy-loaded screens can take longer.
configure({ asyncUtilTimeout: 5000 });

document.body.classList.add('nhsuk-frontend-supported');

// jsdom has no layout: the error summary's links scroll fields into view.
Element.prototype.scrollIntoView = function scrollIntoView() {};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => true });
});
