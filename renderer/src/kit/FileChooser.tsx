/**
 * The one way a screen lets the user pick a file or folder. The page never
 * holds a path the core would accept: it gets a handle for the user's choice.
 *   - In the app: a 「选择…」 button opens main's native dialog.
 *   - In the preview (a browser cannot give paths): the user types the path
 *     and it is checked as they type, with the same rules the core applies
 *     (「文件不存在」「不能写入台账文件夹」「该文件已存在，是否替换？」…).
 *   - For folders, removable drives (U 盘) are offered as a list.
 * Handles that write work once: after using one, the screen clears the value
 * (`onChange(null)`); in preview a still-valid typed path is chosen again.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ChosenFile, Drive, GrantRequest } from '../../../electron/core/shell/contract';
import { call, errorMessage, isPreview } from '../api/client';

export type ChooserKind = 'open' | 'save' | 'folder' | 'openFolder' | 'ledgerFolder';

export interface FileChooserProps {
  kind: ChooserKind;
  /** What the user is choosing, as the screen says it: 要导入的文件, 保存位置, 备份文件夹. */
  label: string;
  value: ChosenFile | null;
  onChange: (chosen: ChosenFile | null) => void;
  /** The dialog's title (app). */
  title?: string;
  /** File types the dialog offers (open). */
  extensions?: string[];
  /** The file name a save dialog starts with. */
  suggestedName?: string;
  /** Offer removable drives (folders to write into). */
  drives?: boolean;
  /** Preview: what the box shows before anything is typed. */
  placeholder?: string;
  /** Preview: a path to start from (e.g. beside the imported file). */
  defaultPath?: string;
  /** Each choice is added to a list by the screen (several packages): the box empties for the next one. */
  addsToList?: boolean;
}

const coreKind = (k: ChooserKind): GrantRequest['kind'] => (k === 'ledgerFolder' ? 'openFolder' : k);

/** Asks the transport for a handle: main's dialog in the app, the typed path in preview. */
export function ask(props: FileChooserProps, typed?: string, replace?: boolean): Promise<{ chosen: ChosenFile | null }> {
  const path = typed !== undefined ? { path: typed } : {};
  const title = props.title ? { title: props.title } : {};
  switch (props.kind) {
    case 'open':
      return call('shell.openFile', { ...title, ...path, ...(props.extensions ? { extensions: props.extensions } : {}) });
    case 'save':
      return call('shell.saveFile', {
        ...title,
        ...path,
        suggestedName: props.suggestedName ?? (typed ? typed.replace(/^.*[/\\]/, '') : '未命名'),
        ...(replace ? { replace } : {}),
      });
    case 'folder':
      return call('shell.chooseFolder', { ...title, ...path, use: 'write' });
    case 'openFolder':
      return call('shell.chooseFolder', { ...title, ...path, use: 'read' });
    case 'ledgerFolder':
      return call('shell.chooseLedgerFolder', path);
  }
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

export function FileChooser(props: FileChooserProps) {
  const { label, value, onChange, kind } = props;
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [needsReplace, setNeedsReplace] = useState(false);
  const [typed, setTyped] = useState(props.defaultPath ?? '');
  const [drives, setDrives] = useState<Drive[] | null>(null);
  const seq = useRef(0);

  const choose = (p: Promise<{ chosen: ChosenFile | null }>) =>
    p
      .then((r) => {
        setProblem(null);
        if (r.chosen) onChange(r.chosen);
        if (r.chosen && props.addsToList) setTyped('');
      })
      .catch((e: unknown) => setProblem(errorMessage(e)));

  // Preview: check the typed path as the user types; once it is usable, get its handle.
  useEffect(() => {
    if (!isPreview || value || !typed.trim()) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      void call('shell.checkPath', { kind: coreKind(kind), path: typed })
        .then((c) => {
          if (mine !== seq.current) return;
          setProblem(c.problem);
          setNeedsReplace(c.needsReplace);
          if (c.problem === null) void choose(ask(props, typed));
        })
        .catch((e: unknown) => mine === seq.current && setProblem(errorMessage(e)));
    }, 250);
    return () => clearTimeout(t);
  }, [typed, value, kind]);

  const refreshDrives = () =>
    call('shell.listDrives', {})
      .then(setDrives)
      .catch((e: unknown) => setProblem(errorMessage(e)));
  useEffect(() => {
    if (props.drives) void refreshDrives();
  }, [props.drives]);

  const driveList = props.drives && drives && (
    <div className="toolbar">
      <div className="field">
        <label htmlFor={`${id}-drive`}>U 盘</label>
        <select
          id={`${id}-drive`}
          value={drives.find((d) => value && value.path === d.path)?.path ?? ''}
          onChange={(e) => e.target.value && void choose(call('shell.chooseFolder', { drive: e.target.value, use: 'write' }))}
        >
          <option value="">{drives.length ? '请选择' : '没有找到 U 盘'}</option>
          {drives.map((d) => (
            <option key={d.path} value={d.path}>
              {d.label}（可用 {mb(d.freeBytes)} / 共 {mb(d.totalBytes)}）
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => void refreshDrives()}>
        刷新
      </button>
    </div>
  );

  return (
    <div className="file-chooser">
      {driveList}
      {isPreview ? (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            value={typed}
            placeholder={props.placeholder ?? (kind === 'folder' || kind === 'openFolder' || kind === 'ledgerFolder' ? '文件夹的完整路径' : '文件的完整路径')}
            onChange={(e) => {
              setTyped(e.target.value);
              setProblem(null);
              setNeedsReplace(false);
              if (value) onChange(null);
            }}
            aria-invalid={problem !== null && !needsReplace}
            style={{ minWidth: 420 }}
          />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <div className="toolbar" style={{ marginBottom: 0 }}>
            <button id={id} type="button" onClick={() => void choose(ask(props))}>
              {kind === 'save' ? '选择保存位置…' : kind === 'open' ? '选择文件…' : '选择文件夹…'}
            </button>
            <span className={value ? '' : 'muted'}>{value ? value.path : '未选择'}</span>
          </div>
        </div>
      )}
      {problem && (
        <p className={needsReplace ? 'notice' : 'error'} role="alert">
          {problem}{' '}
          {needsReplace && (
            <button type="button" onClick={() => void choose(ask(props, typed, true))}>
              替换
            </button>
          )}
        </p>
      )}
      {isPreview && value && <p className="ok">✓ {value.path}</p>}
    </div>
  );
}
