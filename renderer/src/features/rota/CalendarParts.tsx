/** Pieces of 排班日历 (CalendarPanel.tsx): its rows' label cell, its four weeks' column widths, 自动排班's refusal of a run too big. */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { GridApi } from 'ag-grid-community';

/** A row of the calendar: a person, or a post's shift. */
export interface Row {
  key: string;
  label: string;
  /** The second line of the pinned column: the shift of a post's row. */
  detail?: string;
  staffId?: number;
  postId?: number;
  shiftId?: number;
}

/** 124 px holds a chip of a three-character name and its × on one line (at 110 they broke in two and the row's height cut the second name). */
export const DAY_MIN_WIDTH = 124;

/**
 * Four weeks scroll sideways: the day columns share the grid's shown width so that whole days fill it (a week at
 * 1366), each at least DAY_MIN_WIDTH. At a fixed 124 px the eighth day's header stood cut at the edge (「02-24 周」).
 */
export function wholeDaysShown(api: GridApi<Row>, days: string[]): void {
  const { left, right } = api.getHorizontalPixelRange();
  const shown = right - left;
  if (shown <= 0) return;
  const count = Math.max(1, Math.min(7, Math.floor(shown / DAY_MIN_WIDTH)));
  api.setColumnWidths(days.map((d) => ({ key: d, newWidth: Math.floor(shown / count) })));
}

export function LabelCell(p: CustomCellRendererProps<Row>) {
  return (
    <div className="rota-label">
      <strong>{p.data?.label}</strong>
      {p.data?.detail && <span>{p.data.detail}</span>}
    </div>
  );
}

/** Why someone is not on duty that day, as a staff row's cell says it. */
export const awayText = (why: string) => (why === 'leave' ? '请假' : why === 'damaged' ? '记录被改动' : '居家观察');

export const TOO_BIG_ID = 'rota-generate-too-big';

/**
 * Under the core's refusal of a run over its bound (rota/generate.ts MAX_RUN_DEMANDS, details.field communityIds):
 * which control above splits the run. 「请按社区分开排」 alone left a coordinator at 全部社区 looking for how.
 */
export function TooBigHint({ allCommunities, fourWeeks }: { allCommunities: boolean; fourWeeks: boolean }) {
  const ways = [
    allCommunities ? '在上面的「社区」里选一个社区，再点「自动排班」，各社区逐个排' : '',
    fourWeeks ? '把「范围」改为「按周」，一周一周地排' : '',
  ].filter(Boolean);
  if (ways.length === 0) return null;
  return (
    <p className="hint" role="note" id={TOO_BIG_ID} aria-label="自动排班太大时怎么办">
      怎么办：{ways.join('；或')}。
    </p>
  );
}
