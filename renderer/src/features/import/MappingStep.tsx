import type { DuplicateMode, InspectResult } from '../../../../electron/core/io/import/contract';
import { DUPLICATE_LABELS, DUPLICATE_MODES, ENCODING_LABELS } from '../../../../electron/core/io/import/contract';
import { formatLabel, textUnderSheetNameNote } from '../../../../electron/core/io/import/source-format.shared';
import type { TargetDef } from '../../../../electron/core/io/import/fields.shared';
import { SUGGESTION_SOURCE_LABELS } from '../../../../electron/core/io/import/suggestions.shared';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { formatInstant } from '../../kit/datetime';
import { MoreBelow } from '../../kit/MoreBelow';
import { SheetsByCommunity, type SheetChoice } from './SheetsByCommunity';
import { TitleLine } from './TitleLine';
import { missingRequired, unansweredCommunity, WholeFileValues, type Constants } from './WholeFileValues';

export type Encoding = 'auto' | 'utf-8' | 'gb18030';

function describeSource(i: InspectResult): string {
  const what = formatLabel(i.format, i.fileName);
  if (i.format === 'paste')
    // Cells copied from a sheet: say what the columns are named by (「粘贴的表格（粘贴的内容）」 said nothing, session 20 walk).
    return i.fileName === '粘贴的接龙名单'
      ? `${i.fileName}（姓名、身份证号、电话按格式识别，其余原样列在「其他内容」）`
      : `${i.fileName}（从 Excel/WPS 复制的单元格）；表头在第 ${i.headerRows.join('、')} 行`;
  const encoding = i.format === 'csv' ? `，编码 ${i.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8'}` : '';
  return `${i.fileName}（${what}${encoding}）；表头在第 ${i.headerRows.join('、')} 行`;
}

/** The column a pasted 接龙 keeps for what follows the name, ID number and phone (io/import/paste.ts): left unmapped, never guessed at. */
const PASTE_LEFTOVER = '其他内容';

/** Where that text (usually the address) could go: 住址 where the target has it, else 备注. */
function leftoverHint(def: TargetDef): string {
  const into = def.fields.find((f) => f.key === 'address') ?? def.fields.find((f) => f.label === '备注');
  const choose = into ? `在右边选「${into.label}」` : '在右边选择对应的项';
  return `「${PASTE_LEFTOVER}」是每条接龙在姓名、身份证号、电话之后的文字，多为住址。现在是「不导入」；要把它写进台账，请${choose}，预览里可以核对。`;
}

/** The gap between the file's columns and the step's action bar under them. */
const BAR_GAP = 12;
/** Below this the frame scrolls with the page rather than shrink further (a window shorter than any office screen). */
const FRAME_MIN = 240;

/**
 * The frames of the step (the file's columns; the choices and 全表统一的值 beside them) each as tall as the window leaves
 * it between its own top and the step's action bar, whatever the step shows above it. A fixed 100vh − 350 px put the
 * list's last rows under the bar when more notices sat above the list (标题, 已导入过, 已按上次…, the file's real format:
 * session 25); the column beside it had no frame, and at 1366×768 a pasted 接龙's 采用「返程人员」 and 「为其他字段填写统一的
 * 值…」 sat under the bar (session 31). Measured from the top of the page's scroll area, so a page scrolled down does not
 * shrink them; again on every render and when the window changes size.
 */
