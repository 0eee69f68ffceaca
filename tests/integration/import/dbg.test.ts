import { join } from 'node:path';
import { it } from 'vitest';
import { openTestLedger } from '../../helpers/ledger';
import { scratch } from '../../unit/import/files';
import { bigRows, MAPPING, writeBigGbkCsv } from './make-big';
import { analyse, loadLookups } from '../../../electron/core/io/import/pipeline';
import { openSource } from '../../../electron/core/io/import/source';
import { IMPORT_TARGETS } from '../../../electron/core/io/import/targets';
import { applyDecisions } from '../../../electron/core/io/import/apply';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { asWriteDb } from '../../../electron/core/db/types';
it('dbg', async () => {
  const path = join(scratch(), 'a.csv');
  await writeBigGbkCsv(path, bigRows(100000));
  const t = await openTestLedger();
  await t.call('org.communities.save', { name: '东风社区' });
  const db = asWriteDb(t.core.services.ledger.handle());
  const plan = await analyse(openSource(path), IMPORT_TARGETS.residents, MAPPING, loadLookups(db), new AbortController().signal, () => undefined);
  let auditMs = 0;
  const s = performance.now();
  db.transaction(() => {
    applyDecisions({ db, now: '2020-02-17T00:00:00Z', cache: new Map(), audit: (e) => { const a = performance.now(); appendAudit(db, { ...e, at: 'x', userId: 1, username: 'a', channel: 'c' }); auditMs += performance.now() - a; } }, IMPORT_TARGETS.residents, plan, 'skip', () => undefined);
  })();
  console.log('total', performance.now() - s, 'audit', auditMs);
}, 120000);
