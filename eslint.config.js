// Lint keeps the layers honest (STYLE.md "The shape"): each folder may import only what the dependency direction allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = { regex: `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`, message: 'No Node built-ins here.' };
const electron = { regex: '^electron(/|$)', message: 'Electron belongs to main/electron and preload only.' };
const nativeAndDrivers = { regex: '^(better-sqlite3|node-opcua.*|mqtt|ws)$', message: 'Device and storage packages belong to drivers/ and main/.' };
const react = { regex: '^(react|react-dom|ag-grid-.*)(/|$)', message: 'UI packages belong to renderer/.' };
const layer = (name, why) => ({ regex: `(^|/)${name}(/|$)`, message: why });
const intoMain = layer('main', 'Nothing imports main/: it is the composition root.');
const intoRenderer = layer('renderer', 'Only the renderer imports the renderer.');
const intoPreload = layer('preload', 'Nothing imports the preload.');
const intoDrivers = layer('drivers', 'Only main/ composes drivers.');
const deepCore = { regex: '(^|/)core/(?!index)[^/]+', message: 'Import the core through its index (core/index.ts), not its files.' };
const deepDriver = { regex: '(^|/)drivers/[^/]+/(?!index)[^/]+', message: 'Import a driver through its index.ts.' };
const deepMainModule = { regex: '\\.\\./(store|api|station|cli|electron|process|oee|plant|replication|uns)/(?!index)[^/]+$', message: 'Import another main/ module through its index.ts.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'bench/results/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  { files: ['core/**/*.ts'], ignores: ['core/**/*.test.ts'], rules: restrict(nodeBuiltins, electron, nativeAndDrivers, react, intoMain, intoRenderer, intoPreload, intoDrivers) },
  { files: ['drivers/**/*.ts'], rules: restrict(electron, react, intoMain, intoRenderer, intoPreload, deepCore) },
  // The renderer has screen folders of its own (renderer/drivers/ is the Connections screen): only paths that climb
  // out of renderer/ reach the other layers.
  {
    files: ['renderer/*/**/*.{ts,tsx}'],
    rules: restrict(nodeBuiltins, electron, nativeAndDrivers, deepCore, {
      regex: '^(\\.\\./){2,}(main|preload|drivers)(/|$)',
      message: 'The renderer imports only core: never main/, preload/ or drivers/.',
    }),
  },
  {
    files: ['renderer/*.{ts,tsx}'],
    rules: restrict(nodeBuiltins, electron, nativeAndDrivers, deepCore, {
      regex: '^\\.\\./(main|preload|drivers)(/|$)',
      message: 'The renderer imports only core: never main/, preload/ or drivers/.',
    }),
  },
  { files: ['preload/**/*.ts'], rules: restrict(nativeAndDrivers, react, intoMain, intoRenderer, intoDrivers, deepCore) },
  { files: ['main/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(react, intoRenderer, intoPreload, deepCore, deepDriver, deepMainModule) },
  { files: ['main/electron/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['main/electron/**/*.ts'], ignores: [], rules: restrict(react, intoRenderer, intoPreload, deepCore, deepDriver) },
  // In the browser the console is the developer's only log.
  { files: ['renderer/**/*.{ts,tsx}'], rules: { 'no-console': ['error', { allow: ['error', 'warn'] }] } },
  { files: ['**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', 'bin/**/*.mjs'], rules: { 'no-console': 'off' } },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
