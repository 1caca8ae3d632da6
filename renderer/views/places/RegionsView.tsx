/**
 * The chapter's regions and branches: make, rename, re-draw, merge and delete them; the members
 * who have no region, with the one-click fix; the chapter's boundary files.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { branchNames, deleteRegion, mergeRegions } from '../../../shared/model/places';
import type { Region } from '../../../shared/model/region';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusLine, message, useStatusLine, type Message } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useMembers } from '../../app/useRoster';
import { BoundaryFiles } from './BoundaryFiles';
import { Branches } from './Branches';
import { useChapterZips, useRegions } from './hooks';
import { RegionForm } from './RegionForm';
import { Unplaced } from './Unplaced';
import { Form, Select } from '../../components/fields';
import { formatCount } from '../../components/numbers';

export function RegionsView() {
  const { t, i18n } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const regions = useRegions();
  const members = useMembers();
  const zips = useChapterZips(regions, members);
  const branches = useMemo(() => branchNames(regions, members), [regions, members]);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const m of members) if (m.regionId) c.set(m.regionId, (c.get(m.regionId) ?? 0) + 1);
    return c;
  }, [members]);
  const [editing, setEditing] = useState<Region | 'new' | null>(null);
  const [merging, setMerging] = useState<Region | null>(null);
  const [mergeInto, setMergeInto] = useState('');
  const [deleting, setDeleting] = useState<Region | null>(null);
  const status = useStatusLine();

  const run = (fn: () => void, done: Message) => {
    try {
      fn();
      status.say(done);
    } catch (e) {
      status.fail(e);
    }
  };

  return (
    <div className="regions-view">
      <section aria-labelledby={`${id}-regions`}>
        <div className="view-head">
          <h2 id={`${id}-regions`}>{t('places.regions.title')}</h2>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('places.regions.add')}
          </button>
        </div>
        <StatusLine said={status.said} className="hint" />
        {editing && (
          <RegionForm
            key={editing === 'new' ? 'new' : editing.id}
            region={editing === 'new' ? undefined : editing}
            branches={branches}
            chapterZips={zips}
            onDone={(done) => {
              setEditing(null);
              if (done) status.say(done);
            }}
          />
        )}
        {regions.length === 0 ? (
          <p className="empty">{t('places.regions.none')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('places.regions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('places.regions.name')}</th>
                <th scope="col">{t('places.regions.branch')}</th>
                <th scope="col">{t('places.regions.zips')}</th>
                <th scope="col" className="num">
                  {t('places.regions.members')}
                </th>
                <th scope="col">{t('roster.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.id} data-region={r.id}>
                  <th scope="row">
                    {/* The region's members in the roster, as from the map. */}
                    <button
                      type="button"
                      className="link"
                      onClick={() => navigate({ view: 'roster', filters: { regionIds: [r.id] } })}
                    >
                      {r.name}
                    </button>
                  </th>
                  <td>{r.branch ?? ''}</td>
                  <td className="zips">
                    {r.zips.length ? t('places.regions.zipList', { count: r.zips.length, zips: short(r.zips) }) : ''}
                  </td>
                  <td className="num">{formatCount(counts.get(r.id) ?? 0, i18n.language)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(r)}>
                      {t('common.edit')}
                      <span className="visually-hidden"> {r.name}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setMerging(r);
                        setMergeInto('');
                      }}
                      disabled={regions.length < 2}
                    >
                      {t('places.regions.merge')}
                      <span className="visually-hidden"> {r.name}</span>
                    </button>
                    <button type="button" onClick={() => setDeleting(r)}>
                      {t('common.delete')}
                      <span className="visually-hidden"> {r.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {merging && (
          <Form
            className="merge-form"
            onSubmit={(e) => {
              e.preventDefault();
              const into = regions.find((r) => r.id === mergeInto);
              if (!into) return;
              run(
                () => mergeRegions(data, merging.id, into.id),
                message('places.regions.merged', { from: merging.name, into: into.name }),
              );
              setMerging(null);
            }}
          >
            <label htmlFor={`${id}-into`}>{t('places.regions.mergeInto', { name: merging.name })}</label>
            <Select id={`${id}-into`} value={mergeInto} onChange={(e) => setMergeInto(e.target.value)} required>
              <option value="">{t('places.regions.choose')}</option>
              {regions
                .filter((r) => r.id !== merging.id)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
            </Select>
            <button type="submit" className="primary" disabled={!mergeInto}>
              {t('places.regions.merge')}
            </button>
            <button type="button" onClick={() => setMerging(null)}>
              {t('common.cancel')}
            </button>
            <p className="hint">{t('places.regions.mergeHint')}</p>
          </Form>
        )}
      </section>
      <Unplaced regions={regions} members={members} />
      <Branches branches={branches} regions={regions} members={members} />
      <BoundaryFiles regions={regions} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('places.regions.deleteTitle')}
        message={
          deleting
            ? t('places.regions.deleteQuestion', { name: deleting.name, count: counts.get(deleting.id) ?? 0 })
            : ''
        }
        confirmLabel={t('common.delete')}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const r = deleting;
          setDeleting(null);
          if (r) run(() => deleteRegion(data, r.id), message('places.regions.deleted', { name: r.name }));
        }}
      />
    </div>
  );
}

/** The first few ZIP codes of a long list. */
function short(zips: readonly string[]): string {
  return zips.length <= 6 ? zips.join(', ') : `${zips.slice(0, 6).join(', ')}…`;
}
