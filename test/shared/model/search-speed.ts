/**
 * Not a test (no timing asserts in tests): a quick check that roster search
 * stays within a frame on 10,000 members. Run it with
 *   npx jest --testMatch '<rootDir>/test/shared/model/search-speed.ts'
 */
import { MemberSearchIndex, filterMembers } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';

const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;

test('search speed on 10,000 members (prints figures)', () => {
  let t = performance.now();
  const chapter = generateChapter({ members: 10_000, memberSkills: 2_000, notes: 0, seed: 7 });
  const lines = [`generate 10k members + 2k skills: ${ms(t)}`];
  t = performance.now();
  const members = chapter.space.members.all();
  lines.push(`read+validate 10k members: ${ms(t)}`);
  t = performance.now();
  const index = new MemberSearchIndex(members);
  lines.push(`build index: ${ms(t)}`);
  for (const q of ['j', 'jose', 'munoz', 'MUÑOZ garcía', 'a', 'gmail', '(213) 555', '818', 'xyzzy']) {
    for (const limit of [Infinity, 100]) {
      index.search(q, limit); // warm
      const runs = 30;
      t = performance.now();
      let hits = 0;
      for (let i = 0; i < runs; i++) hits = index.search(q, limit).length;
      lines.push(
        `search ${JSON.stringify(q)} limit ${limit}: ${hits} hits, ${((performance.now() - t) / runs).toFixed(2)} ms/query`,
      );
    }
  }
  const skills = chapter.space.memberSkills.all();
  t = performance.now();
  const hits = filterMembers(
    members,
    {
      regionIds: [chapter.regionIds[0]!],
      languages: ['es'],
      contactableBy: 'call',
      skill: { skillId: chapter.skillIds[0]! },
    },
    skills,
  );
  lines.push(`filter (4 filters): ${hits.length} hits, ${ms(t)}`);
  console.log(lines.join('\n'));
}, 300_000);
