/** A view of the engagement screens rendered on a real space document, re-rendered after each change. */
import { act, render } from '@testing-library/react';
import i18next from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { SpaceContext } from '../../../renderer/app/SpaceContext';
import { changesOf } from '../../../renderer/app/space-changes';
import type { Route } from '../../../renderer/app/routes';
import { SpaceData } from '../../../shared/model';

function Harness({
  data,
  children,
  onNavigate,
}: {
  data: SpaceData;
  children: ReactNode;
  onNavigate: (r: Route) => void;
}) {
  // As the shell: a context that never changes; views are told of changes after each transaction.
  const [state] = useState(() => ({ data, spaceId: 'space-1', deviceId: 'dev-A', navigate: onNavigate }));
  useEffect(() => {
    const changes = changesOf(data);
    const flush = () => act(() => changes.flush());
    data.doc.on('afterTransaction', flush);
    return () => data.doc.off('afterTransaction', flush);
  }, [data]);
  return <SpaceContext.Provider value={state}>{children}</SpaceContext.Provider>;
}

export async function renderView(data: SpaceData, view: ReactNode, lng = 'en') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng,
    interpolation: { escapeValue: false },
  });
  const routes: Route[] = [];
  let result!: ReturnType<typeof render>;
  await act(async () => {
    result = render(
      <I18nextProvider i18n={i18n}>
        <Harness data={data} onNavigate={(r) => routes.push(r)}>
          {view}
        </Harness>
      </I18nextProvider>,
    );
  });
  return { routes, unmount: result.unmount, container: result.container };
}

export function space(): SpaceData {
  let n = 0;
  let clock = Date.parse('2025-05-10T12:00:00Z');
  return new SpaceData(new Y.Doc(), 'dev-A', { newId: () => `id${++n}`, now: () => clock++ });
}
