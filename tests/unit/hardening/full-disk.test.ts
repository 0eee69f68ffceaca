/**
 * A disk that fills up mid-work. SQLite's max_page_count makes the ledger
 * hit "database or disk is full" exactly as a full stick would: the write
 * fails with a clear Chinese message, nothing is half-written, and the
 * ledger keeps working once there is room again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/audit-log';
import { integrityCheck } from '../../../electron/core/db/open';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('a full disk', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('refuses the write that does not fit, keeps change and audit together, and recovers when there is room', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    const pages = (db.pragma('page_count', { simple: true }) as number) + 2;
    db.pragma(`max_page_count = ${pages}`);
    let failure: { code: string; message: string } | null = null;
    for (let i = 0; i < 500 && !failure; i++) {
      const r = await t.raw('org.communities.save', { name: `社区${i}-${'长'.repeat(30)}`, households: i });
      if (r.ok === false) failure = r.error;
    }
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe('IO_FAILED');
    expect(failure!.message).toContain('磁盘空间已满');
    const communities = (db.prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n;
    const audited = (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE channel = 'org.communities.save'`).get() as { n: number }).n;
    expect(audited).toBe(communities);
    expect(verifyAudit(db).intact).toBe(true);
    expect(integrityCheck(db)).toBe('ok');
    db.pragma('max_page_count = 1073741823');
    await t.call('org.communities.save', { name: '腾出空间后的社区' });
    expect((db.prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n).toBe(communities + 1);
  });
});
