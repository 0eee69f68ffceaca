/**
 * What a source is (an OOXML or BIFF8 workbook, text, a paste) and how the wizard and 导入记录 name it: shared by the
 * core's reader and the renderer's mapping step and history.
 */

/** What the rows were read from: an OOXML workbook, a BIFF8 workbook (.xls, or a WPS .et holding one), text, or a pasted list. */
export type SourceFormat = 'xlsx' | 'xls' | 'csv' | 'paste';
/** A spreadsheet's extension on a file's name: .xlsx, .xls, WPS .et and their templates and macro kinds. */
const SHEET_EXTENSION = /\.(xlsx|xlsm|xltx|xls|xlt|et|ett)$/i;

/**
 * The extension a text file wears when it is named as a spreadsheet (a CSV renamed 登记表.xlsx, a web system's
 * export saved as .xls): the wizard says what the file is rather than calling it a workbook, or empty.
 */
export function sheetNameOnText(format: SourceFormat, fileName: string): string | null {
  return format === 'csv' ? (SHEET_EXTENSION.exec(fileName)?.[0].toLowerCase() ?? null) : null;
}

/** What the mapping step says of a text file named as a spreadsheet: read as text, and how to tell if that is wrong. */
export function textUnderSheetNameNote(format: SourceFormat, fileName: string): string | null {
  const ext = sheetNameOnText(format, fileName);
  return ext
    ? `文件名是 ${ext}，但内容是纯文本（CSV/文本），不是 Excel 或 WPS 工作簿：已按文本表格读取。请核对下面每一列的示例是否对得上；对不上时，请向社区要原来的表格文件。`
    : null;
}

/** How the wizard and the history name what was read. */
export function formatLabel(format: SourceFormat, fileName: string): string {
  const et = /\.et$/i.test(fileName);
  const onText = sheetNameOnText(format, fileName);
  if (onText) return `纯文本（CSV/文本），文件名是 ${onText}`;
  switch (format) {
    case 'xlsx':
      return et ? 'WPS 表格（.et，内容为 .xlsx 格式）' : 'Excel 工作簿（.xlsx）';
    case 'xls':
      return et ? 'WPS 表格（.et，内容为 .xls 格式）' : '旧版 Excel 工作簿（.xls）';
    case 'csv':
      return '文本表格（CSV）';
    case 'paste':
      return '粘贴的内容';
    default: {
      const never: never = format;
      return String(never);
    }
  }
}