function useFramesAboveBar(frames: RefObject<HTMLDivElement | null>[], bar: RefObject<HTMLDivElement | null>): void {
  useLayoutEffect(() => {
    const fit = () => {
      const b = bar.current;
      if (!b) return;
      for (const { current: f } of frames) {
        if (!f) continue;
        let scroller = f.parentElement;
        while (scroller && getComputedStyle(scroller).overflowY === 'visible') scroller = scroller.parentElement;
        const top = f.getBoundingClientRect().top + (scroller?.scrollTop ?? 0);
        // Less the line under it that says what lies below (kit/MoreBelow).
        const hint = f.nextElementSibling instanceof HTMLElement ? f.nextElementSibling.offsetHeight : 0;
        const room = Math.floor(window.innerHeight - top - BAR_GAP - b.offsetHeight - hint);
        f.style.maxHeight = `${Math.max(FRAME_MIN, room)}px`;
      }
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  });
}

/** Step 2: sheet, encoding, what each column holds, and the values that stand for missing columns. */
export function MappingStep(p: {
  inspect: InspectResult;
  def: TargetDef;
  mapping: (string | null)[];
  setMapping: (m: (string | null)[]) => void;
  constants: Constants;
  setConstants: (c: Constants) => void;
  encoding: Encoding;
  onEncoding: (e: Encoding) => void;
  onSheet: (s: string) => void;
  /** Several sheets, each under the community its name names (SheetsByCommunity); null: the one sheet shown. */
  bySheets: SheetChoice[] | null;
  setBySheets: (c: SheetChoice[] | null) => void;
  onDuplicate: DuplicateMode;
  setOnDuplicate: (m: DuplicateMode) => void;
  busy: boolean;
  onRestart: () => void;
  onPreview: () => void;
}) {
  const { inspect, def } = p;
  // By sheets, 社区 is each sheet's: given as if by a column, never asked as a whole-file value.
  const mapping = p.bySheets ? [...p.mapping, 'community'] : p.mapping;
  const missing = missingRequired(def, mapping, p.constants);
  const community = unansweredCommunity(def, mapping, p.constants, inspect.suggestions);
  const noSheetTicked = p.bySheets !== null && p.bySheets.length === 0;
  const frame = useRef<HTMLDivElement>(null);
  const side = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const [titleOpen, setTitleOpen] = useState(false);
  useFramesAboveBar([frame, side], bar);
  return (
    <div className="panel mapping-panel">
      <p>
        {inspect.format === 'paste' ? '内容' : '文件'}：<strong>{describeSource(inspect)}</strong>
      </p>
      {textUnderSheetNameNote(inspect.format, inspect.fileName) && (
        <p className="notice" role="status" aria-label="文件的实际格式">
          {textUnderSheetNameNote(inspect.format, inspect.fileName)}
        </p>
      )}
      <TitleLine title={inspect.title} rows={inspect.titleRows} open={titleOpen} setOpen={setTitleOpen} />
      {inspect.readNotes.map((line) => (
        <p key={line} className="notice" role="status" aria-label="读取说明">
          {line}
        </p>
      ))}
      {inspect.preset && (
        <p className="ok" role="status">
          这是「{inspect.preset.label}」，已按下发时的设置对应列并填好全表统一的值。
        </p>
      )}
      {inspect.alreadyImported && (
        <p className="notice" role="status">
          这个文件已在 {formatInstant(inspect.alreadyImported.at)} 导入过；再次导入不会有任何改动。
        </p>
      )}
      {inspect.remembered && (
        <p className="ok" role="status">
          已按上次相同表头的文件自动对应列{Object.keys(p.constants).length > 0 ? '，并填入上次的全表统一的值（请核对）' : ''}。
        </p>
      )}
      {/* At 1366×768 the file's columns take the left and most of the height, scrolling in their own frame under a
          header that stays; the choices for the whole file sit beside them (session 24: one column was in sight). */}
      <div className="mapping-step">
        <div>
          <div className="mapping-frame" data-scroll-frame ref={frame}>
            <table className="mapping" aria-label="列对应关系">
              <thead>
                <tr>
                  <th align="left" style={{ whiteSpace: 'nowrap' }}>
                    文件中的列
                  </th>
                  <th align="left">示例</th>
                  <th align="left">对应到</th>
                </tr>
              </thead>
              <tbody>
                {inspect.headers.map((h, i) => (
                  <tr key={i} data-more-item style={{ borderTop: '1px solid var(--line)' }}>
                    <td style={{ whiteSpace: 'nowrap' }}>{h || `（第 ${i + 1} 列，无表头）`}</td>
                    <td style={{ color: 'var(--muted)' }}>
                      {inspect.sample
                        .slice(0, 2)
                        .map((r) => r[i] ?? '')
                        .join(' / ')}
                      {/* Said on the column itself, where the eye is when choosing what it maps to. */}
                      {inspect.format === 'paste' && h === PASTE_LEFTOVER && p.mapping[i] == null && (
                        <p className="notice" role="note" aria-label="其他内容的说明" style={{ margin: '4px 0 0' }}>
                          {leftoverHint(def)}
                        </p>
                      )}
                    </td>
                    <td>
                      <select
                        aria-label={`「${h || `第 ${i + 1} 列`}」对应到`}
                        value={p.mapping[i] ?? ''}
                        onChange={(e) => {
                          const key = e.target.value || null;
                          p.setMapping(p.mapping.map((m, j) => (j === i ? key : m === key ? null : m)));
                          // A field now given by a column no longer takes a whole-file value.
                          if (key && key in p.constants) p.setConstants(Object.fromEntries(Object.entries(p.constants).filter(([k]) => k !== key)));
                        }}
                      >
                        <option value="">（不导入）</option>
                        {def.fields.map((f) => (
                          <option key={f.key} value={f.key}>
                            {f.label}
                            {f.required ? '（必填）' : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <MoreBelow frame={frame} />
        </div>
        <div>
          <div className="mapping-side" data-scroll-frame ref={side}>
            <SheetsByCommunity suggestions={inspect.sheetCommunities} chosen={p.bySheets} onChange={p.setBySheets} />
            <div className="toolbar">
              {inspect.sheets.length > 1 && p.bySheets === null && (
                <div className="field" data-more-item>
                  <label htmlFor="import-sheet">工作表</label>
                  <select id="import-sheet" value={inspect.sheet ?? ''} onChange={(e) => p.onSheet(e.target.value)}>
                    {inspect.sheets.map((s) => (
                      <option key={s} value={s}>
                        {inspect.hiddenSheets.includes(s) ? `${s}（隐藏的工作表）` : s}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {inspect.format === 'csv' && (
                <div className="field" data-more-item>
                  <label htmlFor="import-encoding">文字编码</label>
                  <select id="import-encoding" value={p.encoding} onChange={(e) => p.onEncoding(e.target.value as Encoding)}>
                    {(['auto', 'utf-8', 'gb18030'] as const).map((e) => (
                      <option key={e} value={e}>
                        {ENCODING_LABELS[e]}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field" data-more-item>
                <label htmlFor="import-dup">与台账重复时</label>
                <select id="import-dup" value={p.onDuplicate} onChange={(e) => p.setOnDuplicate(e.target.value as DuplicateMode)}>
                  {DUPLICATE_MODES.map((m) => (
                    <option key={m} value={m}>
                      {DUPLICATE_LABELS[m]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <WholeFileValues
              def={def}
              mapping={mapping}
              constants={p.constants}
              suggestions={inspect.suggestions}
              remembered={inspect.remembered ? inspect.constants : {}}
              onChange={p.setConstants}
            />
          </div>
          <MoreBelow frame={side} />
        </div>
      </div>
      <div className="actions step-actions" style={{ marginTop: BAR_GAP }} ref={bar}>
        {/* Beside the greyed 预览, in sight however long the column list: why it cannot be pressed yet. */}
        {missing.length > 0 && (
          <p className="notice" role="status" style={{ margin: '0 auto 0 0', alignSelf: 'center' }}>
            还需要指定{missing.map((f) => `「${f.label}」`).join('、')}：选择文件中对应的列，或在“全表统一的值”中填写。
          </p>
        )}
        {noSheetTicked && (
          <p className="notice" role="status" style={{ margin: '0 auto 0 0', alignSelf: 'center' }}>
            请在「每张工作表是一个社区」下勾选要导入的工作表。
          </p>
        )}
        {missing.length === 0 && community && (
          <p className="notice" role="status" style={{ margin: '0 auto 0 0', alignSelf: 'center' }}>
            {SUGGESTION_SOURCE_LABELS[community.from]}中写的社区是「{community.found}」：请在“全表统一的值”中点「采用「{community.value}」」，或另选社区。
          </p>
        )}
        <button type="button" onClick={p.onRestart}>
          重新选择文件
        </button>
        <button className="primary" type="button" disabled={p.busy || missing.length > 0 || community !== null || noSheetTicked} onClick={p.onPreview}>
          预览
        </button>
      </div>
    </div>
  );
}
