/**
 * Survey codes (评价码) of code mode: eight characters read off an SMS and typed on a phone. The
 * alphabet leaves out what is read or typed wrong (0 O 1 I L), so there are 31 symbols and a code
 * holds 31^8 ≈ 2^39.6 values: too few to stand alone, which is why an entry also needs the last
 * 4 digits of the contact phone, and both are limited (see code-entry.ts). Only the hash of a code
 * is stored, as for link tokens.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A code drawn from `random`, a freshly minted link token (128 random bits as base64url): the
 * token is read as one number and written in base 31. The bias of taking 39.6 bits out of 128 by
 * a remainder is below 2^-88. The token itself is thrown away, so the code tells nothing of any link.
 *
 * @example
 * codeFromRandom(deps.tokens.mint().token) // 'K7QM2PXA'
 */
export function codeFromRandom(random: string): string {
  let n = 0n;
  for (const ch of random) {
    const v = BASE64URL.indexOf(ch);
    if (v < 0) throw new Error('codeFromRandom needs base64url text');
    n = n * 64n + BigInt(v);
  }
  const base = BigInt(CODE_ALPHABET.length);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return code;
}

/**
 * A code as typed or pasted, in the form it was minted: full-width letters and digits (a Chinese
 * keyboard) become ASCII, letters upper case, and spaces, dashes, dots and underscores go.
 * Undefined when what is left cannot be a code, so that no lookup is spent on it.
 *
 * @example
 * normalizeCode(' k7qm-2pxa ') // 'K7QM2PXA'
 * normalizeCode('K7QM 2PX0')   // undefined: 0 is never in a code
 */
export function normalizeCode(input: string): string | undefined {
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·—]/g, '');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

/** The last 4 digits as typed (full-width digits and spaces allowed), or undefined when they are not 4 digits. */
export function normalizeDigits(input: string): string | undefined {
  const digits = input.normalize('NFKC').replace(/\s/g, '');
  return /^\d{4}$/.test(digits) ? digits : undefined;
}

/**
 * True when `digits` are the last 4 digits of `phone` (which may carry `+86`, spaces or dashes).
 * Every character is compared whatever the first difference, so the time taken tells nothing.
 */
export function lastDigitsMatch(phone: string, digits: string): boolean {
  const expected = phone.replace(/\D/g, '').slice(-4).padStart(4, '#');
  let difference = digits.length ^ 4;
  for (let i = 0; i < 4; i++) difference |= (expected.charCodeAt(i) ^ (digits.charCodeAt(i) || 0));
  return difference === 0;
}

/** The fixed page where codes are entered, under the public base URL. */
export function codeEntryUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/c`;
}
