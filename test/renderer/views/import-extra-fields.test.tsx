/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * What an import keeps beyond the form is visible on the member's profile: kept columns (known ones by
 * their name in the user's language, new ones by their header), the union answer in the member's words
 * and earlier emails. English and Spanish.
 */
import { render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { ExtraFields } from '../../../renderer/views/member/ExtraFields';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { space } from '../../shared/csv/helpers';
import { HEADER_2023, weeklyFile } from '../../shared/csv/weekly';

async function profileOf(lng: string) {
  const data = space();
  const week = (email: string) =>
    weeklyFile(`${HEADER_2023},favorite_committee`, [
      {
        actionkit_id: '1',
        first_name: 'Ana',
        email,
        union_member: 'Currently organizing my workplace',
        congressional_district: 'CA-34',
        race: 'Latina',
        favorite_committee: 'housing',
      },
    ]);
  applyImport(data, planImport(data, parseNationalList(week('ana@old.example.org'))));
  applyImport(data, planImport(data, parseNationalList(week('ana@new.example.org'))));
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  render(
    <I18nextProvider i18n={i18n}>
      <ExtraFields member={data.members.all()[0]!} />
    </I18nextProvider>,
  );
}

/** The profile's list as label → value. */
function pairs(heading: string): Record<string, string> {
  const section = screen.getByRole('region', { name: heading });
  const out: Record<string, string> = {};
  for (const term of within(section).getAllByRole('term')) out[term.textContent!] = term.nextSibling!.textContent!;
  return out;
}

test('kept columns, the union answer and earlier emails are shown (English)', async () => {
  await profileOf('en');
  expect(pairs('More from the national list')).toEqual({
    'Union (in the member’s words)': 'Currently organizing my workplace',
    'Congressional district': 'CA-34',
    Race: 'Latina',
    'Column “favorite_committee”': 'housing',
    'Earlier emails': 'ana@old.example.org',
  });
});

test('the same in Spanish', async () => {
  await profileOf('es');
  expect(pairs('Más datos de la lista nacional')).toMatchObject({
    'Sindicato (en palabras del miembro)': 'Currently organizing my workplace',
    'Distrito del Congreso': 'CA-34',
    'Columna «favorite_committee»': 'housing',
    'Correos electrónicos anteriores': 'ana@old.example.org',
  });
});

test('a member the national list said nothing more about shows no empty section', async () => {
  const data = space();
  data.members.create({ firstName: 'Walk-in' });
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en } }, lng: 'en' });
  render(
    <I18nextProvider i18n={i18n}>
      <ExtraFields member={data.members.all()[0]!} />
    </I18nextProvider>,
  );
  expect(screen.queryByRole('region')).toBeNull();
});
