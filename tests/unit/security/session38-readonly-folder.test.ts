/**
 * The twenty-fourth attack run (session 38): session 37's "not tried", the ledger folder made read-only by a non-root
 * account before the close. S36-A2's fix puts the program's own file back at the close when another was renamed over
 * it (db/ledger-contents.ts putBackReplacedFile); as root (this machine's tests) a folder's mode stops no write, so it
 * was never run. Here the built preview runs as `nobody` (runuser), and "the same PC account" is `nobody` too: while
 * the coordinator is signed in, the program's file is moved away, an older copy put at its path, the folder made 0500,
 * then the window locks. Runs only where the test runs as root with runuser (this machine); skipped elsewhere.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN } from '../../helpers/ledger';
import { removeFolder, stopChild } from '../../helpers/stop-child';

const RUNUSER = '/usr/sbin/runuser';
const NOBODY = 65534;
const canDrop = process.getuid?.() === 0 && existsSync(RUNUSER);
const TOKEN = 'readonly-token-0123456789abcdef';
const WINDOW = 'window-s38-ro-0123456789ab';

let child: ChildProcess | undefined;
let root = '';
afterEach(async () => {
  await stopChild(child);
  child = undefined;
  if (root) removeFolder(root);
  root = '';
});

/** A shell command as `nobody`: the account the program runs under. */
const asNobody = (cmd: string): string => execFileSync(RUNUSER, ['-u', 'nobody', '--', 'sh', '-c', cmd], { encoding: 'utf8' });

type Reply = { ok: boolean; value?: Record<string, unknown> & { anchorFinding?: { message: string } | null }; error?: { code: string } };

async function previewAsNobody(data: string): Promise<(channel: string, input: unknown) => Promise<Reply>> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TAIZHANG_'))) as Record<string, string>;
  child = spawn(RUNUSER, ['-u', 'nobody', '--', process.execPath, 'dist-electron/preview.cjs', '--data-dir', data, '--port', '0'], {
    env: { ...env, TAIZHANG_PREVIEW_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child!.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /taizhang preview (\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child!.on('exit', (code) => reject(new Error(`preview exited with ${code}`)));
  });
  const origin = new URL(url).origin;
  return async (channel, input) =>
    (await (
      await fetch(`${origin}/rpc/${channel}`, {
        method: 'POST',
        headers: { 'X-Taizhang-Token': TOKEN, 'X-Taizhang-Window': WINDOW },
        body: JSON.stringify(input),
      })
    ).json()) as Reply;
}

const communities = async (rpc: Awaited<ReturnType<typeof previewAsNobody>>) =>
  ((await rpc('org.communities.list', {})).value as unknown as Array<{ name: string }>).map((c) => c.name);

describe('the put-back at close with the ledger folder read-only (a non-root account)', () => {
  it.skipIf(!canDrop)(
    'held as designed: the put-back fails quietly and the session’s work is left in the moved file; the next sign-in says the log was cut',
    async () => {
      root = mkdtempSync(join(tmpdir(), 'taizhang-s38-ro-'));
      chownSync(root, NOBODY, NOBODY);
      chmodSync(root, 0o700);
      const data = join(root, 'data');
      const rpc = await previewAsNobody(data);
      const admin = { username: ADMIN.username, password: ADMIN.password };
      expect(await rpc('setup.init', { office: { name: '东风街道办事处' }, admin: { ...admin, displayName: ADMIN.displayName } })).toMatchObject({ ok: true });
      expect(await rpc('auth.unlock', admin)).toMatchObject({ ok: true });
      await rpc('org.communities.save', { name: '西风社区' });
      await rpc('auth.lock', {});
      asNobody(`cp '${data}/taizhang.db' '${root}/copy.db'`);
      expect(await rpc('auth.unlock', admin)).toMatchObject({ ok: true });
      expect(await rpc('org.communities.save', { name: '东风社区' })).toMatchObject({ ok: true });
      // The same account: the program's file moved away, the older copy at its path, the folder read-only.
      asNobody(`mv '${data}/taizhang.db' '${root}/moved.db' && cp '${root}/copy.db' '${data}/taizhang.db' && chmod 0500 '${data}'`);
      expect(await rpc('auth.lock', {})).toMatchObject({ ok: true });
      // Nothing of the put-back's left in the folder (VACUUM INTO could not make its file).
      expect(asNobody(`ls -a '${data}'`)).not.toMatch(/put-back|replaced-/);
      asNobody(`chmod 0700 '${data}'`);
      const next = await rpc('auth.unlock', admin);
      expect(next).toMatchObject({ ok: true });
      // The coordinator is told: the anchor (written during the session) is ahead of the copy's log.
      expect(next.value!.anchorFinding?.message).toMatch(/日志被截短|日志被改写/);
      expect(await communities(rpc)).toEqual(['西风社区']);
      // The work is where the account moved it, as after any replacement of the file once the program has closed.
      expect(existsSync(join(root, 'moved.db'))).toBe(true);
    },
    120_000,
  );
});
