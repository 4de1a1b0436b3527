/**
 * The benches run each server (reference provider, BFF) in a process of its own, as in production, and drive load
 * from the bench process, so no two of them share an event loop. This is the small request/answer protocol over
 * the Node IPC channel between the bench (parent) and those server processes (children).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Call {
  id: number;
  type: string;
  payload: unknown;
}
type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
interface Ready {
  ready: true;
  info: unknown;
}

export type Handlers = Record<string, (payload: never) => unknown>;

/** CPU time the process has used so far (user + system), in milliseconds. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface Memory {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

/** Memory of this process, after a full garbage collection when the process runs with --expose-gc. */
export function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  const mib = (bytes: number) => bytes / 1024 / 1024;
  return {
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    heapTotalMiB: mib(usage.heapTotal),
    externalMiB: mib(usage.external),
  };
}

/**
 * Child side: answers the parent's calls with `handlers` (plus `cpu`, `memory` and `close`), then tells the
 * parent it is ready with `info`. The child exits when the parent goes away, so a failed bench leaves nothing
 * running.
 */
export function serveParent(info: unknown, handlers: Handlers, close: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this module runs as a child of a bench (no IPC channel)');
  const all: Handlers = {
    ...handlers,
    cpu: () => cpuMs(),
    memory: () => memory(),
    close: async () => {
      await close();
      setImmediate(() => process.exit(0));
      return null;
    },
  };
  process.on('message', (message: Call) => {
    const handler = all[message.type] as ((payload: unknown) => unknown) | undefined;
    void (async (): Promise<Answer> => {
      try {
        if (!handler) throw new Error(`no handler for ${message.type}`);
        return { id: message.id, ok: true, result: (await handler(message.payload)) ?? null };
      } catch (error) {
        return {
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
      }
    })().then((answer) => send(answer));
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: true, info } satisfies Ready);
}

export interface Child<Info> {
  readonly name: string;
  readonly process: ChildProcess;
  /** What the child said when it became ready (its URLs...). */
  readonly info: Info;
  call<T>(type: string, payload?: unknown): Promise<T>;
  /** CPU time the child has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  memory(): Promise<Memory>;
  close(): Promise<void>;
}

/**
 * Parent side: starts `script` (a .ts module under this folder; the tsx loader the bench runs under is passed on)
 * with `env` added to this process's environment, and waits until it is ready.
 */
export async function startChild<Info>(
  name: string,
  script: URL,
  options: { env?: Record<string, string>; execArgv?: string[]; timeoutMs?: number } = {},
): Promise<Child<Info>> {
  const child = fork(fileURLToPath(script), [], {
    env: { ...process.env, ...options.env },
    execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let exited = false;

  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${options.timeoutMs ?? 60_000} ms`)),
      options.timeoutMs ?? 60_000,
    );
    child.on('message', (message: Ready | Answer) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message.info as Info);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`${name}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      const error = new Error(`${name} exited (${signal ?? code})`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  });

  const call = <T>(type: string, payload?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) {
        reject(new Error(`${name} has exited`));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, type, payload } satisfies Call);
    });

  return {
    name,
    process: child,
    info,
    call,
    cpuMs: () => call<number>('cpu'),
    memory: () => call<Memory>('memory'),
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
