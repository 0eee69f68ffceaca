/**
 * The charts of 工作台 (recharts). Every bar is a link: a click opens the
 * screen behind it, filtered to what the bar counts. Red marks only what
 * needs action (a store short of an item, a day with open positions this week).
 * Here the caseload's; supplies and staffing are resource-charts.tsx.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CATEGORY_LABELS, type CaseCategory } from '../../../../electron/core/caseload/codes.shared';
import type { CaseloadFigures, CoverageFiguresDash } from '../../../../electron/core/dashboard/types.shared';
import { axis, BLUE, ChartPanel, go, GREEN } from './chart-panel';
import { drill, type Scope } from './drill';
import { axisDay, pct } from './format';

/** No red here: a category is not in itself something wrong. */
const CATEGORY_COLORS: Record<CaseCategory, string> = {
  home_observation: '#1a4f8b',
  medical_observation: '#6f9fd8',
  returnee: '#2a8c82',
  fever_referral: '#d08a2e',
  extreme_poverty: '#7a5195',
  solitary_elderly: '#b07cc6',
  child_without_guardian: '#d6b13a',
  homeless: '#7d7d7d',
  closed_compound_support: '#3f8f4e',
  psychological_support: '#8c6d46',
  dispute_mediation: '#9aa7b8',
};

/**
 * How the 在办个案分类 chart slants its community (or grid) names. An office has 5–30 communities; at 1366 wide the
 * plot is about 470 px (440 is assumed, to spare the Y axis's width), so each name gets 440 / n px. Slanted names sit
 * `spacing × sin(angle)` apart, which must be more than a line of text, or neighbours run into each other (at the
 * old fixed −25°, 30 names overlapped); past 20 names the text is a size smaller, as on the staffing chart. The axis
 * is as tall as the longest name slanted, so none is cut at the chart's foot. Wider windows only add room.
 */
function slantedNames(names: string[]): { angle: number; height: number; fontSize: number } {
  if (names.length <= 6) return { angle: 0, height: 28, fontSize: axis.fontSize };
  const fontSize = names.length > 20 ? 11 : axis.fontSize;
  const line = fontSize + 3;
  const degrees = Math.min(90, Math.max(25, Math.ceil((Math.asin(Math.min(1, (line * names.length) / 440)) * 180) / Math.PI)));
  const radians = (degrees * Math.PI) / 180;
  const longest = Math.max(...names.map((n) => n.length)) * fontSize;
  return { angle: -degrees, height: Math.ceil(longest * Math.sin(radians) + fontSize * Math.cos(radians) + 12), fontSize };
}

