import { useState } from 'react';
import type { ScheduleStatus } from '../../../../electron/core/io/export/contract';
import type { ScreenDef } from '../../kit/screen-def';
import { BackupPanel } from './BackupPanel';
import { CalendarPanel } from './CalendarPanel';
import { DistrictPanel } from './DistrictPanel';
import { KeyPanel } from './KeyPanel';
import { LogPanel } from './LogPanel';
import { PoliciesPanel } from './PoliciesPanel';
import type { CalendarPreset } from './ReportAnswerChoice';
import { SubmitPanel } from './SubmitPanel';
import { TemplatesPanel } from './TemplatesPanel';

type Tab = 'submit' | 'templates' | 'numbers' | 'calendar' | 'log' | 'key' | 'district' | 'backup';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'submit', label: '生成上报包' },
  { id: 'templates', label: '区级表格模板' },
  { id: 'numbers', label: '号码设置' },
  { id: 'calendar', label: '报送日历' },
  { id: 'log', label: '上报记录' },
  { id: 'key', label: '本街道公钥' },
  { id: 'district', label: '区级核验汇总' },
  { id: 'backup', label: '备份与恢复' },
];

function ExportScreen({ initial }: { initial: Tab }) {
  const [tab, setTab] = useState<Tab>(initial);
  const [preset, setPreset] = useState<CalendarPreset>();
  const send = (s: ScheduleStatus) => {
    setPreset({ scheduleId: s.id, dueDay: s.dueDay, title: s.title, formIds: s.formIds });
    setTab('submit');
  };
  return (
    <section>
      <h1>上报</h1>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x.id} role="tab" aria-selected={tab === x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'submit' && <SubmitPanel key={preset?.scheduleId ?? 0} preset={preset} />}
      {tab === 'templates' && <TemplatesPanel />}
      {tab === 'numbers' && <PoliciesPanel />}
      {tab === 'calendar' && <CalendarPanel onSend={send} />}
      {tab === 'log' && <LogPanel onStart={() => setTab('submit')} />}
      {tab === 'key' && <KeyPanel />}
      {tab === 'district' && <DistrictPanel />}
      {tab === 'backup' && <BackupPanel />}
    </section>
  );
}

const isTab = (s: string | null): s is Tab => TABS.some((t) => t.id === s);

/** The export screens in the navigation: 上报 (package, calendar, log, key, district, backup). */
export const exportScreens: ScreenDef[] = [
  {
    id: 'export',
    label: '上报',
    minRole: 'coordinator',
    order: 70,
    render: (params) => <ExportScreen initial={isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'submit'} />,
  },
];
