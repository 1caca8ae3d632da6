/** A list's members still to reach, as a printable call (text, mail) sheet: the table the PDF holds. */
import type { TFunction } from 'i18next';
import { displayName } from '../../../shared/model/member';
import type { ContactList, ListEntry } from '../../../shared/model/list';
import type { PdfTable } from '../../components/pdf';

export function callSheet(
  t: TFunction,
  list: ContactList,
  open: readonly ListEntry[],
  language: (code: string) => string,
  onDay: string,
): PdfTable {
  const mail = list.channel === 'mail';
  const header = mail
    ? [
        '#',
        t('lists.sheet.name'),
        t('lists.sheet.address'),
        t('lists.sheet.city'),
        t('lists.sheet.zip'),
        t('lists.sheet.outcome'),
      ]
    : [
        '#',
        t('lists.sheet.name'),
        t('lists.sheet.phone'),
        t('lists.sheet.languages'),
        t('lists.sheet.outcome'),
        t('lists.sheet.notes'),
      ];
  const rows = open.map((e, i) => {
    const m = e.member!;
    return mail
      ? [String(i + 1), displayName(m), (m.address?.lines ?? []).join(', '), m.address?.city ?? '', m.zip ?? '', '']
      : [String(i + 1), displayName(m), m.phones[0] ?? '', m.languages.map(language).join(', '), '', ''];
  });
  return {
    title: list.name,
    lines: [
      t(`lists.sheet.kind.${list.channel}`),
      [list.assignedOrganizer ? t('lists.sheet.organizer', { name: list.assignedOrganizer }) : '', onDay]
        .filter(Boolean)
        .join(' · '),
    ],
    header,
    rows,
    widths: mail ? [0.4, 3, 4, 2, 1, 2.5] : [0.4, 3, 2, 1.6, 2.2, 3.5],
    footer: [t('lists.sheet.outcomes'), t('lists.sheet.confidential')],
    landscape: true,
    rowHeight: 26,
    pageLabel: (page, pages) => t('lists.sheet.page', { page, pages }),
  };
}
