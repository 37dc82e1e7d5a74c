// Lint: typescript-eslint's recommended rules, plus the one architectural rule that matters
// most: service/ stays pure (no connection, no file system, no network, no other layers).
import tseslint from 'typescript-eslint';

const impureModules = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-languageclient',
  'vscode-languageclient/node',
];
const nodeIo = ['fs', 'fs/promises', 'http', 'https', 'net', 'child_process', 'worker_threads'].flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Custom LSP messages are typed once as `namespace X { method; type }`, as vscode-eslint does.
    files: ['server/src/protocol.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...impureModules, ...nodeIo].map((name) => ({
            name,
            message: 'service/ is pure: I/O belongs in sources/ or handlers/.',
          })),
          patterns: [
            {
              group: ['**/sources/**', '**/handlers/**', '**/cli/**', '**/server', '**/client/**'],
              message: 'service/ imports nothing from the other layers.',
            },
          ],
        },
      ],
    },
  },
);
