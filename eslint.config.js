// Lint: the rules that keep the architecture (see electron/core/README.md):
// - the core never imports 'electron' (it runs under plain Node, in tests, in preview and in the worker);
// - the renderer loads only the shared core files: api.ts, every contract.ts, and files named *.shared.ts;
// - a shared core file imports only zod and other shared core files (no node:, nothing that runs in the core).
import tseslint from 'typescript-eslint';

/** The core files the renderer may load. Keep in step with UNLESS_SHARED below. */
export const SHARED_CORE_FILES = ['electron/core/api.ts', 'electron/core/**/contract.ts', 'electron/core/**/*.shared.ts'];
/** Lookaheads that let through an import specifier naming a shared core file: …api, …contract or ….shared. */
const UNLESS_SHARED = '(?!(?:.*/)?(?:api|contract)$)(?!.*\\.shared$)';

const NO_ELECTRON = {
  name: 'electron',
  message: "Only electron/main, preload, ipc, app-window and electron/shell may import 'electron'; the core runs under plain Node.",
};

export default tseslint.config(
  { ignores: ['dist-electron/**', 'dist-renderer/**', 'release/**', 'node_modules/**', 'test-output/**', 'build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=1][arguments.0.type='Literal']",
          message: "Never new Date('YYYY-MM-DD') for a calendar day: use the day strings in electron/core/dates.shared.ts.",
        },
        // Days and times are the office's (a setting), never the machine's own zone: a PC set to UTC must show Beijing's day.
        {
          selector:
            'CallExpression[callee.property.name=/^(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|getTimezoneOffset|toLocaleDateString|toLocaleTimeString)$/]',
          message:
            "A day or time of day from the machine's own time zone: use ctx.clock (core) or renderer/src/kit/datetime.ts, which count in the office's zone.",
        },
        {
          selector: "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']",
          message: "An instant shown in the machine's own time zone: use formatInstant from renderer/src/kit/datetime.ts.",
        },
        {
          selector: "CallExpression[callee.property.name='slice'][callee.object.type='CallExpression'][callee.object.callee.property.name='toISOString']",
          message:
            "toISOString().slice(…) is the UTC day or time, not the office's: use clock.today()/clock.dayOf() (core) or officeToday()/formatInstant (renderer).",
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', 'tests/**/*.ts'],
    ignores: ['tests/unit/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the app only through api/client.ts.' }],
          patterns: [
            { group: ['node:*', 'better-sqlite3*'], message: 'The renderer has no Node.' },
            {
              regex: `(?:^|/)electron/core/${UNLESS_SHARED}`,
              message:
                'The renderer loads only the shared core: api.ts, contract.ts files and files named *.shared.ts (no Node, nothing that runs in the core).',
            },
            {
              regex: '(?:^|/)electron/(?!core/)',
              message: 'The renderer never loads Electron main, preload or shell code: it calls channels through api/client.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: SHARED_CORE_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON],
          patterns: [
            {
              regex: '^(?!zod$|\\.)',
              message: 'A shared core file (loaded by the renderer too) imports no package but zod: no node:, no database, no file libraries.',
            },
            {
              regex: `^\\.${UNLESS_SHARED}`,
              message:
                'A shared core file imports only other shared core files (api.ts, contract.ts, *.shared.ts): name the file *.shared.ts if the renderer may load it, or move the code the renderer needs into one.',
            },
          ],
        },
      ],
    },
  },
);
