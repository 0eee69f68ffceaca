import { useEffect, useState } from 'react';
import type { OfficeKeyInfo } from '../../../../electron/core/io/export/contract';
import { call, errorMessage } from '../../api/client';
import { DestinationPicker, MUTED } from './common';
import { Message, type Msg } from '../../kit/Message';

/** 本街道公钥: the public half of the office's signing key, saved as a small file for the district, once. */
export function KeyPanel() {
  const [key, setKey] = useState<OfficeKeyInfo | null>(null);
  const [folder, setFolder] = useState('');
  const [msg, setMsg] = useState<Msg>(null);
  useEffect(() => {
    call('export.officeKey', {})
      .then(setKey)
      .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }));
  }, []);
  return (
    <div className="panel">
      <h2>本街道的上报公钥</h2>
      <Message msg={msg} />
      {key && (
        <>
          <p>
            公钥指纹：<code aria-label="公钥指纹">{key.fingerprint}</code>
          </p>
          <p style={MUTED}>每个上报包都用本街道的私钥签名（私钥只保存在加密台账里）。请把公钥文件交给区里一次，并电话核对指纹。</p>
          <DestinationPicker value={folder} onChange={setFolder} />
          <button
            className="primary"
            type="button"
            disabled={!folder}
            onClick={() =>
              void call('export.savePublicKey', { folder })
                .then((r) => setMsg({ ok: true, text: `公钥文件已保存：${r.path}` }))
                .catch((e: unknown) => setMsg({ ok: false, text: errorMessage(e) }))
            }
          >
            保存公钥文件
          </button>
        </>
      )}
    </div>
  );
}
