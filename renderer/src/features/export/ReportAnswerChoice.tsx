import type { AnswerOptions, OpenReport, ReportAnswer } from '../../../../electron/core/io/export/contract';
import { weekdayMon0 } from '../../../../electron/core/dates.shared';
import { MUTED, WEEKDAYS } from './common';

/** A package started from 报送日历: the report it answers, with its title. */
export type CalendarPreset = ReportAnswer & { title: string; formIds: string[] };

const NONE = 'none';
const ADHOC = '不对应定期报表（临时报送）';
const keyOf = (a: ReportAnswer | null): string => (a ? `${a.scheduleId}@${a.dueDay}` : NONE);
const STATE: Record<OpenReport['state'], string> = { due: '今日应报', overdue: '已逾期', upcoming: '本周待报' };

/**
 * The report the package answers as sent: the calendar's, a 更正's original's, or the one picked here — the core's
 * suggestion until the user picks another (or a pick no longer offered for this period and these forms).
 */
export function resolveAnswer(preset: CalendarPreset | undefined, data: AnswerOptions | undefined, picked: string | null): ReportAnswer | null {
  if (preset) return { scheduleId: preset.scheduleId, dueDay: preset.dueDay };
  if (!data) return null;
  if (data.correction) return data.correction.answers;
  const offered = (k: string) => k === NONE || data.options.some((o) => keyOf({ scheduleId: o.id, dueDay: o.dueDay }) === k);
  const key = picked !== null && offered(picked) ? picked : offered(keyOf(data.suggested)) ? keyOf(data.suggested) : NONE;
  const hit = data.options.find((o) => keyOf({ scheduleId: o.id, dueDay: o.dueDay }) === key);
  return hit ? { scheduleId: hit.id, dueDay: hit.dueDay } : null;
}

/** Started from the calendar for a period already sent: its 更正 may answer only what the original answered. */
export function presetConflicts(preset: CalendarPreset | undefined, data: AnswerOptions | undefined): boolean {
  return !!preset && !!data?.correction && keyOf(data.correction.answers) !== keyOf(preset);
}

/** 生成上报包 › which scheduled report this package answers, the suggestion preselected and marked 「建议」. */
export function ReportAnswerChoice({
  preset,
  data,
  current,
  onPick,
}: {
  preset: CalendarPreset | undefined;
  data: AnswerOptions | undefined;
  current: ReportAnswer | null;
  onPick: (key: string) => void;
}) {
  if (preset && presetConflicts(preset, data)) {
    return (
      <p className="error" role="alert" aria-label="对应定期报表">
        这个期间已经上报过，本次只能作为更正、与原上报包对应同一期；要报送「{preset.title}」（应报日期 {preset.dueDay}），请改选统计期间。
      </p>
    );
  }
  if (preset) {
    return (
      <p className="notice" aria-label="对应定期报表">
        从报送日历开始：这个上报包对应「{preset.title}」（应报日期 {preset.dueDay}）。
      </p>
    );
  }
  if (!data) return null;
  if (data.correction) {
    const c = data.correction;
    return (
      <p className="notice" aria-label="对应定期报表">
        本次是更正，与原上报包一样{c.answers ? `对应「${c.title ?? '定期报表'}」（应报日期 ${c.answers.dueDay}）` : `「${ADHOC}」`}。
      </p>
    );
  }
  const suggested = keyOf(data.suggested);
  const chosen = keyOf(current);
  const tag = (k: string) => k === suggested && <span className="tag">建议</span>;
  return (
    <fieldset aria-label="对应定期报表" style={{ border: 'none', padding: 0, margin: '8px 0 0' }}>
      <legend style={{ fontWeight: 600, padding: 0 }}>这个上报包对应哪一期定期报表</legend>
      {data.options.map((o) => {
        const k = keyOf({ scheduleId: o.id, dueDay: o.dueDay });
        return (
          <label key={k} style={{ display: 'flex' }}>
            <input type="radio" name="report-answer" checked={chosen === k} onChange={() => onPick(k)} /> {o.title}：应报日期 {o.dueDay}（
            {WEEKDAYS[weekdayMon0(o.dueDay)]} {o.dueTime}，{o.lastWeek ? '上周的，已逾期' : STATE[o.state]}） {tag(k)}
          </label>
        );
      })}
      <label style={{ display: 'flex' }}>
        <input type="radio" name="report-answer" checked={chosen === NONE} onChange={() => onPick(NONE)} /> {ADHOC} {tag(NONE)}
      </label>
      <p style={{ ...MUTED, margin: '4px 0 0' }}>
        {data.options.length === 0
          ? '没有与所选表格对应、尚未报送的定期报表。'
          : '「建议」按统计期间的结束日期预选（离哪一期的应报日期最近）；不对时请改选。选中的一期记为已报送；选「不对应定期报表（临时报送）」则不算任何一期。'}
      </p>
    </fieldset>
  );
}
