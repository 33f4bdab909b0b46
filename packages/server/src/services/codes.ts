import { randomInt } from 'node:crypto';

/** The APPOINTMENT_CODE_RE alphabet: no 0/O or 1/I, which citizens misread over the phone. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Crypto-random code: guessing one is as hard as the alphabet allows (32^n). */
export function randomCode(prefix: string, length: number): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}
