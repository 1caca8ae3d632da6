/** The space's lists and where each stands, read again when the lists, their members or their outcomes change. */
import { listProgress, outcomesByList, type ContactList, type ListProgress } from '../../../shared/model/list';
import { useRecords } from '../../app/useRecords';

export interface ListWithProgress {
  readonly list: ContactList;
  readonly progress: ListProgress;
}

export function useLists(): readonly ListWithProgress[] {
  return useRecords(
    (data) => {
      const outcomes = outcomesByList(data.notes.all());
      const member = (id: string) => data.members.get(id);
      return data.lists
        .all()
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((list) => ({ list, progress: listProgress(list, member, outcomes.get(list.id) ?? new Map()) }));
    },
    [],
    ['lists', 'members', 'notes'],
  );
}

export function useList(listId: string): ListWithProgress | undefined {
  return useLists().find((l) => l.list.id === listId);
}

/** Names already used for organizers (members' and lists' assignees), to offer while typing one. */
export function useOrganizerNames(): readonly string[] {
  return useRecords(
    (data) => {
      const names = new Set<string>();
      for (const m of data.members.all()) if (m.assignedOrganizer) names.add(m.assignedOrganizer);
      for (const l of data.lists.all()) if (l.assignedOrganizer) names.add(l.assignedOrganizer);
      // Device ids (long base64) are not names a person would pick from a list.
      return [...names].filter((n) => n.length <= 40).sort((a, b) => a.localeCompare(b));
    },
    [],
    ['members', 'lists'],
  );
}
