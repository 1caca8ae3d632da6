/** The notice of a change too large to save says so in plain words, in both languages, naming the space. */
import i18next from 'i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { problemText } from '../../../renderer/app/problems';
import type { SpaceId } from '../../../shared/crypto';
import { PROBLEM_VERSION, type Problem } from '../../../shared/sync/problems';

test.each([
  ['en', /^In My chapter, a change was not kept\. This change is too large to save: .*smaller parts/],
  [
    'es',
    /^En My chapter, un cambio no se conservó\. Este cambio es demasiado grande para guardarlo: .*partes más pequeñas/,
  ],
])('%s', async (lng, words) => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  const space = 'space-1' as SpaceId;
  const problem: Problem = {
    kind: 'store',
    problem: { kind: 'too-large', space, code: 'change-too-large' },
    v: PROBLEM_VERSION,
    id: 1,
    at: 0,
  };
  expect(problemText(i18n.t, problem, () => 'My chapter')).toMatch(words);
});
