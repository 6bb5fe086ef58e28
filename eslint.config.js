// Process boundaries are folders, enforced here (house rule 3): shared code imports no runtime, the
// renderer reaches main only through the contract, services never import Electron (the CLI and the
// web host run them without it), and only the preload and the Electron entry files touch Electron.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs where Node is absent: no node:* imports.' };
const electron = { name: 'electron', message: 'Only the Electron entry (src/main/index.ts, window.ts, protocol.ts, ipc/router.ts, ipc/native-dialogs.ts, service-host/electron-host-process.ts) and the preload import electron.' };
const mainFolder = { group: ['**/main/**', '**/main'], message: 'Reach main through the contract (src/shared/contract.ts), never by import.' };
const rendererFolder = { group: ['**/renderer/**'], message: 'Main-side code must not import the renderer.' };
// Electron's main process only relays to the service host (src/main/service-host/): it never loads the
// engine, the database, onnxruntime or the services themselves (a slow query there would freeze every window).
const servicesOnly = 'Electron main relays to the service host (service-host/supervisor.ts); this runs only in the service host.';
const heavyModules = ['better-sqlite3', 'onnxruntime-node', 'faiss-node', 'music-metadata', 'chokidar'].map((name) => ({ name, message: servicesOnly }));
const heavyFolders = { group: ['**/engine/**', '**/db/**', '**/analysis/**', '**/radio/**', '**/library/**', '**/playlists/**', '**/playback/**', '**/settings/**', '**/services', '**/data-folder', '**/service-host/host', '**/service-host/entry'], message: servicesOnly };
const mainProcessElectronFiles = ['src/main/index.ts', 'src/main/window.ts', 'src/main/protocol.ts', 'src/main/ipc/router.ts', 'src/main/ipc/native-dialogs.ts', 'src/main/service-host/electron-host-process.ts', 'src/main/shell/**/*.ts'];
const mainProcessPureFiles = ['src/main/single-instance.ts', 'src/main/ipc/dispatch.ts', 'src/main/media/open-checked.ts', 'src/main/service-host/supervisor.ts', 'src/main/service-host/protocol.ts', 'src/main/service-host/restart-policy.ts', 'src/main/service-host/node-host-process.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'models/training/**', 'build/**', 'resources/**', 'test-results/**', 'playwright-report/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron, { name: 'react', message: 'shared is runtime-agnostic.' }], patterns: [nodeBuiltins, mainFolder, rendererFolder] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [nodeBuiltins, mainFolder, { group: ['**/preload/**', '**/cli/**', '**/engine/**'], message: 'The renderer talks only to window.soundlike via renderer/src/api.' }] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [mainFolder, rendererFolder, { group: ['**/cli/**', '**/engine/**'], message: 'The preload holds the contract client and nothing else.' }] }] },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'src/engine/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/protocol.ts', 'src/main/ipc/router.ts', 'src/main/ipc/native-dialogs.ts', 'src/main/service-host/electron-host-process.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [rendererFolder, { group: ['**/preload/**'], message: 'Main-side code must not import the preload.' }] }] },
  },
  {
    // What Electron's main process loads (its bundle is checked too: tests/integration/main-bundle.test.ts).
    files: mainProcessElectronFiles,
    rules: { 'no-restricted-imports': ['error', { paths: heavyModules, patterns: [heavyFolders, rendererFolder] }] },
  },
  {
    files: mainProcessPureFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [electron, ...heavyModules], patterns: [heavyFolders, rendererFolder] }] },
  },
);
