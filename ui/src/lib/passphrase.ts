// A gentle strength hint for a new passphrase. It guides; the only hard rule (8 characters)
// is enforced in Rust.

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

export const MIN_CHARS = 8;

export function passphraseStrength(passphrase: string): { level: Strength; hint: string } {
  const length = [...passphrase].length;
  if (length < MIN_CHARS) {
    return { level: 'too-short', hint: `At least ${MIN_CHARS} characters, please.` };
  }
  const words = passphrase.trim().split(/\s+/).filter(Boolean).length;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((kind) => kind.test(passphrase)).length;
  const uniqueChars = new Set(passphrase).size;
  if (uniqueChars < 5 || (length < 12 && kinds < 3)) {
    return { level: 'weak', hint: 'Easy to guess. A few unrelated words make it much stronger.' };
  }
  if (length >= 20 || (words >= 4 && length >= 16) || (length >= 14 && kinds >= 3)) {
    return { level: 'strong', hint: 'Strong. Make sure you both can remember it.' };
  }
  return { level: 'fair', hint: 'Fair. One or two more words would make it stronger.' };
}
