/**
 * Which columns the signed-in user shows in each grid (the 「显示列」 menu),
 * kept in the ledger per user (settings.columns.*, migration 017): loaded once
 * per session for every 表格 at once, saved on each change.
 */
import { useEffect, useState } from 'react';
import type { GridColumnChoices } from '../../../../electron/core/settings/contract';
import { call } from '../../api/client';
import { useSession } from '../session-context';

type Shown = Record<string, boolean>;
let loaded: { userId: number; choices: Promise<GridColumnChoices> } | null = null;

function choicesOf(userId: number): Promise<GridColumnChoices> {
  if (loaded?.userId !== userId) loaded = { userId, choices: call('settings.columns.list', {}).catch(() => ({})) };
  return loaded.choices;
}

/** The user's choices for one grid (column id → shown), and a setter that remembers them. */
export function useColumnChoices(grid: string, enabled: boolean): { shown: Shown; choose: (next: Shown) => void; failed: string | null } {
  const { user } = useSession();
  const [shown, setShown] = useState<Shown>({});
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    void choicesOf(user.id).then((c) => alive && setShown(c[grid] ?? {}));
    return () => {
      alive = false;
    };
  }, [user.id, grid, enabled]);
  const choose = (next: Shown) => {
    setShown(next);
    setFailed(null);
    void choicesOf(user.id).then((c) => (c[grid] = next));
    call('settings.columns.save', { grid, shown: next }).catch(() => setFailed('无法保存这个表格的「显示列」选择，下次打开会恢复原样。'));
  };
  return { shown, choose, failed };
}
