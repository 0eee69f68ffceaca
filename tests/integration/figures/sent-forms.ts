/** The forms of a package as the district reads them: export.write into a fresh folder, its data.json's rows and people by form. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PART_NAMES } from '../../../electron/core/io/export/package-format';
import type { TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from '../../unit/export/fixture';
import { partsOf } from '../../unit/export/rebuild-package';

export type Figures = Record<string, unknown>;

/** `folders` collects the folder written into, for the caller's afterAll to remove. */
export async function sentForms(t: TestLedger, period: { from: string; to: string }, formIds: string[], folders: string[]): Promise<Figures> {
  const folder = mkdtempSync(join(tmpdir(), 'taizhang-sent-forms-'));
  folders.push(folder);
  const written = await t.call('export.write', { ...period, formIds, folder, password: ZIP_PASSWORD });
  const data = JSON.parse(Buffer.from((await partsOf(t, written.path)).parts.get(PART_NAMES.data)!).toString('utf8')) as {
    forms: Array<{ id: string; rows: unknown[]; people?: number }>;
  };
  return Object.fromEntries(data.forms.map((f) => [f.id, { rows: f.rows, people: f.people }]));
}
