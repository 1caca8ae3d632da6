import { MIN_STRENGTH, passphraseStrength } from '../../../renderer/views/first-run/strength';

test('short, common and repetitive passphrases are weak; long varied ones are strong enough', () => {
  expect(passphraseStrength('')).toBe(0);
  expect(passphraseStrength('abc123')).toBe(0);
  expect(passphraseStrength('password1')).toBeLessThan(MIN_STRENGTH);
  expect(passphraseStrength('aaaaaaaaaaaaaaaa')).toBeLessThan(MIN_STRENGTH);
  expect(passphraseStrength('violet tractor harbor 42 lantern')).toBeGreaterThanOrEqual(MIN_STRENGTH);
  expect(passphraseStrength('correct horse battery staple')).toBe(4);
});
