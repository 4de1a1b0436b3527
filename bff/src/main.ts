import { ConfigError, loadConfig } from './app/config.js';
import { createLogger } from './logger.js';
import { startStack } from './stack.js';

/** Process entry: `npm start` runs the BFF (serving the PWA) and the bundled reference GP Connect provider. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty });
  const stack = await startStack(config, logger);

  const lines = [
    '',
    `  GP Appointments is running: open ${stack.bffUrl}`,
    `  Practice view, for GP practice staff: ${stack.bffUrl}/practice`,
    ...(stack.providerUrl
      ? [`  Reference GP Connect provider: ${stack.providerUrl}/{ODS}/STU3/1/gpconnect`]
      : []),
    ...(stack.demoIdpUrl ? [`  Demo NHS login (identity provider): ${stack.demoIdpUrl}`] : []),
    '  Stop with Ctrl+C.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
