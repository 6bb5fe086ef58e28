// Process boundaries are folders, enforced here (house rule 3): shared code imports no runtime, the
// renderer reaches main only through the contract, services never import Electron (the CLI and the
// web host run them without it), and only the preload and the Electron entry files touch Electron.
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This layer runs where Node is absent: no node:* imports.' };
const electron = { name: 'electron', message: 'Only the Electron entry (src/main/index.ts, window.ts, protocol.ts, ipc/router.ts, ipc/native-dialogs.ts) and the preload import electron.' };
const mainFolder = { group: ['**/main/**', '**/main'], message: 'Reach main through the contract (src/shared/contract.ts), never by import.' };
const rendererFolder = { group: ['**/renderer/**'], message: 'Main-side code must not import the renderer.' };

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
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/protocol.ts', 'src/main/ipc/router.ts', 'src/main/ipc/native-dialogs.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: [rendererFolder, { group: ['**/preload/**'], message: 'Main-side code must not import the preload.' }] }] },
  },
);
