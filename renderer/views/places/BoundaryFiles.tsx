/**
 * The chapter's own boundary files (GeoJSON of council districts, neighborhoods, branch turf):
 * checked and reduced (shared/model/boundary.ts), kept encrypted in the space like any record, drawn
 * on the map, and turned into regions: one per shape, holding the ZIP codes whose centre lies in it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOUNDARY_KINDS, BoundaryError, parseBoundaryFile, type BoundaryKind } from '../../../shared/model/boundary';
import { regionsFromBoundary } from '../../../shared/model/places';
import type { Region } from '../../../shared/model/region';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useCentroids } from './useGeo';
import { readShapes } from './hooks';
import { readChosenFile } from '../import/files';
import { Select } from '../../components/fields';
import { FileChooser } from '../../components/FileChooser';

/** A GeoJSON file is UTF-8 (RFC 7946); anything else reads as "not JSON". */
function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the empty text is refused as "not JSON" with a clear message.
    return '';
  }
}

export function BoundaryFiles({ regions }: { readonly regions: readonly Region[] }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const centroids = useCentroids();
  const files = useRecords(
    (data) => data.boundaries.all().sort((a, b) => a.name.localeCompare(b.name)),
    [],
    'boundaries',
  );
  const [kind, setKind] = useState<BoundaryKind>('council_district');
  const status = useStatusLine();
  const [deleting, setDeleting] = useState<string | null>(null);

  async function choose(file: File) {
    status.clear();
    try {
      const parsed = parseBoundaryFile(utf8(await readChosenFile(file)));
      const name = file.name.replace(/\.(geo)?json$/i, '').slice(0, 200) || t('places.boundaries.untitled');
      data.boundaries.create({ name, kind, geojson: parsed.geojson });
      status.say('places.boundaries.added', { name, count: parsed.shapes.length, skipped: parsed.skipped });
    } catch (e) {
      if (e instanceof BoundaryError) status.problem(`places.boundaries.problem.${e.problem}`);
      else status.fail(e);
    }
  }

  /** One region per area (or the one made before, re-drawn), then the members placed once for all. */
  function makeRegions(boundaryId: string) {
    const record = data.boundaries.get(boundaryId);
    const shapes = record ? readShapes(record) : null;
    if (!shapes || !centroids) return;
    try {
      const { made, updated } = regionsFromBoundary(data, boundaryId, shapes, centroids);
      status.say('places.boundaries.regionsMade', { count: made, updated });
    } catch (e) {
      status.fail(e);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('places.boundaries.title')}</h2>
      <p className="hint">{t('places.boundaries.intro')}</p>
      <div className="boundary-add">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('places.boundaries.kind')}</label>
          <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as BoundaryKind)}>
            {BOUNDARY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`places.boundaries.kinds.${k}`)}
              </option>
            ))}
          </Select>
        </div>
        <FileChooser
          className="field"
          label={t('places.boundaries.file')}
          accept=".geojson,.json,application/geo+json,application/json"
          onChoose={(file) => void choose(file)}
        />
      </div>
      <StatusLine said={status.said} className="hint" />
      {files.length > 0 && (
        <ul className="boundary-list">
          {files.map((f) => {
            const shapes = readShapes(f);
            return (
              <li key={f.id}>
                <strong>{f.name}</strong> ({t(`places.boundaries.kinds.${f.kind}`)}){' '}
                {shapes ? (
                  <>
                    {t('places.boundaries.shapes', { count: shapes.length })}{' '}
                    <button type="button" disabled={!centroids} onClick={() => makeRegions(f.id)}>
                      {t('places.boundaries.makeRegions')}
                      <span className="visually-hidden"> {f.name}</span>
                    </button>
                  </>
                ) : (
                  <span className="error">{t('places.boundaries.unreadable')}</span>
                )}{' '}
                <button type="button" onClick={() => setDeleting(f.id)}>
                  {t('common.delete')}
                  <span className="visually-hidden"> {f.name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('places.boundaries.deleteTitle')}
        message={t('places.boundaries.deleteQuestion')}
        confirmLabel={t('common.delete')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const boundaryId = deleting;
          setDeleting(null);
          if (!boundaryId) return;
          data.transact(() => {
            for (const r of regions)
              if (r.boundary?.boundaryId === boundaryId) data.regions.update(r.id, { boundary: undefined });
            data.boundaries.delete(boundaryId);
          });
        }}
      />
    </section>
  );
}
