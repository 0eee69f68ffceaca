import { TARGET_IDS, TARGETS, type TargetId } from '../../../../electron/core/io/import/fields.shared';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { TextArea } from '../../kit/Field';
import { FileChooser } from '../../kit/FileChooser';
import { NoCommunityNote } from './NoCommunityNote';

export type SourceKind = 'file' | 'paste';

const PASTE_EXAMPLE =
  '可以粘贴从 Excel/WPS 复制的单元格（带表头更好），或微信接龙，例如：\n东风社区返程人员接龙\n1. 张三 410105196203120178 13803711002 3号楼2单元101室\n2. 李四 …';

/** Step 1: what the rows become, and where they come from: a file (.xlsx, .xls, WPS .et, .csv) or a pasted list. */
export function SourceStep(p: {
  target: TargetId;
  setTarget: (t: TargetId) => void;
  kind: SourceKind;
  setKind: (k: SourceKind) => void;
  file: ChosenFile | null;
  setFile: (f: ChosenFile | null) => void;
  text: string;
  setText: (s: string) => void;
  busy: boolean;
  onOpen: () => void;
}) {
  return (
    <form className="panel" onSubmit={(e) => (e.preventDefault(), p.onOpen())}>
      <div className="field">
        <label htmlFor="import-target">导入内容</label>
        <select id="import-target" value={p.target} onChange={(e) => p.setTarget(e.target.value as TargetId)}>
          {TARGET_IDS.map((t) => (
            <option key={t} value={t}>
              {TARGETS[t].label}
            </option>
          ))}
        </select>
      </div>
      <p>{TARGETS[p.target].description}</p>
      <NoCommunityNote def={TARGETS[p.target]} />
      <div className="choice-row" role="radiogroup" aria-label="来源">
        <label>
          <input type="radio" name="import-kind" checked={p.kind === 'file'} onChange={() => p.setKind('file')} />
          从文件导入
        </label>
        <label>
          <input type="radio" name="import-kind" checked={p.kind === 'paste'} onChange={() => p.setKind('paste')} />
          粘贴名单（接龙或单元格）
        </label>
      </div>
      {p.kind === 'file' ? (
        <>
          <FileChooser
            kind="open"
            label="文件路径"
            title="选择社区报来的表格"
            extensions={['xlsx', 'xls', 'et', 'csv', 'txt']}
            value={p.file}
            onChange={p.setFile}
          />
          <p className="notice">
            支持 Excel 和 WPS 的表格（.xlsx、.xls、.et）和 .csv 文本表格；格式和文字编码按文件内容自动识别。标题里写明的社区、人员类别会在下一步提示采用。
          </p>
        </>
      ) : (
        <TextArea
          label="粘贴的名单"
          value={p.text}
          onChange={(e) => p.setText(e.target.value)}
          rows={10}
          placeholder={PASTE_EXAMPLE}
          style={{ width: '100%', fontFamily: 'inherit' }}
        />
      )}
      <div className="actions">
        <button className="primary" type="submit" disabled={p.busy || (p.kind === 'paste' ? p.text.trim() === '' : !p.file)}>
          {p.kind === 'file' ? '打开文件' : '识别名单'}
        </button>
      </div>
    </form>
  );
}
