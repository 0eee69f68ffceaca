// Lint: the rule that matters most is that the core never imports 'electron'
// (it must run under plain Node, in tests, in preview and in the worker).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist-electron/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=1][arguments.0.type='Literal']", message: "Never new Date('YYYY-MM-DD') for a calendar day: use the day strings in electron/core/dates.ts." },
        // Days and times are the office's (a setting), never the machine's own zone: a PC set to UTC must show Beijing's day.
        {
          selector: 'CallExpression[callee.property.name=/^(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|getTimezoneOffset|toLocaleDateString|toLocaleTimeString)$/]',
          message: "A day or time of day from the machine's own time zone: use ctx.clock (core) or renderer/src/kit/datetime.ts, which count in the office's zone.",
        },
        {
          selector: "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: "An instant shown in the machine's own time zone: use formatInstant from renderer/src/kit/datetime.ts.",
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', 'tests/**/*.ts'],
    ignores: ['tests/unit/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: "Only electron/main, preload, ipc, app-window and electron/shell may import 'electron'; the core runs under plain Node." }] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the app only through api/client.ts.' }],
          patterns: [{ group: ['node:*', 'better-sqlite3*'], message: 'The renderer has no Node.' }],
        },
      ],
    },
  },
);
