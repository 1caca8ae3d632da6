/**
 * A region's name, branch and ZIP codes: typed, pasted (any separators), or picked on the map.
 * Saving moves the members of ZIP codes the region gained or lost (shared/model/places.ts).
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createRegion, updateRegion, zipsInOtherRegions } from '../../../shared/model/places';
import { zipsInText, type Region } from '../../../shared/model/region';
import { ErrorText } from '../../components/ErrorText';
import { message, type Message } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useBoundaryLayers, useRegions } from './hooks';
import { MapSvg } from './MapSvg';
import { scaleFor } from './scale';
import { useCentroids, useGeo } from './useGeo';
import { Form, Input, TextArea } from '../../components/fields';

interface Props {
  readonly region?: Region;
  readonly branches: readonly string[];
  /** ZIP codes the map frames (the chapter's). */
  readonly chapterZips: readonly string[];
  /** Closes the form, with what to say when the region was saved. */
  readonly onDone: (said?: Message) => void;
}

export function RegionForm({ region, branches, chapterZips, onDone }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const geo = useGeo();
  const layers = useBoundaryLayers();
  const [name, setName] = useState(region?.name ?? '');
  const [branch, setBranch] = useState(region?.branch ?? '');
  const [zipText, setZipText] = useState((region?.zips ?? []).join(', '));
  const [error, setError] = useState<unknown>(null);
  const zips = useMemo(() => zipsInText(zipText), [zipText]);
  const picked = useMemo(() => new Set(zips), [zips]);
  const regions = useRegions();
  // What saving takes from other regions: said before saving, so no member moves unannounced.
  const moving = useMemo(() => zipsInOtherRegions(regions, region?.id, zips), [regions, region, zips]);
  // A typo places nobody: ZIP codes the packaged table does not know are named (PO-box-only ones too).
  const centroids = useCentroids();
  const unknown = useMemo(() => (centroids ? zips.filter((z) => !centroids.has(z)) : []), [centroids, zips]);
  const others = useMemo(
    () => new Set(regions.filter((r) => r.id !== region?.id).flatMap((r) => r.zips)),
    [regions, region],
  );
  const geometry = useMemo(
    () => (geo.status === 'ready' ? geo.mapGeometry(geo.outlines, geo.centroids, chapterZips, layers) : null),
    [geo, chapterZips, layers],
  );

  function toggle(zip: string) {
    const next = picked.has(zip) ? zips.filter((z) => z !== zip) : [...zips, zip];
    setZipText(next.join(', '));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      if (region) updateRegion(data, region.id, { name, branch, zipText });
      else createRegion(data, { name, branch, zipText });
      const saved = region ?? data.regions.all().find((r) => r.name === name.trim());
      const after = saved ? data.members.all().filter((m) => m.regionId === saved.id).length : 0;
      onDone(message('places.regions.saved', { name: name.trim(), count: after }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form className="region-form" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {region ? t('places.regions.editTitle', { name: region.name }) : t('places.regions.newTitle')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('places.regions.name')}</label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-branch`}>{t('places.regions.branch')}</label>
        <Input
          id={`${id}-branch`}
          value={branch}
          onChange={(e) => setBranch(e.target.value)}
          list={`${id}-branches`}
          maxLength={100}
        />
        <datalist id={`${id}-branches`}>
          {branches.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
      </div>
      <div className="field wide">
        <label htmlFor={`${id}-zips`}>{t('places.regions.zips')}</label>
        <TextArea
          id={`${id}-zips`}
          rows={3}
          value={zipText}
          onChange={(e) => setZipText(e.target.value)}
          aria-describedby={`${id}-zips-hint`}
        />
        <p id={`${id}-zips-hint`} className="hint">
          {t('places.regions.zipsHint', { count: zips.length })}
        </p>
        {unknown.length > 0 && (
          <p className="notice" data-testid="zips-unknown">
            {t('places.regions.zipsUnknown', { count: unknown.length, list: unknown.join(', ') })}
          </p>
        )}
        {moving.length > 0 && (
          <p className="notice" data-testid="zips-moving">
            {t('places.regions.zipsMoving', {
              count: moving.length,
              list: moving.map((m) => t('places.regions.zipIn', { zip: m.zip, name: m.region.name })).join(', '),
            })}
          </p>
        )}
      </div>
      {geometry && (
        <div className="pick-map">
          <p className="hint">{t('places.regions.pickHint')}</p>
          <MapSvg
            geometry={geometry}
            title={t('places.regions.pickTitle')}
            places={[]}
            scale={scaleFor([])}
            showLabels={false}
            picked={picked}
            others={others}
            onPick={toggle}
          />
        </div>
      )}
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </Form>
  );
}
