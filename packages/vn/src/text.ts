/**
 * Vietnamese text utilities for search and comparison.
 *
 * - `normalizeVi` keeps the text readable (for display and exact comparison): NFC, and one tone
 *   placement for the open syllables that are written two ways (hoà/hòa, thuỷ/thủy).
 * - `fold` is for matching: no diacritics, đ→d, lower case, punctuation and spaces collapsed.
 *   Tone-placement variants fold the same trivially, because every tone mark is removed.
 * - `foldLoose` is `fold` plus y→i, so spelling variants that differ only in i/y (kỹ/kĩ, lý/lí,
 *   quy/qui) match. Use it on BOTH sides of a comparison (index and query); never for display.
 * - `tokenize` splits folded text into words.
 */

/** Combining marks (the Vietnamese ones are all in U+0300–U+036F; other scripts' marks go too). */
const MARKS = /\p{M}+/gu;
/** Anything that is not a letter or digit separates words. */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Accent-, case- and punctuation-insensitive form for search: "Đăng ký  khai-sinh!" → "dang ky khai sinh".
 * NFKD (not just NFD) also turns full-width and other compatibility forms into plain letters.
 * Lower-casing happens between two decompositions because it can itself produce a combining
 * mark (İ → i + U+0307), which would otherwise survive and break idempotence.
 */
export function fold(input: string): string {
  return input
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    // đ (U+0111) has no decomposition; ð (eth) is what some keyboards produce for Đ.
    .replace(/[đð]/g, 'd')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** `fold` plus y→i, for loose matching of i/y spelling variants. Not for display. */
export function foldLoose(input: string): string {
  return fold(input).replace(/y/g, 'i');
}

/** Folded words: `tokenize("Cấp lại CCCD")` → `["cap", "lai", "cccd"]`. */
export function tokenize(input: string, options: { loose?: boolean } = {}): string[] {
  const folded = options.loose ? foldLoose(input) : fold(input);
  return folded ? folded.split(' ') : [];
}

const TONES = '\u0300\u0301\u0303\u0309\u0323';

/*
 * Written on the decomposed (NFD) text, where a tone is a separate combining character:
 *   o + a|e + tone  → o + tone + a|e   (hoà → hòa, khoẻ → khỏe)
 *   u + y + tone    → u + tone + y     (thuỷ → thủy), but not after q, where u is part of the
 *                                       consonant "qu" and the tone belongs on y (quý stays quý)
 * Only at the end of a syllable: with a final consonant the tone always sits on the second vowel
 * (hoàng, hoạch, khuyến), and another mark after the tone (hoặc: breve) means another vowel.
 */
const OA_OE = new RegExp(`([oO])([aAeE])([${TONES}])(?![\\p{L}\\p{M}])`, 'gu');
const UY = new RegExp(`(?<![qQ])([uU])([yY])([${TONES}])(?![\\p{L}\\p{M}])`, 'gu');

/**
 * NFC with the tone of open oa/oe/uy syllables on the first vowel (oà→òa, oé→óe, uỷ→ủy), so the
 * two spellings a citizen may type compare equal with `===`. Keeps every diacritic.
 */
export function normalizeVi(input: string): string {
  return input
    .normalize('NFD')
    .replace(OA_OE, '$1$3$2')
    .replace(UY, '$1$3$2')
    .normalize('NFC');
}
