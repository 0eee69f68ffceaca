/**
 * The office's calendar at any hour, on a PC in any time zone. 17:30 UTC is
 * already tomorrow in Beijing; 15:59:59 UTC is still today. The day must come
 * out the same whether the process runs with TZ=UTC or TZ=Asia/Shanghai, so
 * each case runs in a child node process with that TZ (and the child proves
 * its TZ took effect by reporting the machine's own hour).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../electron/core/clock';
import { addDays, dayIn, endOfDayIn, instantAtWallTime, isTimeZone, wallTimeIn } from '../../../electron/core/dates.shared';
import { openOffice, observedHousehold, type Office } from '../caseload/fixture';

const LATE = '2020-02-17T17:30:00.000Z';
const EARLY = '2020-02-17T15:59:59.000Z';

describe('the clock in a process of any TZ', () => {
  let dir: string;
  let bundle: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-clock-'));
    bundle = join(dir, 'clock.cjs');
    buildSync({ entryPoints: ['electron/core/clock.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const probe = (tz: string, instant: string, zone?: string) => {
    const script = `
      const { SettableClock } = require(${JSON.stringify(bundle)});
      const clock = new SettableClock(${zone ? `{ timeZone: ${JSON.stringify(zone)} }` : ''});
      clock.set(${JSON.stringify(instant)});
      const at = new Date(${JSON.stringify(instant)});
      process.stdout.write(JSON.stringify({ today: clock.today(), time: clock.wallTime(at).time, machineHour: at.getHours(), machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz } }).toString()) as {
      today: string;
      time: string;
      machineHour: number;
      machineZone: string;
    };
  };

  it.each([
    ['UTC', LATE, 17, '2020-02-18', '01:30'],
    ['Asia/Shanghai', LATE, 1, '2020-02-18', '01:30'],
    ['UTC', EARLY, 15, '2020-02-17', '23:59'],
    ['Asia/Shanghai', EARLY, 23, '2020-02-17', '23:59'],
    ['America/Los_Angeles', LATE, 9, '2020-02-18', '01:30'],
  ])('TZ=%s at %s: the office (Beijing) day, whatever the machine says', (tz, instant, machineHour, today, time) => {
    const r = probe(tz, instant);
    expect(r.machineHour).toBe(machineHour); // the child really ran in that zone
    expect(r.today).toBe(today);
    expect(r.time).toBe(time);
  });

  it('follows the office setting, not the machine: an office in UTC under TZ=Asia/Shanghai', () => {
    const r = probe('Asia/Shanghai', LATE, 'UTC');
    expect(r.machineZone).toBe('Asia/Shanghai');
    expect(r.today).toBe('2020-02-17');
    expect(r.time).toBe('17:30');
  });
});

describe('the office wall clock (dates.ts)', () => {
  it('knows IANA zones and refuses what is not one', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Beijing')).toBe(false);
    expect(isTimeZone('北京时间')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(() => new SettableClock({ timeZone: 'Asia/Beijing' })).toThrow(/Asia\/Beijing/);
  });

  it('turns the office wall clock into instants and back, at midnight and across a daylight-saving jump', () => {
    expect(instantAtWallTime('2020-02-18', '00:00', 'Asia/Shanghai')).toBe('2020-02-17T16:00:00.000Z');
    expect(endOfDayIn('2020-02-17', 'Asia/Shanghai')).toBe('2020-02-17T15:59:59.999Z');
    expect(dayIn('2020-02-17T15:59:59.999Z', 'Asia/Shanghai')).toBe('2020-02-17');
    expect(dayIn('2020-02-17T16:00:00.000Z', 'Asia/Shanghai')).toBe('2020-02-18');
    expect(wallTimeIn('2020-02-17T16:00:00.000Z', 'Asia/Shanghai')).toEqual({ day: '2020-02-18', time: '00:00', seconds: 0 });
    // New York springs forward at 02:00 on 2020-03-08: the day before and after have different offsets.
    expect(instantAtWallTime('2020-03-07', '12:00', 'America/New_York')).toBe('2020-03-07T17:00:00.000Z');
    expect(instantAtWallTime('2020-03-08', '12:00', 'America/New_York')).toBe('2020-03-08T16:00:00.000Z');
    for (const iso of ['2020-03-08T06:59:00.000Z', '2020-03-08T07:00:00.000Z', '2020-11-01T05:30:00.000Z']) {
      const w = wallTimeIn(iso, 'America/New_York');
      expect(wallTimeIn(instantAtWallTime(w.day, w.time, 'America/New_York'), 'America/New_York').time).toBe(w.time);
    }
    expect(() => instantAtWallTime('2020-02-30', '08:00', 'Asia/Shanghai')).toThrow();
    expect(() => instantAtWallTime('2020-02-17', '24:00', 'Asia/Shanghai')).toThrow();
  });
});

describe('the ledger at 17:30 UTC (01:30 the next morning in Beijing)', () => {
  let o: Office;
  afterEach(() => o?.t.close());

  it('accepts the office day as today, refuses the day after, and tells the renderer its clock', async () => {
    o = await openOffice(LATE);
    const today = '2020-02-18';
    const { obs } = await observedHousehold(o, '2020-02-15');
    expect((await o.t.call('today.list', {})).today).toBe(today);
    await o.t.call('checks.record', { caseId: obs.id, checkDate: today, temperature: 36.5, method: 'phone', checkedBy: '李娜' });
    const future = await o.t.fail('checks.record', { caseId: obs.id, checkDate: addDays(today, 1), temperature: 36.5, method: 'phone', checkedBy: '李娜' });
    expect(future.message).toContain(`「监测日期」2020-02-19 晚于今天（${today}）`);
    const who = await o.t.call('auth.whoami', {});
    expect(who?.clock).toEqual({ timeZone: 'Asia/Shanghai', now: LATE, today });
  });

  it('lets a coordinator set the office time zone: validated, audited, and every day follows it', async () => {
    o = await openOffice(LATE);
    const bad = await o.t.fail('settings.update', { timeZone: 'Asia/Beijing' });
    expect(bad.code).toBe('BAD_INPUT');
    expect(bad.message).toContain('「办公时区」');
    expect(bad.message).toContain('Asia/Shanghai');
    expect((await o.t.call('settings.get', {})).timeZone).toBe('Asia/Shanghai');

    // At LATE (01:30 on the 18th in Beijing) UTC's day is the 17th: a change that takes the day back is asked first.
    const asked = await o.t.fail('settings.update', { timeZone: 'UTC' });
    expect(asked.code).toBe('CONFLICT');
    expect(asked.message).toContain('会从 2020-02-18 退回 2020-02-17');
    expect(asked.message).toContain('仍然更改');
    expect((await o.t.call('settings.get', {})).timeZone).toBe('Asia/Shanghai');
    expect((await o.t.call('settings.update', { timeZone: 'UTC', confirmDayBack: true })).timeZone).toBe('UTC');
    expect((await o.t.call('today.list', {})).today).toBe('2020-02-17');
    const audit = o.t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE channel = 'settings.update' ORDER BY id DESC LIMIT 1`)
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ timeZone: 'UTC' });

    const clerk = await o.t.sessionAs('clerk');
    expect((await o.t.fail('settings.update', { timeZone: 'Asia/Shanghai' }, clerk)).code).toBe('FORBIDDEN');

    // Whatever moved the shared clock, the next session call takes the zone from the ledger again.
    o.t.core.services.clock.setTimeZone('Asia/Shanghai');
    expect((await o.t.call('auth.whoami', {}))?.clock.today).toBe('2020-02-17');
  });
});
