import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css';
import './styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { askForSession, createAppRouter } from './app/app-start';
import { nextTask } from './lib/next-task';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The app starts in short tasks, the browser free to paint and answer the patient between them, rather than in one
// long one (Lighthouse's Total Blocking Time; the page frame in index.html is on screen meanwhile): the first
// download is evaluated; then the session is asked for; then the router is made (it matches the address and starts
// fetching the page's lazy parts); then the first render, as a transition, which React renders in slices of a few
// milliseconds.
await nextTask();
askForSession();
await nextTask();
const router = createAppRouter();
const reactRoot = createRoot(root);
startTransition(() => {
  reactRoot.render(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  );
});
