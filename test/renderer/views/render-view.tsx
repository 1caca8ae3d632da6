/**
 * Any view rendered on a real space document (Yjs + shared/model), as the shell does: the space's context never
 * changes, and views follow the collections they read (useRecords), told after each transaction instead of each frame.
 */
import { act, render, type RenderResult } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import type { Route } from '../../../renderer/app/routes';
import { SpaceContext, type SpaceState } from '../../../renderer/app/SpaceContext';
import { changesOf } from '../../../renderer/app/space-changes';
import { SpaceData } from '../../../shared/model';

export async function renderView(
  data: SpaceData,
  view: ReactElement,
  lng = 'en',
  spaceId = 'space-1',
): Promise<RenderResult & { readonly routes: Route[]; readonly i18n: typeof i18next }> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng,
    interpolation: { escapeValue: false },
  });
  const routes: Route[] = [];
  const state: SpaceState = { data, spaceId, deviceId: data.author, navigate: (route) => routes.push(route) };
  const changes = changesOf(data);
  data.doc.on('afterTransaction', () => act(() => changes.flush()));
  const result = render(
    <I18nextProvider i18n={i18n}>
      <SpaceContext.Provider value={state}>{view}</SpaceContext.Provider>
    </I18nextProvider>,
  );
  return { ...result, routes, i18n };
}

export function space(author = 'dev-A'): SpaceData {
  let n = 0;
  return new SpaceData(new Y.Doc(), author, { newId: () => `id${++n}` });
}
