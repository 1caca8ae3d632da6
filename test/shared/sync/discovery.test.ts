import * as c from '../../../shared/crypto';
import { acceptedTags, discoveryTag, HOUR_MS, hourNumber, swarmTopic, tagLabel } from '../../../shared/sync/discovery';

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

test('the swarm topic is 32 bytes, per key, and unrelated to the LAN tags', () => {
  const key = c.randomBytes(32);
  expect(swarmTopic(key)).toHaveLength(32);
  expect(hex(swarmTopic(key))).toBe(hex(swarmTopic(key)));
  expect(hex(swarmTopic(key))).not.toBe(hex(swarmTopic(c.randomBytes(32))));
  expect(hex(swarmTopic(key))).not.toContain(hex(discoveryTag(key, hourNumber(Date.now()))));
});
