/**
 * Resolves in a new task of the browser's event loop, so that whatever was running can end and the browser can
 * paint and handle input before the caller goes on. A posted message rather than `setTimeout(0)`, which browsers
 * may delay by 4 ms or more.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
