/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * While a space opens, the roster's filters read its read index (renderer/app/roster-preview.ts): the
 * chapter's own names for its needs, resources, languages and tags come from there too (the index holds
 * the catalogue), so the filters show "Rides to meetings", not the stored code; a tag is shown by the
 * chapter's name for it, live as well. Built-in codes read in the organizer's language throughout.
 */
import { act, screen, within } from '@testing-library/react';
import { useState } from 'react';
import * as Y from 'yjs';
import { RosterPreview, RosterPreviewContext } from '../../../renderer/app/roster-preview';
import { SpaceContext, useSpace } from '../../../renderer/app/SpaceContext';
import { SpaceLoading } from '../../../renderer/app/space-loading';
import { Roster } from '../../../renderer/views/roster/Roster';
import { SpaceData } from '../../../shared/model';
import { readRosterIndex, rosterIndexPieces } from '../../../shared/model/roster-index';
import { renderView, space } from './render-view';

/** A chapter that named its own need and renamed a tag, as stored at the last lock. */
function chapter() {
  const writer = space();
  writer.catalogue.save('need', 'rides_to_meetings', { label: 'Rides to meetings' });
  writer.catalogue.save('resource', 'has_a_van', { label: 'Has a van' });
  writer.catalogue.save('tag', 'tnt', { label: 'Tenant organizing team' });
  writer.members.create({
    firstName: 'Ana',
    membershipStatus: 'good_standing',
    needs: ['rides_to_meetings', 'childcare'],
    resources: ['has_a_van'],
    tags: ['tnt'],
  });
  return readRosterIndex(rosterIndexPieces(writer).map((piece) => piece()));
}

/** Slices run at once. */
const atOnce = new SpaceLoading(
  (slice) => slice(),
  () => 0,
);

/** The shell while the space opens: an empty stand-in document, the preview from the index. */
function Opening({ preview }: { readonly preview: RosterPreview }) {
  const outer = useSpace();
  const [standIn] = useState(() => new SpaceData(new Y.Doc(), 'dev-A', { migrate: false }));
  return (
    <SpaceContext.Provider value={{ ...outer, data: standIn, opening: 'space' as const }}>
      <RosterPreviewContext.Provider value={preview}>
        <Roster />
      </RosterPreviewContext.Provider>
    </SpaceContext.Provider>
  );
}

const options = (label: string) =>
  within(screen.getByLabelText(label))
    .getAllByRole('option')
    .map((o) => o.textContent);

test.each([
  ['en', 'Need', 'Resource', 'Tag', 'Childcare', 'Membership status', 'In good standing'],
  ['es', 'Necesidad', 'Recurso', 'Etiqueta', 'Cuidado infantil', 'Estado de membresía', 'Al corriente'],
])(
  'in %s, the filters of a space still opening name the chapter’s own codes',
  async (lng, need, resource, tag, childcare, status, standing) => {
    const preview = new RosterPreview(chapter(), atOnce);
    await renderView(space(), <Opening preview={preview} />, lng);
    await act(async () => undefined);
    expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('1'); // the preview is shown
    expect(options(need)).toContain('Rides to meetings');
    expect(options(need)).toContain(childcare);
    expect(options(need)).not.toContain('rides_to_meetings');
    expect(options(resource)).toContain('Has a van');
    expect(options(tag)).toContain('Tenant organizing team');
    expect(options(tag)).not.toContain('tnt');
    expect(options(status)).toContain(standing);
  },
);

test('live, a tag is shown by the chapter’s name for it as well', async () => {
  const data = space();
  data.catalogue.save('tag', 'tnt', { label: 'Tenant organizing team' });
  data.members.create({ firstName: 'Ana', tags: ['tnt', 'phone bank'] });
  await renderView(data, <Roster />, 'en');
  expect(options('Tag')).toEqual(expect.arrayContaining(['Tenant organizing team', 'phone bank']));
  expect(options('Tag')).not.toContain('tnt');
});
