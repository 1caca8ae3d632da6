/** The import screen rendered on a real space document (Yjs + shared/model), for the import view tests. */
import { act, render } from '@testing-library/react';
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { SpaceContext } from '../../../renderer/app/SpaceContext';
import { changesOf } from '../../../renderer/app/space-changes';
import { Import } from '../../../renderer/views/import/Import';
import { SpaceData } from '../../../shared/model';

export function fixtureFile(name: string): File {
  const bytes = readFileSync(join(__dirname, '..', '..', 'shared', 'csv', 'fixtures', name));
  return new File([bytes], name, { type: 'text/csv' });
}

export async function renderImport(data: SpaceData, lng = 'en') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  const state = { data, spaceId: 'space-1', deviceId: 'dev-A', navigate: () => undefined };
  const view = render(
    <I18nextProvider i18n={i18n}>
      <SpaceContext.Provider value={state}>
        <Import />
      </SpaceContext.Provider>
    </I18nextProvider>,
  );
  // Tells the views of the changes made so far now, as the next animation frame would (renderer/app/space-changes.ts).
  const flush = () => act(() => changesOf(data).flush());
  return { flush, unmount: view.unmount };
}

export function space(): SpaceData {
  let n = 0;
  return new SpaceData(new Y.Doc(), 'dev-A', { newId: () => `m${++n}` });
}
