import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// The CPR number is personal data of the highest sensitivity. It is stored encrypted
// (AES-256-GCM, key from config) beside a keyed hash (HMAC-SHA256) used for look-up.
// Neither the number nor its hash ever appears in a log, a URL or an error message.

export interface CprKeys {
  cprEncryptionKey: Buffer;
  cprHashKey: Buffer;
}

export function encryptCpr(keys: CprKeys, cpr: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.cprEncryptionKey, iv);
  const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptCpr(keys: CprKeys, blob: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', keys.cprEncryptionKey, blob.subarray(0, 12));
  decipher.setAuthTag(blob.subarray(12, 28));
  return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
}

export function hashCpr(keys: CprKeys, cpr: string): string {
  return createHmac('sha256', keys.cprHashKey).update(cpr.replace('-', '')).digest('hex');
}
