import { useEffect, useState } from 'react';
import { ApiError, call } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { followOfficeClock, formatDayLong, formatInstant, officeNow, officeToday } from '../../kit/datetime';
import { Field } from '../../kit/Field';
import { Message, useRunner } from '../../kit/Message';
import { CoordinatorOnly } from '../../kit/CoordinatorOnly';

/** Zones a street office in China would pick; any IANA name is accepted and checked by the core. */
const COMMON_ZONES = [
  { zone: 'Asia/Shanghai', label: '北京时间' },
  { zone: 'Asia/Urumqi', label: '新疆时间（乌鲁木齐）' },
  { zone: 'Asia/Hong_Kong', label: '香港' },
  { zone: 'Asia/Macau', label: '澳门' },
];

/**
 * 日期与时区: which calendar the ledger counts in. An office setting (the
 * notice says nothing about time zones): every day the ledger computes —
 * today, overdue, report deadlines, the times in 操作日志 — is a day on this
 * zone's clock, whatever the PC's own time zone is.
 */
export function TimeZonePanel({ editable }: { editable: boolean }) {
  const settings = useQuery('settings.get', {});
  const [zone, setZone] = useState('Asia/Shanghai');
  // Once the user has typed, the ledger's zone arriving (or read again) never overwrites the box: a zone typed before
  // settings.get answered was replaced by the saved one, and 保存 then saved that (seen in foundation.e2e).
  const [typed, setTyped] = useState(false);
  const { msg, run, setMsg } = useRunner();
  useEffect(() => {
    if (settings.data && !typed) setZone(settings.data.timeZone);
  }, [settings.data, typed]);

  // The core asks before a zone that takes the office's day back (settings/handlers.ts): its words are shown, and
  // 「仍然更改」 sends the same zone again, confirmed.
  const [dayBackAsked, setDayBackAsked] = useState(false);
  const save = (confirmDayBack: boolean) => {
    setDayBackAsked(false);
    void run(
      call('settings.update', confirmDayBack ? { timeZone: zone, confirmDayBack } : { timeZone: zone })
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.code === 'CONFLICT' && e.details?.dayBackTo) setDayBackAsked(true);
          throw e;
        })
        .then(async () => {
          // The screens follow the core's clock from now on.
          const who = await call('auth.whoami', {});
          if (who) followOfficeClock(who.clock);
          settings.reload();
        }),
      `已保存：台账按「${zone}」计算日期。`,
    );
  };

  return (
    <div className="panel">
      {!editable && <CoordinatorOnly what="修改办公时区" />}
      <p>
        台账里的每一个日期——今天、逾期未监测、报送期限、操作日志的时间——都按这里的时区计算，与这台电脑自己的时区设置无关。
        中国大陆各地统一使用北京时间（Asia/Shanghai），一般不需要修改。这是本街道的设置，不是通知的要求。
      </p>
      <p>
        现在是 <strong>{formatDayLong(officeToday())}</strong>，{formatInstant(officeNow()).slice(11)}（{settings.data?.timeZone ?? zone}）。
      </p>
      <div className="toolbar">
        <Field
          label="办公时区"
          list="office-time-zones"
          value={zone}
          disabled={!editable}
          onChange={(e) => (setZone(e.target.value), setTyped(true), setMsg(null), setDayBackAsked(false))}
          style={{ minWidth: 240 }}
        />
        <datalist id="office-time-zones">
          {COMMON_ZONES.map((z) => (
            <option key={z.zone} value={z.zone}>
              {z.label}
            </option>
          ))}
        </datalist>
        {editable && (
          <button className="primary" onClick={() => save(false)}>
            保存
          </button>
        )}
      </div>
      {/* The day-back answer is a question for the coordinator, not a failure: asked in the kit's notice (yellow) with
          its two answers under it, as the other confirmations are; red is kept for what went wrong. */}
      {dayBackAsked && msg ? (
        <div className="notice day-back-question" role="dialog" aria-label="确认更改办公时区">
          <p role="status">{msg.text}</p>
          <div className="actions">
            <button onClick={() => save(true)}>仍然更改</button>
            <button onClick={() => (setDayBackAsked(false), setMsg(null))}>不改了</button>
          </div>
        </div>
      ) : (
        <Message msg={msg} />
      )}
    </div>
  );
}
