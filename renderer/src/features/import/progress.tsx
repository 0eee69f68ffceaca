import { useEffect, useState } from 'react';
import { onCoreEvent } from '../../api/client';

const PHASES: Record<string, string> = { read: '正在读取文件', check: '正在核对台账', commit: '正在写入台账' };

export interface ProgressState {
  phase: string;
  done: number;
  total: number;
}

/** Progress events of the import channels while a step runs. */
export function useImportProgress(active: boolean): ProgressState | null {
  const [p, setP] = useState<ProgressState | null>(null);
  useEffect(() => {
    if (!active) {
      setP(null);
      return undefined;
    }
    return onCoreEvent((e) => {
      if (e.type === 'progress' && e.channel.startsWith('import.')) setP({ phase: e.phase, done: e.done, total: e.total });
    });
  }, [active]);
  return p;
}

export function ProgressBar({ progress, onCancel }: { progress: ProgressState | null; onCancel: () => void }) {
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const label = progress
    ? `${PHASES[progress.phase] ?? progress.phase}：${progress.done.toLocaleString('zh-CN')} / ${progress.total.toLocaleString('zh-CN')} 行`
    : '正在准备…';
  return (
    <div className="panel" aria-live="polite">
      <p>{label}</p>
      <progress max={100} value={pct} aria-label="导入进度" style={{ width: '100%', height: 18 }} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </div>
  );
}
