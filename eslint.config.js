// Lint: recommended JS/TS rules, the layering of STYLE.md enforced by import restrictions, and a
// guard against the Electron settings that would break the renderer sandbox. Layer configs are
// disjoint by `files`, because a later config's `no-restricted-imports` replaces an earlier one.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];

/** A restricted-import pattern: `regex` is matched against the import specifier. */
const ban = (regex, message) => ({ regex, message });

const NO_ELECTRON = { name: 'electron', message: 'Only src-main/electron may import electron.' };
const NODE_BUILTIN = `^(node:|(${builtinModules.join('|')})(/|$))`;
const ANY_PACKAGE = '^(?!\\.{1,2}/)';
const INTO_SRC_MAIN = '(^|/)src-main(/|$)';
const INTO_RENDERER = '(^|/)src-renderer(/|$)';
const INTO_SHELLS = '(^|/)src-main/(electron|server|cli)(/|$)|^(\\.\\./)+(electron|server|cli)(/|$)';

const layer = (files, paths, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

// Electron settings that must never be written, whatever the file (Property nodes, any key style).
const UNSAFE_ELECTRON_SETTINGS = [
  ['nodeIntegration', true],
  ['nodeIntegrationInWorker', true],
  ['nodeIntegrationInSubFrames', true],
  ['contextIsolation', false],
  ['sandbox', false],
  ['webSecurity', false],
  ['allowRunningInsecureContent', true],
].map(([key, value]) => ({
  selector: `Property:matches([key.name='${key}'], [key.value='${key}'])[value.value=${value}]`,
  message: `${key}: ${value} breaks the renderer sandbox; the shell keeps the safe default.`,
}));

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'scratch/', '.tmp/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS })),
  {
    rules: {
      'no-restricted-syntax': ['error', ...UNSAFE_ELECTRON_SETTINGS],
    },
  },
  {
    files: TS,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/**', 'test/**', 'scripts/**', 'bin/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  // src-shared is the contract: plain TypeScript that imports nothing outside itself.
  layer(['src-shared/**'], [], [ban(ANY_PACKAGE, 'src-shared imports only from src-shared (no node:, no packages).'), ban('^\\.\\./', 'src-shared imports only from src-shared.')]),
  // The engine knows nothing of its front doors.
  layer(['src-main/core/**'], [NO_ELECTRON], [
    ban(INTO_SHELLS, 'src-main/core never imports the electron, server or cli front doors.'),
    ban(INTO_RENDERER, 'src-main/core never imports the renderer.'),
  ]),
  layer(['src-main/cli/**', 'src-main/server/**'], [NO_ELECTRON], [ban(INTO_RENDERER, 'The CLI and the server never import the renderer.')]),
  // The renderer reaches the engine only through the bridge or HTTP, typed by src-shared.
  layer(['src-renderer/**'], [NO_ELECTRON], [
    ban('^@duckdb/', 'The renderer never imports DuckDB; ask the engine through the service.'),
    ban(NODE_BUILTIN, 'The renderer runs in a sandbox: no Node built-ins.'),
    ban(INTO_SRC_MAIN, 'The renderer never imports src-main; use the src-shared contract.'),
  ]),
);
