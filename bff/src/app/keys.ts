// Moved to platform/signing-key.ts, below identity/ and app/. This re-export only keeps app/resilience.test.ts
// compiling until its import is updated; delete it then.
export { generateSigningKey, loadSigningKey, type SigningKey } from '../platform/signing-key.js';
