/**
 * The lint rules that keep the renderer and the core apart, both ways: the
 * renderer loads only shared core files (api.ts, contract.ts, *.shared.ts),
 * and a shared core file imports only zod and other shared core files.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the renderer loads only the shared core', () => {
  const screen = 'renderer/src/features/caseload/Probe.tsx';
  it.each([
    ["import { dispatch } from '../../../../electron/core/router';", 'the router'],
    ["import { listCases } from '../../../../electron/core/caseload/case-queries';", 'a query module'],
    ["import type { Ledger } from '../../../../electron/core/db/ledger';", 'a type from the database layer'],
    ["export { AppError } from '../../../../electron/core/errors';", 'a re-export of core code'],
    ["import { registerIpc } from '../../../../electron/ipc';", 'Electron main code'],
  ])('refuses %s (%s)', async (line) => {
    expect(await restricted(`${line}\nexport const x = 1;\n`, screen)).toHaveLength(1);
  });
  it.each([
    "import type { Channel } from '../../../../electron/core/api';",
    "import { ROLES } from '../../../../electron/core/contract';",
    "import type { CaseListRow } from '../../../../electron/core/caseload/contract';",
    "import { CATEGORY_LABELS } from '../../../../electron/core/caseload/codes.shared';",
  ])('allows %s', async (line) => {
    expect(await restricted(`${line}\nexport const x = 1;\n`, screen)).toEqual([]);
  });
});

describe('a shared core file imports only zod and shared core files', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'electron/core/caseload/contract.ts'],
    ["import Database from 'better-sqlite3-multiple-ciphers';", 'electron/core/caseload/codes.shared.ts'],
    ["import { parse } from 'papaparse';", 'electron/core/api.ts'],
    ["import { listCases } from './case-queries';", 'electron/core/caseload/contract.ts'],
    ["import type { Ledger } from '../db/ledger';", 'electron/core/auth/contract.ts'],
    ["import { AppError } from '../errors';", 'electron/core/rota/types.shared.ts'],
  ])('refuses %s in %s', async (line, file) => {
    expect(await restricted(`${line}\nexport const x = 1;\n`, file)).toHaveLength(1);
  });
  it.each([
    ["import { z } from 'zod';", 'electron/core/caseload/contract.ts'],
    ["import { channel } from '../contract';", 'electron/core/caseload/contract.ts'],
    ["import type { LedgerProblem } from '../db/ledger-problem.shared';", 'electron/core/auth/contract.ts'],
    ["import { authContract } from './auth/contract';", 'electron/core/api.ts'],
  ])('allows %s in %s', async (line, file) => {
    expect(await restricted(`${line}\nexport const x = 1;\n`, file)).toEqual([]);
  });
  it('leaves the rest of the core free to import Node', async () => {
    expect(await restricted("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'electron/core/io/import/source.ts')).toEqual([]);
  });
});
