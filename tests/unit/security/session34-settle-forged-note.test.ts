/**
 * The twentieth attack run (session 34), last item, on w52-keys' settle step for S33-A3 (auth/stopped-rotation.ts):
 * can a viewer have the unlock "settle" a real cut of the log? The settle wants, besides the ledger folder's state, a
 * note this PC wrote before the switch (the app folder's `taizhang.retired-keys.json`, `underWay`): the retired key's
 * tag, today's keyring id, the log's head before the `started` row. Its stated limit: whoever can rewrite the app
 * folder can write the note too, and was taken to need the retired key as well (to MAC an anchor under it).
 *
 * S34-A8: a plain viewer needs no key. The tag is in the same file, noted when the rotation finished (`ledgers`); an
 * anchor under the retired key is any anchor file from before the rotation (a copy kept, or a backup's). So with the
 * database key and this PC's account: the log cut back to the finished rotation's `started` row (its `done` row and
 * everything since deleted), the old anchor file put back, the note written. The coordinator's next unlock settles:
 * the anchor is re-made over the cut log, 审计核对 says `ok`, audited only as `keysRotated: 'settled'`.
 * (Tried on a scratch copy of w52-keys' f76d7bca before it landed; on main without it the cut stays evident.)
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETIRED_HERE_FILE } from '../../../electron/core/auth/retired-here';
import { readKeyring } from '../../../electron/core/db/keyring';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';
import { offline } from './swap-helpers';

let t: TestLedger;
const folders = ledgerAndRestart({ withAppDir: true });

describe('S34-A8: a finished rotation made to look stopped, by a viewer with this PC’s account', () => {
  // S34-A8: held on main (no settle step yet); red on w52-keys' f76d7bca as written (settled: verify ok over 6 of 8 rows).
  it('the cut back to its started row is never settled: 审计核对 is not `ok` over the shortened log', async () => {
    t = await folders.open();
    await t.sessionAs('viewer', 'viewer1');
    for (const name of ['幸福社区', '和平社区']) await t.call('org.communities.save', { name });
    // Any anchor file from before the rotation (a copy, or a backup's): MACed under the key the rotation retires.
    const keptAnchor = join(folders.appDir, 'kept-anchor.json');
    copyFileSync(join(t.dir, 'taizhang.anchor.json'), keptAnchor);
    await t.call('users.rotateKeys', { ...rotating() });
    for (const name of ['更换密钥之后建的社区', '又一个社区']) await t.call('org.communities.save', { name });
    const rowsBefore = (await t.call('audit.verify', {})).rows;
    for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
    t.core.close();

    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    offline(t, (db) => {
      const started = db
        .prepare(`SELECT id FROM audit_log WHERE channel = 'keys.rotate' AND json_extract(after_json, '$.keysRotated') = 'started'`)
        .pluck()
        .get() as number;
      const head = db.prepare(`SELECT id, hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1`).get(started) as { id: number; hash: string };
      const guard = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'`).pluck().get() as string;
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare(`DELETE FROM audit_log WHERE id > ?`).run(started);
      db.exec(guard);
      const note = JSON.parse(readFileSync(join(folders.appDir, RETIRED_HERE_FILE), 'utf8'));
      const tag = note.ledgers[keyring.ledgerId].at(-1);
      const rows = db.prepare(`SELECT count(*) FROM audit_log WHERE id <= ?`).pluck().get(head.id) as number;
      note.underWay = { [keyring.ledgerId]: { tag, keyId: keyring.keyId, lastId: head.id, lastHash: head.hash, rows } };
      writeFileSync(join(folders.appDir, RETIRED_HERE_FILE), JSON.stringify(note));
    });
    copyFileSync(keptAnchor, join(t.dir, 'taizhang.anchor.json'));

    const { call } = callsOn(folders.restart());
    await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    const verify = (await call('audit.verify', {})) as { rows: number; anchor?: { state: string } };
    expect(verify.rows).toBeLessThan(rowsBefore);
    expect(verify.anchor?.state).not.toBe('ok');
  });
});
