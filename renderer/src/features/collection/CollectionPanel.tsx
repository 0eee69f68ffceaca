import { useState } from 'react';
import { COLLECTION_KINDS, COLLECTION_TITLES, type CollectionKind } from '../../../../electron/core/io/collection/contract';
import { call, errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { NoCommunityNote } from '../org/NoCommunityNote';
import type { ChosenFile } from '../../../../electron/core/shell/contract';
import { FileChooser } from '../../kit/FileChooser';
import { Message, type Msg } from '../../kit/Message';
import { Select } from '../../kit/Select';

const ALL = 'all';
const MUTED = { color: 'var(--muted)' } as const;

/**
 * 下发收集表: a blank sheet per community for the list the office wants, to
 * send out (or print) and import back with no questions: the file says which
 * community filled it and what it holds.
 */
export function CollectionPanel() {
  const communities = useQuery('org.communities.list', {});
  const [communityId, setCommunityId] = useState<string>(ALL);
  const [kind, setKind] = useState<CollectionKind>('returnees');
  const [folder, setFolder] = useState<ChosenFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<Msg>(null);
  const [made, setMade] = useState<string[]>([]);
  const list = communities.data ?? [];

  const make = async () => {
    setBusy(true);
    setMsg(null);
    setMade([]);
    try {
      if (!folder) return;
      const targets = communityId === ALL ? list : list.filter((c) => String(c.id) === communityId);
      // One chosen folder, one batch: the next batch asks again.
      setFolder(null);
      const paths = (await call('collection.sheet.save', { communityIds: targets.map((c) => c.id), kind, folder: folder.handle })).map((r) => r.path);
      setMade(paths);
      setMsg({ ok: true, text: `已生成 ${paths.length} 张「${COLLECTION_TITLES[kind]}」。发给各社区填写，交回后在「导入表格」中打开即可，不用再对应列。` });
    } catch (e) {
      setMsg({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel">
      <h2>下发收集表</h2>
      <p style={MUTED}>
        为每个社区（村）生成一张空白表格：表头已写好街道和社区名称，身份证号一列设为文本（不会变成
        4.10101E+17），网格、类别、方式等从下拉列表选择，日期是日期格式，还有一行填写说明。社区用 Excel 或 WPS
        填好发回后，导入时自动识别是哪个社区、什么名单，不用再对应列。
      </p>
      <NoCommunityNote needs="收集表按社区生成，每个社区一张" then="生成收集表" />
      <div className="toolbar">
        <Select
          label="社区（村）"
          value={communityId}
          onValue={setCommunityId}
          options={[{ value: ALL, label: '全部社区（每个社区一张）' }, ...list.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Select
          label="收集表"
          value={kind}
          onValue={(v) => setKind(v as CollectionKind)}
          options={COLLECTION_KINDS.map((k) => ({ value: k, label: COLLECTION_TITLES[k] }))}
        />
        <FileChooser kind="folder" label="保存位置（文件夹）" title="收集表保存到哪个文件夹" value={folder} onChange={setFolder} />
        <button className="primary" type="button" disabled={busy || list.length === 0 || !folder} onClick={() => void make()}>
          {busy ? '正在生成…' : '生成收集表'}
        </button>
      </div>
      <Message msg={msg} />
      {made.length > 0 && (
        <ul aria-label="已生成的收集表">
          {made.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p style={MUTED}>收集表已设好 A4 横向打印，表头每页重复；需要纸质填写时，用 Excel 或 WPS 打开后直接打印。</p>
    </div>
  );
}
