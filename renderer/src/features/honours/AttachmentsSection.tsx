import { useState } from 'react';
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, type MemorialDetail } from '../../../../electron/core/honours/contract';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { call, errorMessage, isPreview } from '../../api/client';
import { Field } from '../../kit/Field';
import { formatInstantLong } from '../../kit/datetime';
import { ask, FileChooser } from '../../kit/FileChooser';
import { Section } from './ui';
import { Message, type Msg } from '../../kit/Message';

const sizeText = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`);

/**
 * 附件: documents and photos kept inside the encrypted ledger. The core reads
 * the chosen file itself (the page only holds a handle for the user's choice).
 */
export function AttachmentsSection({ detail: d, onChange }: { detail: MemorialDetail; onChange: (d: MemorialDetail) => void }) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [saveTo, setSaveTo] = useState<ChosenFile | null>(null);
  const [caption, setCaption] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  const [shown, setShown] = useState<{ id: number; url: string } | null>(null);
  const fail = (err: unknown) => setMsg({ ok: false, text: errorMessage(err) });

  const add = async () => {
    if (!file) return;
    const next = await call('honours.attachments.add', { memorialId: d.id, path: file.handle, caption });
    onChange(next);
    setFile(null);
    setCaption('');
    setMsg({ ok: true, text: '已添加附件' });
  };
  const view = async (a: AttachmentMeta) => {
    const c = await call('honours.attachments.open', { attachmentId: a.id });
    const bytes = Uint8Array.from(atob(c.base64), (ch) => ch.charCodeAt(0));
    if (shown) URL.revokeObjectURL(shown.url);
    setShown({ id: a.id, url: URL.createObjectURL(new Blob([bytes], { type: c.mime })) });
  };
  const saveAs = async (a: AttachmentMeta) => {
    // The app asks where with main's dialog; the preview uses the typed 另存到 path below the list.
    const target = isPreview
      ? saveTo
      : (await ask({ kind: 'save', label: '另存到', title: '另存附件', suggestedName: a.fileName, value: null, onChange: () => undefined })).chosen;
    if (!target) return setMsg({ ok: false, text: '请先填写「另存到」的位置。' });
    const r = await call('honours.attachments.saveAs', { attachmentId: a.id, path: target.handle });
    setSaveTo(null);
    setMsg({ ok: true, text: `已另存到 ${r.path}` });
  };
  const remove = async (a: AttachmentMeta) => {
    if (!window.confirm(`确定删除附件「${a.fileName}」吗？`)) return;
    onChange(await call('honours.attachments.remove', { attachmentId: a.id }));
  };

  return (
    <Section title="附件（材料与照片）">
      {d.attachments.length > 0 && (
        <table className="plain-table" aria-label="附件">
          <thead>
            <tr>
              <th>文件</th>
              <th>说明</th>
              <th>大小</th>
              <th>添加</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.attachments.map((a) => (
              <tr key={a.id}>
                <td>{a.fileName}</td>
                <td>{a.caption}</td>
                <td>{sizeText(a.sizeBytes)}</td>
                <td>
                  {formatInstantLong(a.addedAt)} {a.addedByName}
                </td>
                <td>
                  {a.mime !== 'application/pdf' && (
                    <button className="link" onClick={() => void view(a).catch(fail)}>
                      查看
                    </button>
                  )}
                  <button className="link" onClick={() => void saveAs(a).catch(fail)}>
                    另存
                  </button>
                  <button className="link" onClick={() => void remove(a).catch(fail)}>
                    删除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isPreview && d.attachments.length > 0 && <FileChooser kind="save" label="另存到" value={saveTo} onChange={setSaveTo} />}
      {shown && <img src={shown.url} alt="附件照片" style={{ maxWidth: '100%', maxHeight: 480 }} />}
      <div className="honours-form">
        {/* A row of its own: the preview's path box (420 px at least) ran under 附件说明 in a 1366-wide column. */}
        <div className="wide">
          <FileChooser kind="open" label="附件文件" title="选择附件" extensions={['pdf', 'jpg', 'jpeg', 'png']} value={file} onChange={setFile} />
        </div>
        <Field label="附件说明" value={caption} onChange={(e) => setCaption(e.target.value)} maxLength={120} />
        <div className="field">
          <button type="button" disabled={!file} onClick={() => void add().catch(fail)}>
            添加附件
          </button>
        </div>
      </div>
      <p className="muted">可添加 PDF、JPG、PNG 文件，每个不超过 {ATTACHMENT_MAX_BYTES / 1024 / 1024} MB；文件保存在加密台账内。</p>
      <Message msg={msg} />
    </Section>
  );
}
