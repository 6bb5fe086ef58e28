/**
 * Packaging (issue 13, items 1, 2, 6) without Electron's binary: electron-builder.yml passes
 * electron-builder's own loader and schema check, every file it names exists, the icons have their
 * sizes, the desktop entries electron-builder writes from it pass desktop-file-validate, the fuses are
 * the six wanted, the licence files match their sources, and `npm run dist` fails here with one line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import type { Configuration, FileSet, LinuxConfiguration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS } from '../../src/shared/audio-formats';
import { appRoot } from '../../src/main/paths';

const root = appRoot();
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
const loadConfig = (): Promise<Configuration> => getConfig(root, null, null);

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The desktop entry electron-builder writes for a Linux target, computed by its own code from our config. */
async function desktopEntry(config: Configuration, target: 'deb' | 'appImage'): Promise<string> {
  const platformOptions = config.linux as LinuxConfiguration;
  const targetOptions = { ...platformOptions, ...(config[target] ?? {}) };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { description: string; desktopName: string; version: string };
  // The fields of electron-builder's LinuxPackager that computeDesktopEntry reads, from the same sources.
  const packager = {
    appInfo: { productName: config.productName, sanitizedProductName: config.productName, description: pkg.description, buildVersion: pkg.version },
    executableName: platformOptions.executableName,
    info: { metadata: { desktopName: pkg.desktopName } },
    fileAssociations: [],
    config,
    platformSpecificBuildOptions: platformOptions,
  };
  const helper = new LinuxTargetHelper(packager as unknown as ConstructorParameters<typeof LinuxTargetHelper>[0]);
  // As AppImageTarget does: AppRun with its default --no-sandbox (Electron's sandbox cannot be setuid there).
  const exec = target === 'appImage' ? 'AppRun --no-sandbox %U' : undefined;
  return helper.computeDesktopEntry(targetOptions, exec, target === 'appImage' ? { 'X-AppImage-Version': pkg.version } : undefined);
}

function validateDesktopFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'soundlike-desktop-')), 'soundlike.desktop');
  writeFileSync(file, text);
  const run = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
  if (run.error) throw new Error('desktop-file-validate is missing: apt-get install desktop-file-utils (scripts/setup.sh installs it).');
  return `${run.stdout}${run.stderr}`.trim() + (run.status === 0 ? '' : ` (exit ${run.status})`);
}

/** The `files` patterns as written in the YAML (electron-builder's loader wraps them as [{ filter }]). */
const appFilePatterns = (config: Configuration): string[] =>
  (Array.isArray(config.files) ? config.files : [config.files]).flatMap((e) => (typeof e === 'string' ? [e] : ((e as FileSet | null)?.filter as string[] | undefined) ?? []));

const fileSetSources = (entries: Configuration['extraResources']): string[] =>
  (Array.isArray(entries) ? entries : []).map((e) => (typeof e === 'string' ? e : (e as FileSet).from ?? ''));

