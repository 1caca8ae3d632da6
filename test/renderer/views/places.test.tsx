/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * Map and regions on a real space document (Yjs + shared/model), rendered with Testing Library:
 * regions made by typing and pasting ZIP codes move the members; the one-click fix; merge and
 * delete; the chapter's own need offered on the member form; the map's table holds the model's
 * counts and opens the roster filtered to a region; ZIP counts under 3 are not shown; who nearby
 * can help; Spanish plurals.
 */
import { chooseFile } from '../choose-file';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { performance as nodePerformance } from 'node:perf_hooks';
import * as Y from 'yjs';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import type { Route } from '../../../renderer/app/routes';
import { SpaceContext } from '../../../renderer/app/SpaceContext';
import { changesOf } from '../../../renderer/app/space-changes';
import { MemberProfile } from '../../../renderer/views/member/MemberProfile';
import { NearbyHelp } from '../../../renderer/views/member/NearbyHelp';
import { Places } from '../../../renderer/views/places/Places';
import { loadCentroids } from '../../../renderer/views/places/geo';
import { createRegion, SpaceData } from '../../../shared/model';

// jsdom's performance has no marks or measures; the map times itself with them (for npm run bench).
beforeAll(() => {
  const perf = performance as unknown as Record<string, unknown>;
  for (const name of ['mark', 'measure', 'getEntriesByName', 'clearMarks', 'clearMeasures'] as const)
    perf[name] ??= (nodePerformance[name] as (...a: unknown[]) => unknown).bind(nodePerformance);
});

/** Waits for the packaged ZIP centroids to load and the views that asked for them to update. */
async function settled(): Promise<void> {
  await act(async () => {
    await loadCentroids();
    await new Promise((r) => setTimeout(r, 0));
  });
}

function space(): SpaceData {
  let n = 0;
  return new SpaceData(new Y.Doc(), 'dev-A', { newId: () => `r${++n}` });
}

/** The open space as the shell provides it (a context that never changes); views are told of changes after each transaction. */
function Live({ data, children, routes }: { data: SpaceData; children: ReactNode; routes: Route[] }) {
  const [state] = useState(() => ({ data, spaceId: 's', deviceId: 'dev-A', navigate: (r: Route) => routes.push(r) }));
  useEffect(() => {
    const changes = changesOf(data);
    const flush = () => act(() => changes.flush());
    data.doc.on('afterTransaction', flush);
    return () => data.doc.off('afterTransaction', flush);
  }, [data]);
  return <SpaceContext.Provider value={state}>{children}</SpaceContext.Provider>;
}

async function show(data: SpaceData, ui: ReactNode, lng = 'en') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  const routes: Route[] = [];
  render(
    <I18nextProvider i18n={i18n}>
      <Live data={data} routes={routes}>
        {ui}
      </Live>
    </I18nextProvider>,
  );
  return routes;
}

test('regions: typed and pasted ZIP codes place the members; the one-click fix; merge; delete', async () => {
  const user = userEvent.setup();
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', zip: '90033' });
  data.members.create({ firstName: 'Ben', zip: '90012' });
  data.members.create({ firstName: 'Carmen', zip: '90012-0001' });
  const routes = await show(data, <Places tab="regions" />);
  expect(screen.getByText('3 members have no region.')).toBeTruthy();
  expect(screen.getByText(/Make regions first/)).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'New region' }));
  const form = screen.getByRole('form', { name: 'New region' });
  await user.type(within(form).getByLabelText('Name'), 'Eastside');
  await user.type(within(form).getByLabelText('Branch'), 'East');
  await user.type(within(form).getByLabelText('ZIP codes', { selector: 'textarea' }), '90033; 90063');
  expect(within(form).getByText(/^2 ZIP codes\./)).toBeTruthy();
  await user.click(within(form).getByRole('button', { name: 'Save' }));
  await screen.findByText('Eastside was saved: 1 member in it.');
  expect(data.members.get(ana)).toMatchObject({ branch: 'East', regionByHand: false });
  expect(screen.getByText('2 members have no region.')).toBeTruthy();

  // The fix: 90012 (two members) joins Eastside in one click.
  await user.selectOptions(screen.getByLabelText('Region for ZIP code 90012'), 'Eastside');
  await user.click(screen.getByRole('button', { name: 'Add 90012' }));
  await screen.findByText('90012 was added to Eastside: 2 members joined it.');
  expect(screen.getByText('Every member has a region.')).toBeTruthy();

  // Merge a second region into Eastside, then delete Eastside: everyone goes back to no region.
  let west = '';
  let dev = '';
  act(() => {
    west = createRegion(data, { name: 'Westside', zipText: '90064' });
    dev = data.members.create({ firstName: 'Dev', zip: '90064' });
  });
  await screen.findByRole('rowheader', { name: 'Westside' });
  await user.click(screen.getByRole('button', { name: 'Westside' })); // its members in the roster
  expect(routes.at(-1)).toEqual({ view: 'roster', filters: { regionIds: [west] } });
  await user.click(screen.getByRole('button', { name: 'Merge Westside' }));
  await user.selectOptions(screen.getByLabelText('Merge Westside into'), 'Eastside');
  await user.click(screen.getByRole('button', { name: 'Merge' }));
  await screen.findByText('Westside was merged into Eastside.');
  expect(data.regions.get(west)).toBeUndefined();
  expect(data.members.get(dev)?.regionId).toBe(data.members.get(ana)?.regionId);
  await user.click(screen.getByRole('button', { name: 'Delete Eastside' }));
  expect(
    screen.getByText('Delete Eastside? Its 4 members go back to the region of their ZIP code, or to none.'),
  ).toBeTruthy();
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
  await screen.findByText('4 members have no region.');
});

