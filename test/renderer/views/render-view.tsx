/** Any view rendered on a real space document (Yjs + shared/model), as the shell would, with a revision to bump. */
import { act, render, type RenderResult } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import type { Route } from '../../../renderer/app/routes';
import { SpaceContext, type SpaceState } from '../../../renderer/app/SpaceContext';
import { SpaceData } from '../../../shared/model';

export async function renderView(
  data: SpaceData,
  view: ReactElement,
  lng = 'en',
  spaceId = 'space-1',
): Promise<RenderResult & { readonly routes: Route[] }> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng,
    interpolation: { escapeValue: false },
  });
  const routes: Route[] = [];
  let revision = 0;
  const state = (): SpaceState => ({
    data,
    spaceId,
    deviceId: data.author,
    revision,
    navigate: (route) => routes.push(route),
  });
  const tree = () => (
    <I18nextProvider i18n={i18n}>
      <SpaceContext.Provider value={state()}>{view}</SpaceContext.Provider>
    </I18nextProvider>
  );
  const result = render(tree());
  // The shell bumps the revision after every change of the document; here, after each transaction.
  const onUpdate = () => {
    revision++;
    result.rerender(tree());
  };
  data.doc.on('afterTransaction', () => act(onUpdate));
  return { ...result, routes };
}

export function space(author = 'dev-A'): SpaceData {
  let n = 0;
  return new SpaceData(new Y.Doc(), author, { newId: () => `id${++n}` });
}
