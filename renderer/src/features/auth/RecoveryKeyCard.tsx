import { useState, type FormEvent } from 'react';
import { Field } from '../../kit/Field';

/** Copies with the clipboard API, or by selecting the text where the API is refused. */
async function copyText(text: string, fallbackNode: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackNode) return false;
    const range = document.createRange();
    range.selectNodeContents(fallbackNode);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    const ok = document.execCommand('copy');
    sel?.removeAllRanges();
    return ok;
  }
}

/**
 * The recovery key, shown once at setup: eight groups of four that never
 * break across lines, numbered so a copy by hand can be checked; print and
 * copy; and the way on only after the user types the last group back, which
 * they can do only from what they wrote down or printed. `doneLabel`: where that button goes (after a rotation on
 * 设置 › 用户 the coordinator is already in the ledger: back to the users, not 进入台账). `standalone`: the whole screen
 * (setup), its own `<main>`; otherwise a section of the screen it is on (a rotation's result inside the shell's or the
 * due-rotation screen's `<main>`: a page has one main region, and screen readers jump to it).
 */
export function RecoveryKeyCard({
  office,
  recoveryKey,
  onDone,
  doneLabel = '我已妥善保存，进入台账',
  standalone = false,
}: {
  office: string;
  recoveryKey: string;
  onDone: () => void;
  doneLabel?: string;
  standalone?: boolean;
}) {
  const Root = standalone ? 'main' : 'section';
  const Heading = standalone ? 'h1' : 'h2';
  const groups = recoveryKey.split('-');
  const last = groups[groups.length - 1] ?? '';
  const [typed, setTyped] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [keyNode, setKeyNode] = useState<HTMLElement | null>(null);

  function confirm(e: FormEvent) {
    e.preventDefault();
    if (typed.trim().toUpperCase() === last) onDone();
    else setError(`您输入的「${typed.trim()}」与第 ${groups.length} 组不一致。请对照您抄写或打印的纸条再输入一次。`);
  }

  return (
    <Root className="auth-card recovery">
      <Heading>请保存恢复密钥</Heading>
      <p>忘记密码时，只有这串恢复密钥能打开台账。它只显示这一次：请打印或抄写下来，锁进抽屉，不要存在这台电脑上。</p>
      <p className="recovery-office">{office}</p>
      <output className="recovery-key" aria-label="恢复密钥" ref={setKeyNode}>
        {groups.map((g, i) => (
          <span key={i} className="recovery-group">
            <small aria-hidden="true">{i + 1}</small>
            <span className="recovery-chars">{g}</span>
            {i < groups.length - 1 && <span className="recovery-dash">-</span>}
          </span>
        ))}
      </output>
      <p className="print-only">保管人签字：＿＿＿＿＿＿　　保管地点：＿＿＿＿＿＿</p>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          打印恢复密钥
        </button>
        <button
          type="button"
          onClick={() =>
            void copyText(recoveryKey, keyNode).then((ok) =>
              setCopied(ok ? '已复制。请粘贴到要打印的文档里，打印后删除，不要存在这台电脑上。' : '无法复制，请打印或抄写。'),
            )
          }
        >
          复制
        </button>
      </div>
      {copied && (
        <p className="notice no-print" role="status">
          {copied}
        </p>
      )}
      <form className="no-print recovery-confirm" onSubmit={confirm}>
        <Field
          label={`请输入第 ${groups.length} 组（最后 4 位），确认您已记下`}
          value={typed}
          onChange={(e) => (setTyped(e.target.value), setError(null))}
          maxLength={4}
          autoComplete="off"
          spellCheck={false}
          required
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {doneLabel}
        </button>
      </form>
    </Root>
  );
}
