import * as c from '../../../shared/crypto';
import {
  acceptedTags,
  currentTopics,
  DAY_MS,
  dayNumber,
  discoveryTag,
  HOUR_MS,
  hourNumber,
  nextTopicChange,
  swarmTopic,
  tagLabel,
  TAG_GRACE_MS,
} from '../../../shared/sync/discovery';

beforeAll(() => c.initCrypto());

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('a tag depends on the discovery key and the hour, and is a 32-character hex label', () => {
  const key = c.randomBytes(32);
  expect(hex(discoveryTag(key, 1000))).toBe(hex(discoveryTag(key, 1000)));
  expect(hex(discoveryTag(key, 1000))).not.toBe(hex(discoveryTag(key, 1001)));
  expect(hex(discoveryTag(key, 1000))).not.toBe(hex(discoveryTag(c.randomBytes(32), 1000)));
  expect(tagLabel(discoveryTag(key, 1000))).toMatch(/^[0-9a-f]{32}$/);
});

test('near an hour boundary the neighbouring hour is accepted too, mid-hour only the current one', () => {
  const key = c.randomBytes(32);
  const hour = 480_000;
  const tags = (ms: number) => acceptedTags(key, ms).map(hex);
  expect(hourNumber(hour * HOUR_MS + 1)).toBe(hour);
  expect(tags(hour * HOUR_MS + 30 * 60_000)).toEqual([hex(discoveryTag(key, hour))]);
  expect(tags(hour * HOUR_MS + 2 * 60_000)).toEqual([hex(discoveryTag(key, hour)), hex(discoveryTag(key, hour - 1))]);
  expect(tags(hour * HOUR_MS + 58 * 60_000)).toEqual([hex(discoveryTag(key, hour)), hex(discoveryTag(key, hour + 1))]);
});

test('the swarm topic is 32 bytes, per key and per UTC day, and unrelated to the LAN tags', () => {
  const key = c.randomBytes(32);
  const today = dayNumber(Date.now());
  expect(swarmTopic(key, today)).toHaveLength(32);
  expect(hex(swarmTopic(key, today))).toBe(hex(swarmTopic(key, today)));
  expect(hex(swarmTopic(key, today))).not.toBe(hex(swarmTopic(key, today + 1)));
  expect(hex(swarmTopic(key, today))).not.toBe(hex(swarmTopic(c.randomBytes(32), today)));
  expect(hex(swarmTopic(key, today))).not.toContain(hex(discoveryTag(key, hourNumber(Date.now()))));
});

test('a space is on one topic all day, a new one the next day, and on both only near midnight UTC', () => {
  const key = c.randomBytes(32);
  const day = 20_000;
  const topics = (ms: number) => currentTopics(key, ms).map(hex);
  const [today, yesterday, tomorrow] = [day, day - 1, day + 1].map((d) => hex(swarmTopic(key, d)));
  expect(topics(day * DAY_MS + 1)).toEqual([today, yesterday]);
  expect(topics(day * DAY_MS + TAG_GRACE_MS + 1)).toEqual([today]);
  expect(topics(day * DAY_MS + 12 * HOUR_MS)).toEqual([today]);
  expect(topics((day + 1) * DAY_MS - TAG_GRACE_MS)).toEqual([today, tomorrow]);
  expect(topics((day + 1) * DAY_MS + 1)).toEqual([tomorrow, today]);
  // No topic outlives its day and the grace after it.
  expect(topics((day + 1) * DAY_MS + TAG_GRACE_MS)).toEqual([tomorrow]);

  // The set changes only when a grace period opens or closes: that is when the network wakes up.
  const noon = day * DAY_MS + 12 * HOUR_MS;
  expect(nextTopicChange(noon)).toBe((day + 1) * DAY_MS - TAG_GRACE_MS);
  expect(nextTopicChange((day + 1) * DAY_MS - TAG_GRACE_MS)).toBe((day + 1) * DAY_MS + TAG_GRACE_MS);
  expect(nextTopicChange(day * DAY_MS)).toBe(day * DAY_MS + TAG_GRACE_MS);
});