test('a boundary file: refused in plain words when it is not GeoJSON (nothing stored); its areas made into regions', async () => {
  const user = userEvent.setup();
  const data = space();
  await show(data, <Places tab="regions" />);
  await settled();
  await chooseFile(user, 'GeoJSON file', new File(['{"hello":'], 'districts.geojson'));
  await screen.findByText('This is not a GeoJSON file: it could not be read as JSON.');
  expect(data.boundaries.size).toBe(0);
  const square = [
    [-118.3, 34],
    [-118.3, 34.1],
    [-118.2, 34.1],
    [-118.2, 34],
    [-118.3, 34],
  ];
  const file = JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: 'CD 1' }, geometry: { type: 'Polygon', coordinates: [square] } }],
  });
  await chooseFile(user, 'GeoJSON file', new File([file], 'districts.geojson'));
  await screen.findByText('districts was added: 1 area.');
  expect(data.boundaries.all()[0]).toMatchObject({ name: 'districts', kind: 'council_district' });

  // Its area becomes a region holding the ZIP codes whose centre lies inside, and their members join it.
  let ana = '';
  act(() => {
    ana = data.members.create({ firstName: 'Ana', zip: '90012' });
  });
  await user.click(screen.getByRole('button', { name: 'Make regions from its areas districts' }));
  await screen.findByText('1 region made, 0 updated.');
  const [region] = data.regions.all();
  expect(region).toMatchObject({ name: 'CD 1', boundary: { boundaryId: data.boundaries.all()[0]!.id, feature: 0 } });
  expect(region!.zips).toContain('90012');
  expect(region!.zips).not.toContain('90731'); // San Pedro, far south
  expect(data.members.get(ana)?.regionId).toBe(region!.id);
});

