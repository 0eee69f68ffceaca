/**
 * A rotation's steps after its switch (keys/rotation.ts: the keyring written names the new keys). From the switch on
 * the rotation stands: the old password opens nothing, the new recovery key is the only one. A step failing there (a
 * full disk for the unlock throttle's file or the audit anchor, a write SQLite refuses) used to turn into an error
 * reply: the coordinator was told nothing changed while their old password no longer opened the ledger, the new
 * recovery key was dropped unseen, and the window went on sealing new values under the retired key. Now each step runs
 * on its own, one that fails is named in the reply (`KeysRotated.unfinished`) with what it means, and the keys held in
 * memory are the new ones before any of them runs.
 *
 * A process that stops there (a kill, a power cut) leaves the files as before; the next key holder's unlock settles
 * that (auth/stopped-rotation.ts). Tests stand for such a stop with `RotationFaults.afterSwitch`.
 */
export type UnfinishedStep = 'stagedKeyring' | 'throttle' | 'anchor' | 'doneRow' | 'records' | 'retiredNote';

/** What each step left undone means to the coordinator, and what happens next. */
const WORDS: Record<UnfinishedStep, string> = {
  stagedKeyring: '暂存的密钥文件（taizhang.keyring.next.json）没有删除，下次打开台账时会自动删除。',
  throttle:
    '登录失败记录文件（taizhang.throttle.json）没有改用新密钥：下次登录时会提示该文件“被替换或改动过”，那是这一步没有做成，不是有人改动；登录后即恢复正常。',
  anchor:
    '操作日志的校验记录（taizhang.anchor.json）没有改用新密钥：之后每次保存时会再写一次。若退出前仍没有写成，下次登录时「操作日志 › 校验」会显示异常，那是这一步没有做成，不是有人改动。',
  doneRow: '操作日志里“密钥更换完成”这一行没有写成（“开始更换”一行已写）。',
  records: '“上次更换密钥”的时间等记录没有写成：若这次更换是补做的，下次登录时可能还会要求设置新密码并再更换一次。',
  retiredNote: '本机没有记下旧密钥已作废，下次登录时会补记。',
};

/** Runs the steps after a switch, each on its own; remembers which failed. */
export class AfterSwitch {
  readonly unfinished: UnfinishedStep[] = [];

  constructor(private readonly log: (e: unknown) => void = () => undefined) {}

  /** Runs one step; a failure is noted, logged, and not thrown. Returns whether it was done. */
  run(step: UnfinishedStep, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (e) {
      this.unfinished.push(step);
      this.log(e);
      return false;
    }
  }

  /** The audit anchor re-made under the key just switched to; failing, `owe` says it is owed (the next commit writes it afresh). */
  reanchor(write: () => void, owe: () => void): void {
    if (!this.run('anchor', write)) owe();
  }
}

/** The reply's words for the steps left undone; null when none were. */
export function unfinishedWords(steps: readonly UnfinishedStep[]): string | null {
  if (steps.length === 0) return null;
  const unique = [...new Set(steps)];
  return `密钥已经更换，新密码已生效，下面的新恢复密钥也已生效。收尾时有 ${unique.length} 步没有做成（多半是磁盘已满或文件被占用）：${unique.map((s) => WORDS[s]).join('')}`;
}
