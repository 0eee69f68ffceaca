import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../../../electron/core/io/backup/contract';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { FileChooser } from '../../kit/FileChooser';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from '../../kit/Field';
import { DestinationPicker, MUTED } from './common';
import { Message, type Msg } from '../../kit/Message';
import { formatInstant } from '../../kit/datetime';

const TABLE_LABELS: Record<string, string> = {
  residents: '居民',
  households: '户',
  cases: '个案',
  health_checks: '健康监测',
  care_visits: '关爱走访',
  communities: '社区',
  grids: '网格',
  users: '用户',
  audit_log: '修改记录',
  export_log: '上报记录',
};

function Counts({ counts }: { counts: Record<string, number> }) {
  const shown = Object.entries(counts).filter(([k]) => TABLE_LABELS[k]);
  return (
    <ul aria-label="备份内容">
      {shown.map(([k, n]) => (
        <li key={k}>
          {TABLE_LABELS[k]}：{n}
        </li>
      ))}
    </ul>
  );
}

/** 备份与恢复: a verified encrypted copy to a folder or stick, the daily automatic backup, restore with a preview. */
export function BackupPanel() {
  const settings = useQuery('backup.settings.get', {});
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const [auto, setAuto] = useState({ autoDaily: false, keepLast: 7 });
  const [autoFolder, setAutoFolder] = useState<ChosenFile | null>(null);
  const [restoreFrom, setRestoreFrom] = useState<ChosenFile | null>(null);
  const [restorePassword, setRestorePassword] = useState('');
  const [info, setInfo] = useState<BackupInfo | null>(null);
  // What was read sits below the fold at 1366×768 while the message above says 「请核对下面的内容」: bring it into view.
  const infoRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (info) infoRef.current?.scrollIntoView({ block: 'nearest' });
  }, [info]);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);

  useEffect(() => {
    if (settings.data) setAuto({ autoDaily: settings.data.autoDaily, keepLast: settings.data.keepLast });
  }, [settings.data]);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setMsg(null);
    try {
      setMsg({ ok: true, text: await fn() });
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Message msg={msg} />
      <div className="panel">
        <h2>立即备份</h2>
        <DestinationPicker value={folder} onChange={setFolder} label="备份位置（U 盘或文件夹）" />
        <button
          className="primary"
          type="button"
          disabled={busy || !folder}
          onClick={() =>
            folder &&
            void run(async () => {
              setFolder(null);
              return `备份完成并已核对：${(await call('backup.create', { folder: folder.handle })).path}`;
            })
          }
        >
          立即备份
        </button>
        <p style={MUTED}>
          备份仍然加密，只有知道台账密码的人才能打开。{settings.data?.lastBackupAt && `上次备份：${formatInstant(settings.data.lastBackupAt)}`}
        </p>
      </div>
      <div className="panel">
        <h2>每日自动备份</h2>
        <form
          className="toolbar"
          onSubmit={(e) => (
            e.preventDefault(),
            void run(async () => {
              const saved = await call('backup.settings.save', { ...auto, ...(autoFolder ? { folder: autoFolder.handle } : {}) });
              setAutoFolder(null);
              settings.reload();
              return `已保存自动备份设置${saved.folder ? `（备份到「${saved.folder}」）` : ''}。`;
            })
          )}
        >
          <label>
            <input type="checkbox" checked={auto.autoDaily} onChange={(e) => setAuto({ ...auto, autoDaily: e.target.checked })} /> 每天自动备份一次
          </label>
          <FileChooser
            kind="folder"
            label={settings.data?.folder ? `自动备份位置（现为「${settings.data.folder}」，可另选）` : '自动备份位置'}
            title="选择自动备份位置"
            value={autoFolder}
            onChange={setAutoFolder}
          />
          <Field
            label="保留份数"
            type="number"
            min={1}
            max={365}
            value={auto.keepLast}
            onChange={(e) => setAuto({ ...auto, keepLast: Number(e.target.value) })}
          />
          <button type="submit">保存设置</button>
        </form>
      </div>
      <div className="panel">
        <h2>从备份恢复</h2>
        <div className="toolbar">
          <FileChooser
            kind="openFolder"
            label="备份文件夹"
            title="选择要恢复的备份文件夹"
            value={restoreFrom}
            onChange={(f) => (setRestoreFrom(f), setInfo(null))}
          />
          <Field
            label="备份时的登录密码（另一台电脑的备份才需要）"
            type="password"
            value={restorePassword}
            onChange={(e) => setRestorePassword(e.target.value)}
          />
          <button
            type="button"
            disabled={busy || !restoreFrom}
            onClick={() =>
              restoreFrom &&
              void run(async () => {
                const i = await call('backup.inspect', { path: restoreFrom.handle, ...(restorePassword ? { password: restorePassword } : {}) });
                setInfo(i);
                setConfirm(false);
                return '已读取备份，请核对下面的内容。';
              })
            }
          >
            查看备份内容
          </button>
        </div>
        {info && (
          <div aria-label="备份信息" ref={infoRef}>
            <p>
              街道办事处：<strong>{info.officeName}</strong>　备份时间：{formatInstant(info.createdAt)}　备份人：{info.createdBy}
              {!info.sameLedger && <span className="notice">（来自另一个台账）</span>}
            </p>
            <Counts counts={info.counts} />
            <p className={info.auditIntact ? 'ok' : 'error'}>{info.auditIntact ? '修改记录完整。' : '修改记录不完整，不能恢复。'}</p>
            <p className={info.auditIntact ? undefined : 'error'} aria-label="操作日志锚点">
              {info.anchor.message}
            </p>
            <label>
              <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />{' '}
              我确认用这份备份替换当前台账（当前台账会先移到「恢复前的台账」文件夹保存）
            </label>
            <div className="actions">
              <button
                className="primary"
                type="button"
                disabled={busy || !confirm || !info.auditIntact}
                onClick={() =>
                  void run(async () => {
                    if (!restoreFrom) return '请先选择备份文件夹。';
                    const r = await call('backup.restore', {
                      path: restoreFrom.handle,
                      confirm: true,
                      ...(restorePassword ? { password: restorePassword } : {}),
                    });
                    return [`恢复完成。原来的台账已保存在「${r.safetyCopy}」。请用备份时的密码重新解锁。`, ...r.notes].join('');
                  })
                }
              >
                恢复
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
