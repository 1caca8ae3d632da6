/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing.
 * Fuses are compiled-in switches that cannot be changed at run time; these close ways of running
 * the app's binary as something else (a plain Node, a debugger target, a loader of loose files).
 * @electron/fuses ships with electron-builder (app-builder-lib depends on it). If it is missing the
 * build fails: an installer without these fuses must not be produced silently.
 */
'use strict';

function loadFuses() {
  try {
    return require('@electron/fuses');
  } catch (error) {
    throw new Error(
      `build/fuses.cjs: @electron/fuses is not installed, refusing to package without fuses (${error.message})`,
    );
  }
}

/** Every fuse @electron/fuses 1.x knows, set explicitly. */
function fuseConfig(platform) {
  const { FuseVersion, FuseV1Options } = loadFuses();
  return {
    version: FuseVersion.V1,
    // Flipping a fuse invalidates the ad-hoc signature of an unsigned arm64 macOS build.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS could inject code.
    [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect would attach a debugger to main.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true, // macOS and Windows: app.asar is checked.
    [FuseV1Options.OnlyLoadAppFromAsar]: true, // no loose app/ folder beside app.asar.
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // we serve app://, file:// needs nothing.
  };
}

async function afterPack(context) {
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
