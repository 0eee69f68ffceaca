import '../print/print.css';
import { PRINTS } from './prints';
import { useSession } from '../kit/session-context';
import { roleAtLeast } from '../../../electron/core/contract';

/** #/print/<id>?params: one document, no navigation, with a print button that does not print. */
export function PrintRoute({ id, params }: { id: string; params: URLSearchParams }) {
  const { user } = useSession();
  const doc = PRINTS.find((p) => p.id === id);
  if (!doc || !roleAtLeast(user.role, doc.minRole)) return <p className="error">没有这个打印文档，或您的账号无权打印它。</p>;
  return (
    <div>
      <div className="print-toolbar">
        <button className="primary" onClick={() => window.print()}>
          打印
        </button>
        <button onClick={() => window.history.back()}>返回</button>
      </div>
      {doc.render(params)}
    </div>
  );
}
