import { useState } from 'react';
import type { ScreenDef } from '../../kit/screen-def';
import { CollectionPanel } from '../collection/CollectionPanel';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';

function ImportScreen() {
  const [tab, setTab] = useState<'wizard' | 'history' | 'collection'>('wizard');
  return (
    <div>
      <h1>导入</h1>
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'wizard'} onClick={() => setTab('wizard')}>
          导入表格
        </button>
        <button role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
          导入记录
        </button>
        <button role="tab" aria-selected={tab === 'collection'} onClick={() => setTab('collection')}>
          下发收集表
        </button>
      </div>
      {tab === 'wizard' && <ImportWizard />}
      {tab === 'history' && <ImportHistory onStart={() => setTab('wizard')} />}
      {tab === 'collection' && <CollectionPanel />}
    </div>
  );
}

/** 导入: the wizard (file → sheet → mapping → preview → commit → report) and the history of imports. */
export const importScreens: ScreenDef[] = [{ id: 'import', label: '导入', minRole: 'clerk', order: 60, render: () => <ImportScreen /> }];
