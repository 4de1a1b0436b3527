import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';

/** The BFF's RS512 key: signs Spine JWTs (and NHS login client assertions); its public half is our JWKS. */
export interface SigningKey {
  privateKey: CryptoKey;
  kid: string;
  jwks: JSONWebKeySet;
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK({ ...jwk, alg: 'RS512' }, 'RS512')) as CryptoKey;
  const { n, e, kty } = jwk;
  if (!n || !e || kty !== 'RSA') throw new Error('The signing key must be an RSA key');
  const publicJwk: JWK = { kty, n, e };
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  return { privateKey, kid, jwks: { keys: [{ ...publicJwk, kid, alg: 'RS512', use: 'sig' }] } };
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS512', { modulusLength: 2048, extractable: true });
  return fromPrivateJwk(await exportJWK(privateKey));
}

/**
 * Loads the key from `keyFile` (PKCS#8 PEM or a private JWK) when configured. Otherwise, for the demo, uses the
 * key generated on first start under the data directory (outside git), creating it if needed.
 */
export async function loadSigningKey(keyFile: string | undefined, dataDir: string): Promise<SigningKey> {
  if (keyFile) {
    const text = readFileSync(keyFile, 'utf8');
    if (text.includes('BEGIN PRIVATE KEY')) {
      const key = await importPKCS8(text, 'RS512', { extractable: true });
      return fromPrivateJwk(await exportJWK(key));
    }
    return fromPrivateJwk(JSON.parse(text) as JWK);
  }
  const path = join(dataDir, 'keys', 'bff-signing-key.jwk.json');
  if (existsSync(path)) return fromPrivateJwk(JSON.parse(readFileSync(path, 'utf8')) as JWK);
  const { privateKey } = await generateKeyPair('RS512', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
  return fromPrivateJwk(jwk);
}