export function CasesChart({ data }: { data: CaseloadFigures['casesByCategory'] }) {
  const rows = data.bars.map((b) => ({ name: b.label, ...b.counts }));
  const by = data.groupedBy === 'community' ? '社区' : '网格';
  const slant = slantedNames(rows.map((r) => r.name));
  if (rows.length === 0)
    return (
      <ChartPanel title={`在办个案分类（按${by}）`} label="在办个案分类图" note="目前没有在办个案。">
        <span />
      </ChartPanel>
    );
  return (
    // Taller by what the slanted names take beyond the 48 px they once had, so the bars keep their height.
    <ChartPanel title={`在办个案分类（按${by}）`} label="在办个案分类图" note="点击色块查看该类个案名单。" height={280 + Math.max(0, slant.height - 48)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="name"
            interval={0}
            tick={{ ...axis, fontSize: slant.fontSize }}
            height={slant.height}
            angle={slant.angle}
            textAnchor={slant.angle === 0 ? 'middle' : 'end'}
          />
          <YAxis tick={axis} allowDecimals={false} label={{ value: '人', position: 'insideTopLeft', offset: 0, style: axis }} />
          <Tooltip contentStyle={axis} formatter={(v, name) => [`${String(v)} 人`, name]} />
          <Legend wrapperStyle={axis} />
          {data.categories.map((c) => (
            <Bar
              key={c}
              dataKey={c}
              name={CATEGORY_LABELS[c]}
              stackId="cases"
              fill={CATEGORY_COLORS[c]}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_, i) => {
                const bar = data.bars[i];
                if (bar) go(drill.cases(bar.communityId, bar.gridId, c));
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

export function TrendChart({ points, scope }: { points: CaseloadFigures['observationTrend']; scope: Scope }) {
  const rows = points.map((p) => ({ day: axisDay(p.day), observing: p.observing, closed: p.closed }));
  const last = points[points.length - 1];
  // The day of a release is still a day of observation (its check is owed): today's point counts those released
  // today, the 正在观察 tile does not, so the note says how the two differ.
  const today = last ? `今天 ${last.observing} 人在观察${last.closed > 0 ? `（其中 ${last.closed} 人今天已解除或转诊）` : ''}。` : '';
  return (
    <ChartPanel title="近 30 天在观察人数" label="近 30 天在观察人数折线图" note={last ? `${today}点击图中任一天查看观察中的个案。` : undefined}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 12, right: 16, bottom: 4, left: 0 }} onClick={() => go(drill.observing(scope))} style={{ cursor: 'pointer' }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={axis} interval={4} />
          <YAxis tick={axis} allowDecimals={false} label={{ value: '人', position: 'insideTopLeft', offset: 0, style: axis }} />
          <Tooltip
            contentStyle={axis}
            formatter={(v, _n, item) => {
              const closed = (item.payload as { closed: number }).closed;
              return [`${String(v)} 人${closed > 0 ? `（当天解除或转诊 ${closed} 人）` : ''}`, '在观察'];
            }}
          />
          <Line type="linear" dataKey="observing" name="在观察人数" stroke={BLUE} strokeWidth={3} dot={false} activeDot={{ r: 5 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

/** Grids shown on the coverage chart: the weakest, so the eye goes where the work is. */
export const COVERAGE_BARS = 12;

export function CoverageChart({ coverage, scope }: { coverage: CoverageFiguresDash; scope: Scope }) {
  const shown = coverage.grids.slice(0, COVERAGE_BARS);
  // A line with nothing loaded has no bar: its label says so instead of a 0 that looks like a measurement.
  const rows = shown.map((g) => ({
    name: scope.communityId === null ? `${g.communityName}·${g.gridName}` : g.gridName,
    pct: g.coveragePct ?? 0,
    detail: g.coveragePct === null ? '未录入住户' : `${g.screened}/${g.households} 户`,
    empty: g.coveragePct === null,
    label: g.coveragePct === null ? '未录入住户' : `${pct(g.coveragePct)}%`,
  }));
  const rest = coverage.grids.length - shown.length;
  const note =
    coverage.grids.length === 0 ? '尚未设置网格。' : `按覆盖率从低到高排列${rest > 0 ? `，另有 ${rest} 个网格覆盖率更高` : ''}；点击横条查看该网格。`;
  return (
    <ChartPanel title="各网格入户排查覆盖率" label="各网格入户排查覆盖率图" note={note} wide height={Math.max(140, rows.length * 30 + 50)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 18, right: 70, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={axis} unit="%" />
          <YAxis type="category" dataKey="name" tick={axis} width={scope.communityId === null ? 170 : 100} interval={0} />
          <Tooltip
            contentStyle={axis}
            formatter={(v, _n, item) => [
              (item.payload as { empty: boolean }).empty ? '未录入住户' : `${pct(Number(v))}%（${String((item.payload as { detail: string }).detail)}）`,
              '覆盖率',
            ]}
          />
          <ReferenceLine
            x={100}
            stroke={GREEN}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: '目标 100%', position: 'top', fill: GREEN, fontSize: 13 }}
          />
          <Bar
            dataKey="pct"
            name="覆盖率"
            fill={BLUE}
            barSize={18}
            cursor="pointer"
            isAnimationActive={false}
            onClick={(_, i) => {
              const g = shown[i];
              if (g) go(drill.grid(g.communityId, g.gridId));
            }}
          >
            <LabelList dataKey="label" position="right" style={axis} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
