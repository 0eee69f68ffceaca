/**
 * The twentieth attack run (session 34): paths typed through the preview transport (`Core.choose`, the same check as
 * a dialog's choice) in Windows spellings, and the ledger folder reached by another name that no real path resolves.
 *
 * On Linux a trailing dot or space, `:stream`, `::$DATA`, `CON` and an 8.3 short name are plain names: inside the
 * ledger folder they are still inside it and refused (held). On Windows `realpathSync.native` resolves the folder's
 * spellings (trailing dots, short names, `\\?\`) to its long name: not tried there.
 *
 * S34-A3: a bind mount of the ledger folder (on Windows the same class: the folder through a share to this PC,
 * `\\localhost\C$\…` or a mapped drive of a local share): realpath gives the mount's path, so `touchesLedger` finds
 * neither the folder nor its files, and a clerk's rejected-rows file is saved, replacing, over the keyring itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let out: string;
let clerk: string;
let mounted: string[] = [];
beforeEach(async () => {
  t = await openTestLedger();
  out = mkdtempSync(join(tmpdir(), 'taizhang-s34-'));
  clerk = await t.sessionAs('clerk');
});
afterEach(() => {
  for (const m of mounted.reverse()) execFileSync('umount', ['-l', m]);
  mounted = [];
  t.close();
  rmSync(out, { recursive: true, force: true });
});

const save = (path: string, replace = true) => t.core.choose(clerk, { kind: 'save', path, replace }, false);

/** Whether this machine lets the test bind-mount a folder (root with mount rights; else the test is skipped). */
function canBindMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'taizhang-s34-probe-'));
  try {
    mkdirSync(join(probe, 'a'));
    mkdirSync(join(probe, 'b'));
    execFileSync('mount', ['--bind', join(probe, 'a'), join(probe, 'b')], { stdio: 'ignore' });
    execFileSync('umount', ['-l', join(probe, 'b')]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('Windows spellings typed through the preview transport (on Linux: names)', () => {
  it('inside the ledger folder, every spelling is refused, also for its own files', () => {
    for (const name of ['taizhang.db.', 'taizhang.db ', 'taizhang.keyring.json:evil', 'taizhang.db::$DATA', 'CON', 'TAIZHA~1.JSO', 'x.xlsx:evil', 'x.xlsx. .'])
      expect([name, save(join(t.dir, name)).ok]).toEqual([name, false]);
    for (const path of [`\\\\?\\${t.dir}\\x.xlsx`, `\\\\.\\${t.dir}\\x.xlsx`, 'C:\\台账\\taizhang.db']) expect([path, save(path).ok]).toEqual([path, false]);
  });

  it('a name that only Windows reads as inside (`<folder>\\x.xlsx`) is a file beside the folder on Linux, not in it', () => {
    const r = save(`${t.dir}\\x.xlsx`);
    expect(r.ok).toBe(true);
  });
});

describe.runIf(canBindMount())('S34-A3: the ledger folder through a bind mount', () => {
  // S34-A3, fixed by the lead (fs-guard.ts: identities compared too); was red: real paths alone were compared, a mount is
  // no symlink, and the keyring was replaced by the clerk's .xlsx.
  it('a save onto the keyring through the mount is refused, and the keyring is untouched', async () => {
    const csv = join(out, '人员.csv');
    writeFileSync(csv, '姓名,类别\r\n张三,志愿者\r\n,志愿者\r\n');
    const { importId } = await t.call('import.commit', { path: csv, target: 'staff', mapping: ['name', 'kind'] }, clerk);
    const keyring = join(t.dir, 'taizhang.keyring.json');
    const before = readFileSync(keyring);
    const alias = bindMount(t.dir, 'mnt');
    const handle = await t.choose('save', join(alias, 'taizhang.keyring.json'), { replace: true, sessionId: clerk }).catch(() => null);
    if (handle !== null) await t.core.call(clerk, 'import.rejected.save', { importId, outPath: handle });
    expect(readFileSync(keyring).equals(before)).toBe(true);
    expect(handle).toBeNull();
  });

  // Re-try of the fix (c7741c4b): the folder itself through the mount, a new file in it, and the ledger folder reached
  // through a mount of the folder above it.
  it('the folder itself, a new file in it, and a mount of the folder above it: all refused (held)', () => {
    const alias = bindMount(t.dir, 'mnt');
    expect(t.core.choose('admin', { kind: 'folder', path: alias }, false).ok).toBe(false);
    expect(save(join(alias, '新文件.xlsx'), false).ok).toBe(false);
    const above = bindMount(dirname(t.dir), 'above');
    expect(save(join(above, basename(t.dir), '新文件.xlsx'), false).ok).toBe(false);
    expect(save(join(above, basename(t.dir), 'taizhang.db')).ok).toBe(false);
    expect(t.core.choose('admin', { kind: 'folder', path: join(above, basename(t.dir)) }, false).ok).toBe(false);
  });
});

/** `dir` bind-mounted at `<out>/<name>` (unmounted after the test). */
function bindMount(dir: string, name: string): string {
  const alias = join(out, name);
  mkdirSync(alias);
  execFileSync('mount', ['--bind', dir, alias]);
  mounted.push(alias);
  return alias;
}
