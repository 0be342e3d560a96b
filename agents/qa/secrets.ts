/**
 * Secret and personal-data detection for replies: API keys, cloud keys, private keys, card numbers
 * (Luhn-valid), IBANs (mod-97 valid), passwords, and emails/phone numbers the customer did not
 * write themselves. Each finding can be redacted.
 */

/** One secret or PII occurrence. */
export interface SecretFinding {
  kind: string;
  match: string;
}

const KEY_PATTERNS: Array<[string, RegExp]> = [
  ['private_key', /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g],
  ['api_key', /\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{16,}\b/g],
  ['api_key', /\bnw_(?:live|test)_[A-Za-z0-9]{8,}\b/g],
  ['api_key', /\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}\b/g],
  ['api_key', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g],
  ['api_key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['aws_key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
  ['aws_secret', /\baws_secret_access_key\s*[=:]\s*\S+/gi],
  ['jwt', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/g],
  ['password', /\b(?:password|passwd|passcode|pwd|pin)\s*(?:is|was|:|=)\s*["']?(?![a-z]+\b)[^\s"',.;]{3,}/gi],
];

/** True when the digits pass the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True when `iban` (no spaces) passes the ISO 13616 mod-97 check. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Find secrets and PII in `reply`. `customerText` is what may be repeated: what the customer wrote
 * (their own email or phone number) and the cited articles (the operator's support address).
 */
export function findSecrets(reply: string, customerText = ''): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const [kind, re] of KEY_PATTERNS) {
    for (const m of reply.matchAll(re)) found.push({ kind, match: m[0] });
  }
  for (const m of reply.matchAll(/\b(?:\d[ -]?){12,18}\d\b/g)) {
    if (luhnValid(digitsOf(m[0]))) found.push({ kind: 'card_number', match: m[0] });
  }
  for (const m of reply.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g)) {
    if (ibanValid(m[0].replace(/ /g, ''))) found.push({ kind: 'iban', match: m[0] });
  }
  const customerLower = customerText.toLowerCase();
  for (const m of reply.matchAll(/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g)) {
    if (!customerLower.includes(m[0].toLowerCase())) found.push({ kind: 'email', match: m[0] });
  }
  const customerDigits = digitsOf(customerText);
  for (const m of reply.matchAll(/(?<![\w.])\+?\(?\d[\d\s().-]{7,}\d(?![\w])/g)) {
    const d = digitsOf(m[0]);
    if (d.length < 9 || d.length > 15) continue;
    if (found.some((f) => f.match.includes(m[0].trim()) || m[0].includes(f.match))) continue;
    if (customerDigits.includes(d)) continue;
    found.push({ kind: 'phone', match: m[0].trim() });
  }
  return found;
}

/** Replace each finding with a `[redacted <kind>]` marker. */
export function redact(reply: string, findings: SecretFinding[]): string {
  let out = reply;
  for (const f of [...findings].sort((a, b) => b.match.length - a.match.length)) {
    out = out.split(f.match).join(`[redacted ${f.kind.replace('_', ' ')}]`);
  }
  return out;
}
