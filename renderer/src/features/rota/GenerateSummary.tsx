import type { GenerateReport } from '../../../../electron/core/rota/contract';
import { heldOffLine } from './held-off-words';

/** What 自动排班 did (CalendarPanel.tsx): how many it placed, how fairly, and each post it could not fill and why. */
export function GenerateSummary({ report }: { report: GenerateReport }) {
  const f = report.fairness;
  const heldOff = heldOffLine(report.heldOff);
  return (
    <div className="panel rota-report" role="region" aria-label="排班结果">
      <p>
        应排 {report.required} 人次，已排 {report.filled} 人次（新排 {report.created}，保留 {report.kept}）
        {/* Nobody placed: 「每人 0–0 班，标准差 0」 says nothing about fairness. */}
        {report.filled > 0 && (
          <>
            ；公平性：每人 {f.minShifts}–{f.maxShifts} 班，平均 {f.meanShifts}，标准差 {f.stdevShifts}；夜班最多 {f.maxNights}，周末班最多 {f.maxWeekends}
          </>
        )}
        {report.skippedPublishedWeeks ? `；已发布的 ${report.skippedPublishedWeeks} 个社区周未改动` : ''}。
      </p>
      {/* 本街道的设置: a past day's duty is what the post leader confirms and the pay sheet pays; 自动排班 never re-plans it. */}
      {report.pastDays > 0 && (
        <p>今天以前的 {report.pastDays} 天已经过去，排班未改动（本街道的设置：自动排班只排今天及以后；实际到岗有出入的，在「出勤确认」里确认）。</p>
      )}
      {/* A record changed outside the program (S49-A6): its name may no longer find the person under observation. */}
      {/* In the app's warning style (.notice), not as plain text under a green 完成: someone the coordinator expects on duty is not. */}
      {heldOff !== null && (
        <p className="notice" role="alert">
          {heldOff}
        </p>
      )}
      {report.unfilled.length > 0 && (
        <>
          <h3>未排满的岗位（{report.unfilled.length}）</h3>
          <ul>
            {report.unfilled.slice(0, 30).map((u) => (
              <li key={`${u.day}${u.postId}${u.shiftId}`}>
                {u.day} {u.communityName}「{u.postName}」{u.shiftName} 缺 {u.missing} 人：
                {u.reasons.map((r) => `${r.reason} ${r.count} 人（如 ${r.examples.join('、')}）`).join('；') || '没有可安排的人员'}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
