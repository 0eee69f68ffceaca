/** Creates a demo ledger: the office, its users, and every area's demo data. */
import { appendAudit } from '../audit/audit-log';
import { Core } from '../core';
import { asWriteDb } from '../db/types';
import { clearMustChangePassword, getUserByName } from '../auth/user-queries';
import { AppError } from '../errors';
import { DEMO_SEEDS } from './seeds';
import { Rng } from '../demo-kit/random';
import { runSealUpgrades } from '../db/seal-upgrades';

export const DEMO_OFFICE = '东风街道办事处';
export const DEMO_USERS = [
  { username: 'admin', displayName: '王建国', role: 'coordinator', password: 'taizhang2020' },
  { username: 'clerk', displayName: '刘晓燕', role: 'clerk', password: 'taizhang2020' },
  { username: 'viewer', displayName: '陈志强', role: 'viewer', password: 'taizhang2020' },
] as const;

export async function buildDemoLedger(core: Core, opts: { residents: number; seed?: number; log?: (s: string) => void }): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const sid = 'demo-builder';
  const admin = DEMO_USERS[0];
  const r = await core.call(sid, 'setup.init', {
    office: { name: DEMO_OFFICE },
    admin: { username: admin.username, displayName: admin.displayName, password: admin.password },
  });
  if (r.ok !== true) throw new AppError(r.ok === false ? r.error.code : 'INTERNAL', r.ok === false ? r.error.message : 'setup failed');
  for (const u of DEMO_USERS.slice(1)) {
    const c = await core.call(sid, 'users.create', { ...u });
    if (c.ok !== true) throw new Error(`creating ${u.username} failed`);
  }
  const db = asWriteDb(core.services.ledger.handle());
  // The demo's passwords are printed for everyone to try: its accounts are not asked to set their own at first unlock.
  for (const u of DEMO_USERS.slice(1)) {
    const id = getUserByName(db, u.username)?.id;
    if (id !== undefined) clearMustChangePassword(db, id, core.services.clock.nowIso());
  }
  const rng = new Rng(opts.seed ?? 20200217);
  const sealer = core.services.ledger.sealer();
  if (!sealer) throw new AppError('INTERNAL', '演示台账没有敏感信息密钥。');
  for (const { area, seed } of DEMO_SEEDS) {
    const started = Date.now();
    db.transaction(() => {
      seed(db, { residents: opts.residents, rng, clock: core.services.clock, log, sealer });
      appendAudit(
        db,
        {
          at: core.services.clock.nowIso(),
          userId: 1,
          username: admin.username,
          channel: 'demo.seed',
          entity: area,
          entityId: null,
          after: { residents: opts.residents },
        },
        null,
      );
    })();
    log(`  ${area}: ${Date.now() - started} ms`);
  }
  // Seeds may write numbers as an older version would; sealing them is the same upgrade a real ledger gets.
  // (A seed may also seal as it writes, through its area's writer, as honours does: nothing is pending for it then.)
  const started = Date.now();
  runSealUpgrades(core.services.ledger.handle(), sealer, core.services.sealUpgrades, (w, after) =>
    appendAudit(
      w,
      { at: core.services.clock.nowIso(), userId: 1, username: admin.username, channel: 'demo.seed', entity: 'ledger', entityId: null, after },
      sealer,
    ),
  );
  log(`  sealing: ${Date.now() - started} ms`);
  await core.call(sid, 'auth.lock', {});
}
