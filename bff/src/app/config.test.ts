import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs the demo on embedded defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.provider).toMatchObject({ run: true, port: 4000, seed: 'demo', database: ':memory:' });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.gpConnect.jwtSigning).toBe('rs512');
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', GPC_JWT_SIGNING: 'hs256', GPC_CONSUMER_ODS: 'lower' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('GPC_JWT_SIGNING');
    expect(message).toContain('GPC_CONSUMER_ODS');
  });

  it('treats empty values as unset and strips a trailing slash from URLs', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://book.example.nhs.uk/' });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('https://book.example.nhs.uk');
  });
});