describe('electron-builder.yml', () => {
  it("is accepted by electron-builder's own loader and schema check (and a wrong key is not)", async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, productNmae: 'Soundlike' } as Configuration, quietLogger)).rejects.toThrow(/productNmae/);
    expect(config.appId).toBe('org.soundlike.Soundlike');
    expect(config.productName).toBe('Soundlike');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
  });

  it('names only files that exist (or, under node_modules, packages package.json installs)', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; optionalDependencies: Record<string, string> };
    const named = [
      config.directories?.buildResources, config.linux?.icon, config.mac?.icon, config.win?.icon,
      config.mac?.entitlements, config.mac?.entitlementsInherit, config.nsis?.installerIcon, config.nsis?.uninstallerIcon,
      config.nsis?.license, config.appImage?.license, 'LICENSE', 'resources/licenses/about.json', 'resources/licenses/THIRD-PARTY.md',
      ...fileSetSources(config.extraResources),
    ].filter((p): p is string => typeof p === 'string');
    expect(named.length).toBeGreaterThan(12);
    for (const path of named) {
      const inPackage = /^node_modules\/([^/]+)/.exec(path);
      // ffmpeg-static is optional (its installer needs GitHub); `npm run dist` refuses to pack without it.
      if (inPackage && !existsSync(join(root, path))) expect({ ...pkg.dependencies, ...pkg.optionalDependencies }).toHaveProperty(inPackage[1]);
      else expect(existsSync(join(root, path)), `${path} (named in electron-builder.yml)`).toBe(true);
    }
    // The app files are electron-vite's three bundles: the same folders its config writes.
    const viteConfig = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
    for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
      expect(viteConfig).toContain(`'${dir}'`);
      expect(appFilePatterns(config)).toContain(`${dir}/**`);
    }
  });

  it('flips exactly the six fuses issue 13 asks for, each a real Electron fuse', async () => {
    const fuses = (await loadConfig()).electronFuses;
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // electron-builder maps each key to @electron/fuses' FuseV1Options member of the same name.
    for (const key of Object.keys(fuses ?? {})) {
      const member = `${key[0].toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options;
      expect(FuseV1Options[member], key).toBeTypeOf('number');
    }
  });

  it('unpacks the native modules and ships the model and ffmpeg as real files', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/onnxruntime-node/bin/**']));
    const to = (Array.isArray(config.extraResources) ? config.extraResources : []).map((e) => (e as FileSet).to);
    expect(to).toEqual(expect.arrayContaining(['models/manifest.json', 'models/soundlike-encoder.onnx', 'ffmpeg', 'demo-library']));
    // Every native binary the app loads today sits where the asarUnpack globs reach.
    const binaries = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node'];
    for (const binary of binaries) expect(existsSync(join(root, binary)), binary).toBe(true);
  });

  it('declares the .deb dependencies of what faiss-node links (ldd), ffmpeg, and Electronʼs own', async () => {
    const depends = (await loadConfig()).deb?.depends ?? [];
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgomp1', 'libopenblas0-pthread | libblas.so.3', 'libopenblas0-pthread | liblapack.so.3', 'ffmpeg']));
    const faiss = join(root, 'node_modules/faiss-node/build/Release/faiss-node.node');
    if (!existsSync(faiss)) return;
    const linked = execFileSync('ldd', [faiss], { encoding: 'utf8' });
    for (const lib of ['libblas.so.3', 'liblapack.so.3', 'libgomp.so.1']) expect(linked).toContain(lib);
  });
});

describe('icons (npm run icons, from build/icon.svg)', () => {
  const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

  it('has every Linux size with its pixel dimensions', () => {
    for (const size of SIZES) expect(pngSize(readFileSync(join(root, 'build/icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico whose entries are PNGs of the sizes its directory states', () => {
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = 6 + 16 * i;
      const stated = ico.readUInt8(at) || 256;
      const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      expect(pngSize(png)).toEqual({ width: stated, height: stated });
      sizes.push(stated);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('has a macOS .icns whose elements are PNGs of their types’ sizes, up to 1024', () => {
    const icns = readFileSync(join(root, 'build/icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const seen: string[] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('ascii', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      expect(pngSize(icns.subarray(at + 8, at + length))).toEqual({ width: expected[type], height: expected[type] });
      seen.push(type);
      at += length;
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('the Linux desktop entry', () => {
  it('as electron-builder writes it for the .deb: valid, the reviewed build/soundlike.desktop, files passed with %F', async () => {
    const entry = await desktopEntry(await loadConfig(), 'deb');
    expect(validateDesktopFile(entry)).toBe('');
    expect(entry).toBe(readFileSync(join(root, 'build/soundlike.desktop'), 'utf8'));
    expect(entry).toMatch(/^Exec=\/opt\/Soundlike\/soundlike %F$/m);
    expect(entry).toMatch(/^Categories=AudioVideo;Player;Audio;$/m);
    expect(entry).toMatch(/^StartupWMClass=soundlike$/m);
  });

  it('as written into the AppImage: valid too', async () => {
    const entry = await desktopEntry(await loadConfig(), 'appImage');
    expect(validateDesktopFile(entry)).toBe('');
    expect(entry).toMatch(/^Exec=AppRun --no-sandbox %U$/m);
  });

  it('claims a MIME type for every format the scanner reads (but .mp4, which is mostly video)', async () => {
    const entry = await desktopEntry(await loadConfig(), 'deb');
    const mimeTypes = /^MimeType=(.*)$/m.exec(entry)?.[1].split(';').filter(Boolean) ?? [];
    const mimeByExtension: Record<string, string> = {
      '.mp3': 'audio/mpeg', '.flac': 'audio/flac', '.ogg': 'audio/x-vorbis+ogg', '.oga': 'audio/ogg', '.opus': 'audio/x-opus+ogg',
      '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.wav': 'audio/x-wav',
    };
    for (const extension of AUDIO_EXTENSIONS.filter((e) => e !== '.mp4')) expect(mimeTypes, extension).toContain(mimeByExtension[extension]);
    expect(mimeTypes).not.toContain('video/mp4');
    const associated = ((await loadConfig()).fileAssociations as Array<{ ext: string | string[] }>).flatMap((a) => a.ext);
    expect(associated.map((e) => `.${e}`).sort()).toEqual(AUDIO_EXTENSIONS.filter((e) => e !== '.mp4').sort());
  });
});

describe('licences and npm run dist', () => {
  it('has a root MIT LICENSE for the Soundlike authors, 2026', () => {
    const licence = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License/);
    expect(licence).toContain('Copyright (c) 2026 the Soundlike authors');
  });

  it('ships licence files that match the model manifest, the demo library and the lock file', () => {
    const check = spawnSync(process.execPath, [join(root, 'scripts/make-licenses.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it("fails here with one line naming what is missing (Electron's binary, else ffmpeg-static's) and what to do", ({ skip }) => {
    const pathTxt = join(root, 'node_modules/electron/path.txt');
    const electronInstalled = Boolean(process.env.ELECTRON_OVERRIDE_DIST_PATH)
      || (existsSync(pathTxt) && existsSync(join(root, 'node_modules/electron/dist', readFileSync(pathTxt, 'utf8').trim())));
    const ffmpegInstalled = existsSync(join(root, 'node_modules/ffmpeg-static', process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg'));
    // With both binaries, `npm run dist` would really pack (minutes): that is not this test's job.
    if (electronInstalled && ffmpegInstalled) skip("Electron's and ffmpeg-static's binaries are installed: `npm run dist` would pack here");
    const started = Date.now();
    const run = spawnSync('npm', ['run', '--silent', 'dist'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(electronInstalled
      ? /^npm run dist: ffmpeg-static's binary is missing .* run `npm rebuild ffmpeg-static`/
      : /^npm run dist: Electron's binary is not installed .* run `npx install-electron`/);
    // It stops before the build (electron-vite), so the check is quick and leaves out/ alone.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("with Electron's binary but no ffmpeg-static binary, names that instead", ({ skip }) => {
    if (existsSync(join(root, 'node_modules/ffmpeg-static/ffmpeg'))) skip("ffmpeg-static's binary is installed here");
    // ELECTRON_OVERRIDE_DIST_PATH is how a machine with an unpacked Electron points `dist` at it.
    const electronDir = mkdtempSync(join(tmpdir(), 'soundlike-electron-dist-'));
    writeFileSync(join(electronDir, 'electron'), '');
    const run = spawnSync('npm', ['run', '--silent', 'dist'], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDir, npm_config_loglevel: 'silent' } });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
    expect(lines).toEqual([expect.stringMatching(/^npm run dist: ffmpeg-static's binary is missing .* run `npm rebuild ffmpeg-static`/)]);
  });
});
