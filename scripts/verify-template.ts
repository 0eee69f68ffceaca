/**
 * `npm run verify -- … --template 区级模板.xlsx --out 文件夹`: the district,
 * with no ledger, fills its own template from the verified packages. The
 * columns are matched by their header words (as the app suggests them);
 * `--map "列标题=内容"` settles the rest; a column left unsettled stops it
 * with the list of what a column can take. Numbers are masked unless
 * `--full-numbers` is given (an explicit choice for a plain file).
 */
import { basename } from 'node:path';
import { SettableClock } from '../electron/core/clock';
import { badInput } from '../electron/core/errors';
import { safeName } from '../electron/core/io/export/build-package';
import { packageEntry, periodOf, rowsFromPackages, type AcceptedPackage } from '../electron/core/io/export/district';
import { headCountOfPackages } from '../electron/core/io/export/form-rows';
import { formById } from '../electron/core/io/export/forms/registry';
import { writeVerified } from '../electron/core/io/export/safe-write';
import { COMPUTED_LABELS, type MappingSource } from '../electron/core/io/export/templates/contract';
import { fillTemplate } from '../electron/core/io/export/templates/fill';
import { readLayout } from '../electron/core/io/export/templates/layout';
import { checkMapping, sourceFromWords, suggestFor, suggestMapping } from '../electron/core/io/export/templates/mapping';
import { loadWorkbook, readTemplateFile, sheetOf } from '../electron/core/io/export/templates/workbook-file';

export interface CommandLineFill {
  templatePath: string;
  folder: string;
  accepted: readonly AcceptedPackage[];
  /** The district's own name for the 填报单位 line (left as the template has it when empty). */
  office: string;
  form: string | undefined;
  maps: string[];
  fullNumbers: boolean;
}

export async function fillFromCommandLine(o: CommandLineFill): Promise<{ path: string; rows: number; offices: number; fullNumbers: boolean }> {
  const { bytes, fileName } = readTemplateFile(o.templatePath);
  const ws = sheetOf(await loadWorkbook(bytes));
  const layout = readLayout(ws);
  if (!layout) throw badInput(`在模板「${fileName}」里找不到表头（一行里至少两个列标题）。`);
  const suggested = suggestMapping(layout.columns);
  const baseId = o.form ?? suggested.baseForm;
  const base = formById(baseId);
  if (!base) throw badInput(`--form 「${baseId}」不是一张上报表格。`);
  const mapping: Array<MappingSource | null> = o.form ? suggestFor(layout.columns, base).mapping : suggested.mapping;
  for (const m of o.maps) {
    const [header, words] = m.split('=').map((s) => s.trim());
    const i = layout.columns.findIndex((c) => c.header === header || c.header.split('/').pop() === header || c.letter === header);
    if (i < 0 || !words) throw badInput(`--map「${m}」：模板里没有「${header ?? ''}」这一列，写法为 --map "列标题=内容"。`);
    const source = sourceFromWords(words, base);
    if (!source) throw badInput(`--map「${m}」：「${words}」不是「${base.title}」的字段，也不是计算值。`);
    mapping[i] = source;
  }
  if (mapping.some((m) => m === null)) {
    const choices = [...base.columns.map((c) => c.header), ...Object.values(COMPUTED_LABELS), '留空', '文字:…'].join('、');
    throw badInput(
      `模板按「${base.title}」填写时，${layout.columns
        .filter((_, i) => mapping[i] === null)
        .map((c) => `${c.letter} 列「${c.header}」`)
        .join('、')}不知道填什么。` + `请用 --map "列标题=内容" 指定，内容可以是：${choices}。`,
    );
  }
  const checked = checkMapping(layout.columns, base.id, mapping);
  const rows = rowsFromPackages(base, o.accepted, o.fullNumbers);
  if (rows.length === 0) throw badInput(`通过核验的上报包里都没有「${base.title}」的数据，没有生成区级表格。`);
  const period = periodOf(o.accepted);
  const filled = await fillTemplate({
    bytes,
    sheet: ws.name,
    mapping: checked.mapping,
    fields: base.columns,
    rows,
    ctx: { officeName: o.office, period, madeOn: new SettableClock().today() },
    unit: base.columns.some((c) => c.kind === 'personal') ? '人' : '条',
    headCount: headCountOfPackages(
      base,
      o.accepted.map((p) => packageEntry(base, p)),
    ),
  });
  const name = `${safeName(basename(fileName, '.xlsx'))}_${period.from.replace(/-/g, '')}-${period.to.replace(/-/g, '')}_汇总.xlsx`;
  const path = await writeVerified(o.folder, name, filled.bytes, async (back) => {
    await loadWorkbook(back);
  });
  return { path, rows: filled.rows, offices: new Set(rows.map((r) => r.office)).size, fullNumbers: o.fullNumbers };
}
