/**
 * Password hashing off the main thread: new hashes use Node's asynchronous `crypto.scrypt` (runs
 * in the libuv thread pool; format `scrypt$N$r$p$salt$hash`, base64url). Hashes written before
 * (bcryptjs, `$2a$`/`$2b$`) still verify through bcryptjs's asynchronous API, which yields to the
 * event loop between rounds.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** scrypt cost (N = 2^14, r = 8, p = 1: 16 MiB, tens of ms, OWASP's minimum recommendation). */
export const SCRYPT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, { ...params, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hash a password with scrypt and a random 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMS;
  const key = await scryptAsync(password, salt, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Check `password` against a stored scrypt or bcrypt hash (false for anything malformed). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) {
    const [, n, r, p, salt, key] = stored.split('$');
    if (!n || !r || !p || !salt || !key) return false;
    const want = Buffer.from(key, 'base64url');
    const got = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    }).catch(() => undefined);
    return got !== undefined && got.length === want.length && timingSafeEqual(got, want);
  }
  if (/^\$2[aby]\$/.test(stored)) return bcrypt.compare(password, stored);
  return false;
}

let dummy: Promise<string> | undefined;
/** A hash of a random password, compared against for unknown emails so timing reveals nothing. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
