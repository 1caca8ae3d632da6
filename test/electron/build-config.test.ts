/**
 * The installer configuration (build/electron-builder.yml) and the fuses hook (build/fuses.cjs).
 * The hook runs for real with @electron/fuses on a file carrying a real fuse wire; only
 * electron-builder's packager is replaced by an object that knows where the binary is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire, flipFuses, type FuseConfig } from '@electron/fuses';
import { load } from 'js-yaml';
import { BUNDLE_EXTENSION } from '../../shared/ipc/contract';

const BUILD = path.join(__dirname, '../../build');
/** The parts of the electron-builder configuration checked here. */
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  afterPack: string;
  publish: unknown;
  fileAssociations: Array<{ ext: string }>;
  linux: { target: string[] };
  mac: { target: string; hardenedRuntime: boolean; entitlements: string };
  win: { target: string };
}
const config = load(readFileSync(path.join(BUILD, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fuses = require('../../build/fuses.cjs') as {
  (context: unknown): Promise<void>;
  fuseConfig(platform: string): FuseConfig;
};

describe('build/electron-builder.yml', () => {
  it('names the app and ships only the built app', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Sealed Roster');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    expect(config.files.some((f) => /^(electron|shared|renderer|test)\//.test(f))).toBe(false);
  });

  it('builds Linux AppImage and deb, macOS dmg with hardened runtime and entitlements, Windows NSIS', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toBe('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.win.target).toBe('nsis');
  });

  it('flips fuses after packing and publishes no update feed', () => {
    expect(config.afterPack).toBe('build/fuses.cjs');
    expect(config.publish).toBeNull();
  });

  it('registers the bundle file type with the OS', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: BUNDLE_EXTENSION })]);
  });

  it('entitles the macOS build to JIT only (no library-validation or dyld loopholes)', () => {
    const plist = readFileSync(path.join(BUILD, 'entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

describe('build/fuses.cjs', () => {
  const expected: Array<[keyof typeof FuseV1Options, boolean]> = [
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ];

  it.each(expected)('sets %s to %s', (fuse, value) => {
    expect((fuses.fuseConfig('linux') as Record<number, boolean>)[FuseV1Options[fuse]]).toBe(value);
  });

  it('re-signs ad hoc only on macOS', () => {
    expect(fuses.fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fuses.fuseConfig('linux').resetAdHocDarwinSignature).toBe(false);
  });

  it('flips the fuse wire of a packaged binary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fuses-'));
    try {
      // A stand-in binary carrying Electron's sentinel and a v1 wire of 8 fuses, all enabled ('1').
      const binary = path.join(dir, 'sealed-roster');
      const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
      writeFileSync(
        binary,
        Buffer.concat([
          Buffer.alloc(64, 7),
          Buffer.from(SENTINEL),
          Buffer.from([1, 8]),
          Buffer.alloc(8, 49),
          Buffer.alloc(64, 7),
        ]),
      );
      const context = {
        electronPlatformName: 'linux',
        appOutDir: dir,
        packager: { addElectronFuses: (_ctx: unknown, config: FuseConfig) => flipFuses(binary, config) },
      };
      await fuses(context);
      const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
      const ENABLED = 49;
      const DISABLED = 48;
      for (const [fuse, value] of expected)
        expect([fuse, wire[FuseV1Options[fuse]]]).toEqual([fuse, value ? ENABLED : DISABLED]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
