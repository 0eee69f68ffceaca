import { useState } from 'react';
import { CasesGrid } from './CasesGrid';
import { CoveragePanel } from './CoveragePanel';
import { HouseholdsGrid } from './HouseholdsGrid';
import { RegisterPanel } from './RegisterPanel';
import { ResidentsGrid } from './ResidentsGrid';
import './caseload.css';

const TABS = [
  { id: 'cases', label: '个案台账' },
  { id: 'residents', label: '居民查询' },
  { id: 'households', label: '入户排查' },
  { id: 'register', label: '入户登记' },
  { id: 'coverage', label: '排查覆盖' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** 人员台账: the case grid, every resident found by name or number, door-to-door registration, and screening coverage. */
export function CaseloadScreen({ params }: { params: URLSearchParams }) {
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t.id === params.get('tab'))?.id ?? 'cases');
  return (
    <div>
      <h1>人员台账</h1>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'cases' && <CasesGrid initial={params} />}
      {tab === 'residents' && <ResidentsGrid />}
      {tab === 'households' && <HouseholdsGrid />}
      {tab === 'register' && <RegisterPanel params={params} />}
      {tab === 'coverage' && <CoveragePanel initial={params} />}
    </div>
  );
}