test('the chapter’s own need is offered on the member form; a need it no longer offers is not', async () => {
  const user = userEvent.setup();
  const data = space();
  const id = data.members.create({ firstName: 'Ana' });
  await show(
    data,
    <>
      <Places tab="needs" />
      <MemberProfile memberId={id} />
    </>,
  );
  await user.click(screen.getByRole('button', { name: 'Edit Languages, needs and what they offer' }));
  await user.click(screen.getByText(/^Needs \(/));
  await user.type(screen.getByLabelText('New need'), 'Wheelchair ramp');
  await user.click(screen.getAllByRole('button', { name: 'Add' })[0]!);
  await screen.findByText('Wheelchair ramp was added.');
  await user.click(screen.getByRole('checkbox', { name: 'Not offered Evenings only' }));
  const needs = screen.getByRole('group', { name: 'Needs' });
  await waitFor(() => expect(within(needs).getByRole('checkbox', { name: 'Wheelchair ramp' })).toBeTruthy());
  expect(within(needs).queryByRole('checkbox', { name: 'Evenings only' })).toBeNull();
});

test('the map’s table: the model’s counts by region, a click opens the roster filtered to it; by ZIP, under 3 is not shown', async () => {
  const user = userEvent.setup();
  const data = space();
  const east = createRegion(data, { name: 'Eastside', zipText: '90033 90063' });
  for (const zip of ['90033', '90033', '90033', '90063']) data.members.create({ firstName: 'A', zip, needs: ['ride'] });
  data.members.create({ firstName: 'B', zip: '90012' });
  const routes = await show(data, <Places tab="map" />);
  const table = await screen.findByTestId('map-table');
  expect(within(table).getByRole('row', { name: 'Eastside 4' })).toBeTruthy();
  expect(within(table).getByRole('row', { name: 'No region 1' })).toBeTruthy();
  expect(screen.getByText('5 members counted: Members')).toBeTruthy();
  await user.click(within(table).getByRole('button', { name: 'Eastside' }));
  expect(routes.at(-1)).toEqual({ view: 'roster', filters: { regionIds: [east] } });

  await user.selectOptions(screen.getByLabelText('Colour by'), 'need:ride');
  await user.click(screen.getByRole('radio', { name: 'ZIP code' }));
  await screen.findByText('4 members counted: Ride');
  expect(within(table).getByRole('row', { name: '90033 Eastside 3' })).toBeTruthy();
  expect(within(table).getByRole('row', { name: '90063 Eastside Fewer than 3' })).toBeTruthy();
  await user.click(within(table).getByRole('button', { name: '90063' }));
  expect(routes.at(-1)).toEqual({ view: 'roster', filters: { needs: ['ride'], zips: ['90063'] } });
});

test('who nearby can help, in Spanish, with each helper’s consent', async () => {
  const data = space();
  createRegion(data, { name: 'Eastside', zipText: '90033' });
  const ana = data.members.create({ firstName: 'Ana', zip: '90033', needs: ['ride', 'accessibility'] });
  data.members.create({ firstName: 'Zoe', lastName: 'Kim', zip: '90033', resources: ['has_car'] });
  data.members.create({ firstName: 'Yara', zip: '90033', resources: ['has_car'], doNotCall: true });
  await show(data, <NearbyHelp member={data.members.get(ana)!} />, 'es');
  await settled(); // the ZIP centroids, for regions next to each other
  expect(screen.getByRole('heading', { name: 'Quién cerca puede ayudar' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Zoe Kim' })).toBeTruthy();
  expect(screen.getAllByText('misma región · Tiene auto')).toHaveLength(2);
  // Her consent comes with her name: she asked not to be called.
  expect(screen.getByRole('button', { name: 'Yara' }).closest('li')?.textContent).toBe(
    'Yara misma región · Tiene autoNo llamar',
  );
  expect(screen.getByRole('button', { name: 'Zoe Kim' }).closest('li')?.textContent).toBe(
    'Zoe Kim misma región · Tiene auto',
  );
  expect(screen.getByText(/todavía no dicen qué atiende esta necesidad/)).toBeTruthy();
});

test('the region form names, before saving (in Spanish), a ZIP code another region holds and one the map does not know; saving moves the first with its members', async () => {
  const user = userEvent.setup();
  const data = space();
  const east = createRegion(data, { name: 'Eastside', zipText: '90033 90063' });
  const west = createRegion(data, { name: 'Westside', zipText: '90064' });
  const ana = data.members.create({ firstName: 'Ana', zip: '90063' });
  await show(data, <Places tab="regions" />, 'es');
  await user.click(screen.getByRole('button', { name: 'Editar Westside' }));
  const zips = screen.getByLabelText('Códigos postales', { selector: 'textarea' });
  await user.type(zips, ' 90063 90033');
  expect(screen.getByTestId('zips-moving').textContent).toBe(
    '2 de estos códigos postales están ahora en otras regiones; al guardar, pasarán a esta con sus miembros: 90063 (Eastside), 90033 (Eastside).',
  );
  await settled(); // the packaged ZIP table: a typo is named
  await user.type(zips, ' 90999');
  expect(screen.getByTestId('zips-unknown').textContent).toBe(
    '1 de estos no es una zona de código postal del mapa (un error de escritura, o un código solo para apartados postales): 90999. Los miembros que lo tienen igual pasan a esta región.',
  );
  await user.clear(zips);
  await user.type(zips, '90064 90063');
  expect(screen.queryByTestId('zips-unknown')).toBeNull();
  expect(screen.getByTestId('zips-moving').textContent).toMatch(
    /^1 de estos códigos postales está ahora en otra región;/,
  );
  await user.click(screen.getByRole('button', { name: 'Guardar' }));
  await screen.findByText('Se guardó Westside: 1 miembro en ella.');
  expect(data.regions.get(east)?.zips).toEqual(['90033']);
  expect(data.members.get(ana)?.regionId).toBe(west);
});
