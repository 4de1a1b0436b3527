// `npm run dev`: the BFF (with the reference provider and demo IdP) restarting on change, and Vite's dev
// server with hot reload proxying /api and /auth to it. Stops both on Ctrl+C.
import { spawn } from 'node:child_process';

const children = [
  spawn('npm', ['run', 'dev', '-w', '@gpbook/bff'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      LOG_PRETTY: process.env.LOG_PRETTY ?? 'true',
      PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173',
    },
  }),
  spawn('npm', ['run', 'dev', '-w', '@gpbook/web'], { stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
