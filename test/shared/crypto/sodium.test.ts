import * as c from '../../../shared/crypto';
import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import { isAppError } from '../../../shared/errors';

beforeAll(() => c.initCrypto());

describe('crypto', () => {
  test('seal/open round-trips and binds the associated data', () => {
    const key = c.newSymmetricKey();
    const msg = c.utf8Encode('María López');
    const ad = c.utf8Encode('header');
    const sealed = c.seal(key, msg, ad);
    expect(c.utf8Decode(c.open(key, sealed, ad))).toBe('María López');
    expect(() => c.open(key, sealed, c.utf8Encode('other'))).toThrow();
    const flipped = sealed.ciphertext.slice();
    flipped[0]! ^= 1;
    let err: unknown;
    try {
      c.open(key, { nonce: sealed.nonce, ciphertext: flipped }, ad);
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'decrypt-failed')).toBe(true);
    expect(() => c.open(c.newSymmetricKey(), sealed, ad)).toThrow();
  });

  test('sign/verify rejects a changed message or another key', () => {
    const id = c.generateDeviceIdentity();
    const other = c.generateDeviceIdentity();
    const msg = c.utf8Encode('entry');
    const sig = c.sign(id.signSecret, 'entry', msg);
    expect(c.verify(id.signPublic, 'entry', msg, sig)).toBe(true);
    expect(c.verify(other.signPublic, 'entry', msg, sig)).toBe(false);
    expect(c.verify(id.signPublic, 'entry', c.utf8Encode('entrY'), sig)).toBe(false);
    expect(c.verify(id.signPublic, 'entry', msg, sig.slice(0, 10))).toBe(false);
  });

  test('a signature made for one purpose verifies for no other (domain separation)', () => {
    const id = c.generateDeviceIdentity();
    const msg = c.randomBytes(32);
    const contexts: c.SignatureContext[] = [
      'entry',
      'sync-auth-initiator',
      'sync-auth-responder',
      'bundle',
      'device-card',
    ];
    for (const made of contexts) {
      const sig = c.sign(id.signSecret, made, msg);
      for (const checked of contexts) expect(c.verify(id.signPublic, checked, msg, sig)).toBe(made === checked);
      // Nor as a plain Ed25519 signature of the message alone.
      expect(sodium.crypto_sign_verify_detached(sig, msg, id.signPublic)).toBe(false);
    }
  });

  test('a device card holds together only with the box key its signing key signed', () => {
    const id = c.generateDeviceIdentity();
    const relay = c.generateDeviceIdentity();
    const card = c.deviceCardOf(id);
    expect(c.deviceCardOf(id)).toBe(card); // signed once per identity
    expect(c.cardVerifies(card)).toBe(true);
    const swapped = { ...card, boxPublic: relay.boxPublic };
    expect(c.cardVerifies(swapped)).toBe(false);
    expect(c.cardVerifies({ ...card, id: c.deviceIdOf(relay.signPublic) })).toBe(false);
    expect(c.cardVerifies({ ...card, boxSignature: c.deviceCardOf(relay).boxSignature })).toBe(false);
    expect(c.cardVerifies({ ...card, boxPublic: card.boxPublic.slice(0, 31) as c.BoxPublicKey })).toBe(false);
    expect(() => c.checkedCard(swapped)).toThrow(expect.objectContaining({ code: 'bad-device-card' }));
  });

  test('sealed box opens only for its recipient, and is only ever sealed to a signed box key', () => {
    const a = c.generateDeviceIdentity();
    const b = c.generateDeviceIdentity();
    const boxed = c.sealToDevice(c.deviceCardOf(a), c.utf8Encode('epoch key'));
    expect(c.utf8Decode(c.openSealedToMe(a, boxed))).toBe('epoch key');
    expect(() => c.openSealedToMe(b, boxed)).toThrow();
    const swapped = { ...c.deviceCardOf(a), boxPublic: b.boxPublic };
    expect(() => c.sealToDevice(swapped, c.utf8Encode('epoch key'))).toThrow(
      expect.objectContaining({ code: 'bad-device-card' }),
    );
  });

  test('Argon2id derivation depends on passphrase, salt and stored parameters', () => {
    const params = c.newKdfParams('test');
    const k1 = c.deriveKey('correct horse', params);
    expect(k1).toHaveLength(32);
    expect(c.deriveKey('correct horse', params)).toEqual(k1);
    expect(c.deriveKey('correct horsf', params)).not.toEqual(k1);
    expect(c.deriveKey('correct horse', c.newKdfParams('test'))).not.toEqual(k1);
    expect(c.deriveKey('correct horse', { ...params, opsLimit: params.opsLimit + 1 })).not.toEqual(k1);
  });

  test('safety number: symmetric, 6 groups of 5 digits, differs per pair and when either key of either device changes', () => {
    const a = c.deviceCardOf(c.generateDeviceIdentity());
    const b = c.deviceCardOf(c.generateDeviceIdentity());
    const d = c.deviceCardOf(c.generateDeviceIdentity());
    const ab = c.safetyNumber(a, b);
    expect(ab).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(c.safetyNumber(b, a)).toBe(ab);
    expect(c.safetyNumber(a, d)).not.toBe(ab);
    const otherBox = c.generateDeviceIdentity().boxPublic;
    expect(c.safetyNumber(a, { ...b, boxPublic: otherBox })).not.toBe(ab);
    expect(c.safetyNumber({ ...a, boxPublic: otherBox }, b)).not.toBe(ab);
    expect(c.safetyNumber(a, { ...b, signPublic: d.signPublic })).not.toBe(ab);
  });

  test('a device number: 6 groups of 5 digits (no letters, no _ or -), one per signing key', () => {
    const a = c.generateDeviceIdentity().signPublic;
    const b = c.generateDeviceIdentity().signPublic;
    expect(c.deviceNumber(a)).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(c.deviceNumber(a)).toBe(c.deviceNumber(a.slice() as c.SigningPublicKey));
    expect(c.deviceNumber(b)).not.toBe(c.deviceNumber(a));
  });

  test('session keys match across client and server', () => {
    const client = c.newKxKeyPair();
    const server = c.newKxKeyPair();
    const ck = c.sessionKeys('client', client, server.publicKey);
    const sk = c.sessionKeys('server', server, client.publicKey);
    expect(ck.tx).toEqual(sk.rx);
    expect(ck.rx).toEqual(sk.tx);
  });

  test('device ids round-trip and reject junk', () => {
    const id = c.generateDeviceIdentity();
    const deviceId = c.deviceIdOf(id.signPublic);
    expect(c.signingKeyOf(deviceId)).toEqual(id.signPublic);
    expect(() => c.signingKeyOf('abc' as c.DeviceId)).toThrow();
  });

  test('base64url: the same text as libsodium writes, for any bytes, and it reads back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = c.toBase64Url(bytes);
        expect(text).toBe(sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING));
        expect(c.fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  test('ids: 16 bytes each, base64url, all distinct across pool refills', () => {
    const ids = Array.from({ length: 1000 }, () => c.randomId()); // 16,000 bytes: several 4 KiB pools
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(c.fromBase64Url(id).length).toBe(16);
    }
  });
});
