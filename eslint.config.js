// Lint rules carry the project's conventions (STYLE.md §6, §9, §15): typed exhaustive
// switches, no `any`, catalogue errors only, and a pure manifests/ core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCoreBans = {
  'no-restricted-imports': ['error', {
    patterns: [
      { group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'dgram', 'os'], message: 'manifests/ is pure: no I/O.' },
      { group: ['**/src/**', '**/transcode/**'], message: 'manifests/ imports neither src/ nor transcode/.' },
    ],
  }],
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'manifests/ is pure: no clock; take time as an argument.' },
    { object: 'Math', property: 'random', message: 'manifests/ is pure: no randomness.' },
    { object: 'process', property: 'env', message: 'manifests/ is pure: no environment.' },
    { object: 'performance', property: 'now', message: 'manifests/ is pure: no clock.' },
  ],
  'no-restricted-syntax': ['error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'manifests/ is pure: no clock.' },
    { selector: "ThrowStatement > NewExpression[callee.name='Error']", message: 'Return an error value (manifests/errors.ts) instead of throwing.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', 'bin/**', 'var/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: "ThrowStatement > NewExpression[callee.name='Error']", message: 'Throw a catalogue error (src/errors) or return an error value.' },
      ],
    },
  },
  { files: ['manifests/**/*.ts'], rules: pureCoreBans },
  {
    files: ['test/**/*.ts', 'scripts/**', '*.config.*', 'eslint.config.js'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  { files: ['scripts/**/*.mjs', 'bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', URL: 'readonly' } } },
);
