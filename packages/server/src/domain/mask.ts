/**
 * Masks for personal data in public answers. A dossier lookup needs only the code, so what it
 * returns must not identify anyone to a stranger who guessed or read a code (privacy by design).
 */

/**
 * "Nguyễn Văn An" → "Nguyễn V** A*": the family name stays (shared by millions, it helps the
 * applicant recognise the dossier); every other word keeps only its first letter.
 */
export function maskName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const hide = (w: string) => {
    const letters = Array.from(w);
    return letters[0] + '*'.repeat(letters.length - 1);
  };
  if (words.length === 1) return hide(words[0]!);
  return [words[0]!, ...words.slice(1).map(hide)].join(' ');
}

/**
 * "0912345678" → "091****678": the network prefix and last three digits, enough for the
 * applicant to recognise the number. Numbers too short to keep six digits are fully hidden.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length < 9) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 6) + digits.slice(-3);
}
