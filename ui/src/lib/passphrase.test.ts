import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './passphrase';

describe('passphraseStrength', () => {
  it('asks for eight characters first', () => {
    expect(passphraseStrength('abc').level).toBe('too-short');
    expect(passphraseStrength('').hint).toContain('8 characters');
  });

  it('calls repetitive or plain short passphrases weak', () => {
    expect(passphraseStrength('aaaaaaaaaaaa').level).toBe('weak');
    expect(passphraseStrength('password').level).toBe('weak');
  });

  it('rates a few unrelated words as strong', () => {
    expect(passphraseStrength('otter lantern maple violin').level).toBe('strong');
  });

  it('sits in between for a middling passphrase', () => {
    expect(passphraseStrength('Blue-door7').level).toBe('fair');
  });
});
