// The architecture, held by lint (npm run lint, part of npm test):
// - src/core is pure: it never imports vscode, the CLI or the VS Code layer;
// - the CLI never imports vscode or the VS Code layer;
// - in src/vscode, features (environments, validation, issueops, chatops, gitops) never import
//   each other, and shared never imports a feature: they meet through shared/;
// - only the UI seam (src/vscode/shared/ui) calls window.show* or builds quick inputs;
// - no import cycles anywhere, type-only imports included.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './scripts/lint/importCycles.mjs';

const FEATURES = ['environments', 'validation', 'issueops', 'chatops', 'gitops'];
const upTo = (names) => `^(\\.\\./)+(${names.join('|')})/`;

/** Imports a file under src/vscode/<feature> may not make: another feature. */
const otherFeatures = (feature) => ({
  regex: upTo(FEATURES.filter((f) => f !== feature)),
  message: `${feature} must not import another feature: share through src/vscode/shared (a section, a command, a service).`,
});

/** Files that run without VS Code: no `vscode` import, and no import of the layers above them. */
function noVscode(files, message, regex, layerMessage) {
  return {
    files: [files],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message }], patterns: [{ regex, message: layerMessage }] }] },
  };
}

const WINDOW_SHOW =
  'show(InformationMessage|WarningMessage|ErrorMessage|QuickPick|InputBox|TextDocument|OpenDialog|SaveDialog|WorkspaceFolderPick)|create(QuickPick|InputBox)';
const windowShowOnlyInUi = {
  'no-restricted-syntax': [
    'error',
    ...[
      `MemberExpression[object.property.name='window'][property.name=/^(${WINDOW_SHOW})$/]`,
      `MemberExpression[object.name='window'][property.name=/^(${WINDOW_SHOW})$/]`,
    ].map((selector) => ({
      selector,
      message: 'Ask, notify and show documents through the UI seam (src/vscode/shared/ui): one window implementation, one test double.',
    })),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tools/**', '.test-artifacts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX, youops: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'youops/no-import-cycle': 'error',
      '@typescript-eslint/no-require-imports': 'error',
      '@typescript-eslint/no-empty-object-type': 'error',
    },
  },
  noVscode(
    'src/core/**/*.ts',
    'src/core is pure: no vscode (the VS Code layer adapts it).',
    '^(\\.\\./)+(cli|vscode)(/|$)',
    'src/core never imports the CLI or the VS Code layer.',
  ),
  noVscode('src/cli/**/*.ts', 'The CLI runs without VS Code.', '^(\\.\\./)+vscode/', 'The CLI never imports the VS Code layer.'),
  ...FEATURES.map((feature) => ({
    files: [`src/vscode/${feature}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherFeatures(feature)] }] },
  })),
  {
    files: ['src/vscode/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: upTo(FEATURES), message: 'shared is what features build on: it never imports one.' }] }],
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/vscode/shared/ui/**'], rules: windowShowOnlyInUi },
);
