/** Small pieces shared by the caseload screens: session role, messages, select boxes, community/grid pickers. */
import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useId } from 'react';
import type { Role } from '../../../../electron/core/contract';
import { errorMessage } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { roleAtLeast } from '../../app/roles';
import { useSession } from '../../app/session-context';

export function useRoleAtLeast(need: Role): boolean {
  return roleAtLeast(useSession().user.role, need);
}

export type Msg = { ok: boolean; text: string } | null;

/** Runs an action and turns its outcome into a message a clerk can read. */
export function useRunner(onDone?: () => void): { msg: Msg; run: (p: Promise<unknown>, ok: string) => Promise<boolean>; setMsg: (m: Msg) => void } {
  const [msg, setMsg] = useState<Msg>(null);
  const run = (p: Promise<unknown>, ok: string) =>
    p
      .then(() => (setMsg({ ok: true, text: ok }), onDone?.(), true))
      .catch((e: unknown) => (setMsg({ ok: false, text: errorMessage(e) }), false));
  return { msg, run, setMsg };
}

export function Message({ msg }: { msg: Msg }) {
  if (!msg) return null;
  return (
    <p className={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>
      {msg.text}
    </p>
  );
}

export function Select({ label, children, ...rest }: { label: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...rest}>
        {children}
      </select>
    </div>
  );
}

/** 社区 and 网格 selects; the grid list follows the chosen community. */
export function PlacePicker(props: { communityId: string; gridId: string; onChange: (communityId: string, gridId: string) => void; anyLabel?: string; required?: boolean }) {
  const communities = useQuery('org.communities.list', {});
  const grids = useQuery('org.grids.list', {});
  const inCommunity = (grids.data ?? []).filter((g) => String(g.communityId) === props.communityId);
  return (
    <>
      <Select label="社区" value={props.communityId} onChange={(e) => props.onChange(e.target.value, '')} required={props.required}>
        <option value="">{props.anyLabel ?? '请选择'}</option>
        {(communities.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      <Select label="网格" value={props.gridId} onChange={(e) => props.onChange(props.communityId, e.target.value)}>
        <option value="">{props.anyLabel ?? '（不指定）'}</option>
        {inCommunity.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </Select>
    </>
  );
}

export const numOrUndefined = (s: string): number | undefined => (s === '' ? undefined : Number(s));
