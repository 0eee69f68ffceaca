/** The 防控物资库存与缺口表 of a past week as the district reads it: written to a temporary stick, read back from the package. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PART_NAMES } from '../../../electron/core/io/export/package-format';
import type { TestLedger } from '../../helpers/ledger';
import { ZIP_PASSWORD } from '../export/fixture';
import { partsOf } from '../export/rebuild-package';

/** Rows of the form for 10–16 February 2020 (Monday to Sunday). */
export async function shortageFormRows(t: TestLedger): Promise<Array<Record<string, unknown>>> {
  const stick = mkdtempSync(join(tmpdir(), 'taizhang-past-supplies-'));
  try {
    const written = await t.call('export.write', {
      from: '2020-02-10',
      to: '2020-02-16',
      formIds: ['supplies-shortage'],
      folder: stick,
      password: ZIP_PASSWORD,
    });
    const data = JSON.parse(Buffer.from((await partsOf(t, written.path)).parts.get(PART_NAMES.data)!).toString('utf8')) as {
      forms: Array<{ id: string; rows: Array<Record<string, unknown>> }>;
    };
    return data.forms.find((f) => f.id === 'supplies-shortage')!.rows;
  } finally {
    rmSync(stick, { recursive: true, force: true });
  }
}
