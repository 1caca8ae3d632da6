/** Space names on screen: the unnamed first space in the reader's language, and same-named spaces told apart. */
import i18next, { type TFunction } from 'i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { initCrypto, toBase64Url } from '../../../shared/crypto';
import { spaceLabel, spaceLabels, spaceTag } from '../../../renderer/components/space-names';

let next = 0;
/** Fixed ids, so the test never depends on two random tags differing. */
const spaceId = () => toBase64Url(new Uint8Array(16).fill(++next * 37));

let t: Record<'en' | 'es', TFunction>;
beforeAll(async () => {
  await initCrypto();
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, es: { translation: es } }, lng: 'en' });
  t = { en: i18n.getFixedT('en'), es: i18n.getFixedT('es') };
});

test('the unnamed first space reads "My chapter" in English and "Mi sección" in Spanish', () => {
  expect(spaceLabel('', t.en)).toBe('My chapter');
  expect(spaceLabel('', t.es)).toBe('Mi sección');
  expect(spaceLabel('Housing', t.es)).toBe('Housing');
});

test('two spaces with the same name get each a tag from its id; others keep their name', () => {
  const [a, b, c] = [spaceId(), spaceId(), spaceId()];
  const labels = spaceLabels(
    [
      { id: a, name: 'Housing' },
      { id: b, name: 'Housing' },
      { id: c, name: 'Tenants' },
    ],
    t.en,
  );
  expect(labels.get(a)).toBe(`Housing (no. ${spaceTag(a)})`);
  expect(labels.get(b)).toBe(`Housing (no. ${spaceTag(b)})`);
  expect(labels.get(a)).not.toBe(labels.get(b));
  expect(labels.get(c)).toBe('Tenants');
  expect(spaceTag(a)).toMatch(/^\d{5}$/);
  // Two unnamed spaces (joined from two chapters) are told apart too, in Spanish.
  const unnamed = spaceLabels(
    [
      { id: a, name: '' },
      { id: b, name: ' ' },
    ],
    t.es,
  );
  expect([...unnamed.values()]).toEqual([`Mi sección (n.º ${spaceTag(a)})`, `Mi sección (n.º ${spaceTag(b)})`]);
});
