import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { askForSession, createAppRouter } from './app/app-start';
import { nextTask } from './lib/next-task';

/**
 * Starts the app in short tasks, the browser free to paint and answer the patient between them, rather than in one
 * long one (Lighthouse's Total Blocking Time; the page frame in index.html is on screen meanwhile): after the first
 * download has been evaluated, the session is asked for; then the router is made; then it is started (it matches the
 * address and starts fetching the page's lazy parts); then React's root (it listens for every kind of event) and the
 * first render, as a transition, which React renders in slices of a few milliseconds. (A function rather than
 * top-level await, which would make the bundler split its runtime out of the first download's one file.)
 */
async function start(root: HTMLElement): Promise<void> {
  await nextTask();
  askForSession();
  await nextTask();
  const router = createAppRouter();
  await nextTask();
  router.initialize();
  await nextTask();
  const reactRoot = createRoot(root);
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App router={router} />
      </StrictMode>,
    );
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void start(root);
