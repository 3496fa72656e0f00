// Lint: recommended JS/TS rules, the layering of STYLE.md enforced by import restrictions, and
// the Electron security checklist (settings that break the sandbox, the one bridge, links, loads),
// each rule shown to fire by test/unit/lint-rules.test.ts. Layer configs are disjoint by `files`,
// because a later config's `no-restricted-imports` (or `no-restricted-syntax`) replaces an earlier one.
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
  ['webviewTag', true],
  ['experimentalFeatures', true],
  ['enableRemoteModule', true],
  ['navigateOnDragDrop', true],
].map(([key, value]) => ({
  selector: `Property:matches([key.name='${key}'], [key.value='${key}'])[value.value=${value}]`,
  message: `${key}: ${value} breaks the renderer sandbox; the shell keeps the safe default.`,
}));

/** A no-restricted-syntax entry. */
const forbid = (selector, message) => ({ selector, message });

// The rest of Electron's security checklist (src-main/electron/*.ts keeps each item; these keep it kept).
const ELECTRON_CHECKLIST = [
  forbid(
    "Property:matches([key.name='webPreferences'], [key.value='webPreferences']) > ObjectExpression.value",
    'Build webPreferences with appWindowPreferences() or printWindowPreferences() (src-main/electron/web-preferences.ts).',
  ),
  forbid("Property:matches([key.name='enableBlinkFeatures'], [key.value='enableBlinkFeatures'])", 'enableBlinkFeatures turns on experimental Chromium features; the shell uses none.'),
  forbid("JSXOpeningElement[name.name='webview'], CallExpression[callee.property.name='createElement'][arguments.0.value='webview']", 'No <webview>: the app shows only its own pages.'),
  forbid("JSXAttribute[name.name='allowpopups'], Literal[value='allowpopups']", 'allowpopups lets a guest page open windows; the app opens none.'),
  forbid(
    "CallExpression[callee.property.name=/^set(Permission(Request|Check)|DevicePermission)Handler$/]:matches([arguments.length=0], [arguments.0.raw='null'], [arguments.0.type='Identifier'][arguments.0.name='undefined'])",
    'Removing a permission handler restores Chromium\'s defaults; keep the deny-all handlers of session-guard.ts.',
  ),
  forbid("Property[key.name='action'][value.value='allow']", 'setWindowOpenHandler always denies: the app opens no windows (contents-guard.ts).'),
  forbid(
    "CallExpression[callee.property.name='loadURL'] > Literal.arguments[value=/^(https?|wss?|ftp|file):/i], CallExpression[callee.property.name='loadFile']",
    'Windows load only the app (APP_ENTRY_URL on app://), never remote content or file:// pages.',
  ),
  forbid(
    "CallExpression[callee.property.name='appendSwitch'][arguments.0.value=/^(no-sandbox|disable-web-security|disable-site-isolation-trials|ignore-certificate-errors|allow-running-insecure-content)$/]",
    'This Chromium switch turns off a protection the app relies on.',
  ),
  // The preload's bridge: ipcRenderer is only ever called, on a *_CHANNEL constant, never handed on.
  forbid(
    "Identifier[name='ipcRenderer']:not(ImportSpecifier > Identifier, CallExpression > MemberExpression.callee > Identifier.object)",
    'Never expose, store or pass ipcRenderer: call ipcRenderer.<method>(…_CHANNEL, …) inside the bridge of src-main/electron/preload.ts.',
  ),
  forbid("ImportSpecifier[imported.name='ipcRenderer'][local.name!='ipcRenderer'], MemberExpression[property.name='ipcRenderer']", 'Import ipcRenderer by its own name from electron, so the rules above see every use.'),
  forbid("CallExpression[callee.object.name='ipcRenderer']:not([arguments.0.name=/^[A-Z][A-Z0-9_]*_CHANNEL$/])", 'ipcRenderer talks on the fixed channels of security.ts (INVOKE_CHANNEL, EVENT_CHANNEL), never on a channel the page chooses.'),
];

/** Only external-links.ts may call openExternal, after its checks and the user's consent. */
const OPEN_EXTERNAL_ONLY_THROUGH_HELPER = [
  forbid(
    "MemberExpression[property.name='openExternal'], ObjectPattern > Property[key.name='openExternal']",
    'Open links with the opener of src-main/electron/external-links.ts (checked http(s), user consent), never shell.openExternal directly.',
  ),
];

/** Only the preload exposes anything to the page: one bridge object. */
const EXPOSE_ONLY_IN_PRELOAD = [
  forbid("CallExpression[callee.property.name=/^exposeIn(MainWorld|IsolatedWorld)$/]", 'Only src-main/electron/preload.ts exposes the bridge to the page.'),
];

const electronRules = (...lists) => ({ 'no-restricted-syntax': ['error', ...UNSAFE_ELECTRON_SETTINGS, ...ELECTRON_CHECKLIST, ...lists.flat()] });

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'scratch/', '.tmp/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS })),
  { rules: electronRules(OPEN_EXTERNAL_ONLY_THROUGH_HELPER, EXPOSE_ONLY_IN_PRELOAD) },
  // The two files that hold an exception: a later config's options replace the earlier ones.
  { files: ['src-main/electron/external-links.ts'], rules: electronRules(EXPOSE_ONLY_IN_PRELOAD) },
  { files: ['src-main/electron/preload.ts'], rules: electronRules(OPEN_EXTERNAL_ONLY_THROUGH_HELPER) },
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
