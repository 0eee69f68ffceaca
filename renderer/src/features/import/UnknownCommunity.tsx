import { useState } from 'react';
import type { ValueSuggestion } from '../../../../electron/core/io/import/suggestions.shared';
import { SUGGESTION_SOURCE_LABELS } from '../../../../electron/core/io/import/suggestions.shared';
import { call, errorMessage } from '../../api/client';
import { useRoleAtLeast } from '../../kit/session-context';

/**
 * The title (sheet, file name) names a community this office does not have. A new coordinator's first file is
 * exactly this: 「青松里社区返程人员登记表」 on a ledger with no community yet. Sending them to 设置 › 社区与网格 lost the
 * file and its mapping, and pressing 预览 past the note sent every new person back (「台账中没有这位居民」) with
 * 「在全表统一的值里选社区」 and nothing to choose. A coordinator adds it here, after reading that it is theirs, and it is
 * adopted for every row; a clerk is told whom to ask. Once the community exists the question is gone.
 */
export function UnknownCommunity({
  suggestion: s,
  known,
  value,
  onAdopt,
}: {
  suggestion: ValueSuggestion;
  /** This office's communities, as the 社区 choice lists them. */
  known: readonly string[];
  /** The whole-file 社区 as it stands. */
  value: string;
  onAdopt: (name: string) => void;
}) {
  const canAdd = useRoleAtLeast('coordinator');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const where = SUGGESTION_SOURCE_LABELS[s.from];
  if (known.includes(s.found)) {
    return value === s.found ? (
      <span className="ok" role="status" style={{ display: 'block', marginTop: 4 }}>
        已添加社区「{s.found}」并采用，全表每一行都归到它；网格以后可在「设置 › 社区与网格」划分。
      </span>
    ) : (
      <span style={{ display: 'block', marginTop: 4 }}>
        {where}中写的是「{s.found}」{' '}
        <button type="button" onClick={() => onAdopt(s.found)}>
          采用「{s.found}」
        </button>
      </span>
    );
  }
  const add = () => {
    setBusy(true);
    setError(null);
    call('org.communities.save', { name: s.found, kind: s.found.endsWith('村') ? '村' : '社区' })
      .then(() => onAdopt(s.found))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="notice" role="note" aria-label={`本街道没有「${s.found}」`} style={{ margin: '4px 0' }}>
      {where}中写的是「{s.found}」，本街道还没有这个社区。请核对这份表是否发错（别的街道的表不要导入）。
      {canAdd ? (
        <>
          是本街道的社区，就在这里添加，全表每一行都归到它：
          <div style={{ marginTop: 6 }}>
            <button type="button" className="primary" disabled={busy} onClick={add}>
              添加社区「{s.found}」并采用
            </button>
          </div>
          {error && (
            <span className="error" role="alert" style={{ display: 'block', marginTop: 4 }}>
              {error}
            </span>
          )}
          {known.length > 0 && <span style={{ display: 'block', marginTop: 4 }}>台账里已有这个社区、只是名称写法不同的，请在上面选它。</span>}
        </>
      ) : (
        `是本街道的社区，请统筹负责人先在「设置 › 社区与网格」添加，再回到这里导入${known.length > 0 ? '；台账里已有这个社区、只是名称写法不同的，请在上面选它' : ''}。`
      )}
    </div>
  );
}
