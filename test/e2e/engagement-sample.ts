/**
 * The sample chapter the engagement tests use (1,000 members, two years of history), generated in the
 * browser through Settings and the very same chapter in Node, and the figures shared/model computes from it.
 */
import type { Page } from 'playwright-core';
import { Engagement } from '../../shared/model/engagement';
import type { SpaceData } from '../../shared/model/space-data';
import { fillSample, sampleChapter } from './sample';

export const ENGAGEMENT_SAMPLE = 1000;
/** The fixture's history ends in May 2025. */
export const SAMPLE_MONTH = '2025-05';

export async function engagementSample(page: Page) {
  const ready = await fillSample(page, ENGAGEMENT_SAMPLE);
  const chapter = sampleChapter(ENGAGEMENT_SAMPLE);
  chapter.space.members.all(); // validates every record once while the browser works
  await ready();
  return chapter;
}

/** What the dashboard must show, from shared/model's own query. */
export function expectedEngagement(space: SpaceData, month = SAMPLE_MONTH): Engagement {
  return new Engagement(
    {
      members: space.members.all(),
      notes: space.notes.all(),
      events: space.attendance.all(),
      memberSkills: space.memberSkills.all(),
      regionIds: space.regions
        .all()
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((r) => r.id),
    },
    month,
  );
}

/** The numbers of a figure's table, row by row (cells' data-value; blank when the data cannot tell). */
export async function tableNumbers(page: Page, testId: string): Promise<(number | undefined)[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) =>
        [...r.querySelectorAll('td[data-value]')].map((td) => {
          const v = td.getAttribute('data-value');
          return v === '' || v === null ? undefined : Number(v);
        }),
      ),
    );
}
