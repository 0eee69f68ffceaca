/**
 * Finding 7, walked over the whole contract instead of the channels the
 * attacker happened to try: every string field of every channel's input
 * (nested objects, lists and unions included) that takes a day, an instant
 * or a month is sent days that do not exist; every `from`/`to` pair is sent
 * backwards; every birth date is sent a day after today. A field added later
 * with a plain `z.string()` for a date fails the name check at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Channel } from '../../../electron/core/api';
import { setContractToday } from '../../../electron/core/contract';
import { sampleOf, unwrap, withFieldSetTo } from '../../helpers/schema-fields';

type Leaf = { channel: Channel; path: Array<string | number>; schema: z.ZodType };

/** Every leaf of an input schema: through objects, lists, records and unions. */
function leaves(channel: Channel, schema: z.ZodType, path: Array<string | number> = [], out: Leaf[] = []): Leaf[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) leaves(channel, v, [...path, k], out);
  else if (s instanceof z.ZodArray) leaves(channel, s.element as z.ZodType, [...path, 0], out);
  else if (s instanceof z.ZodRecord) leaves(channel, s.valueType as z.ZodType, [...path, '*'], out);
  else if (s instanceof z.ZodUnion) for (const o of s.options as z.ZodType[]) leaves(channel, o, path, out);
  else out.push({ channel, path, schema: s });
  return out;
}

const ALL = (Object.keys(api) as Channel[]).flatMap((c) => leaves(c, api[c].input as z.ZodType));
const accepts = (s: z.ZodType, v: unknown): boolean => s.safeParse(v).success;
const name = (l: Leaf): string => `${l.channel} ${l.path.join('.')}`;

const NOT_DAYS = ['2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-04-31', '0000-00-00', '2020-02-00', '9999-12-31', '2020-2-3', '20200210'];
const NOT_INSTANTS = ['2020-02-30T02:00:00.000Z', '2021-02-29T02:00:00.000Z', '2020-13-01T02:00:00.000Z', '2020-02-10T25:00:00.000Z'];

const dayFields = ALL.filter((l) => accepts(l.schema, '2020-02-10') && !accepts(l.schema, 'abcdefghij'));
const instantFields = ALL.filter((l) => accepts(l.schema, '2020-02-10T02:00:00.000Z') && !accepts(l.schema, 'abcdefghij'));
const monthFields = ALL.filter((l) => accepts(l.schema, '2020-02') && !accepts(l.schema, 'abcdefg'));

beforeAll(() => setContractToday(() => '2020-02-17'));
afterAll(() => setContractToday(() => '2099-12-31'));

describe('finding 7 over every field of the contract', () => {
  it('finds the date fields it walks (the walk itself works)', () => {
    expect(dayFields.length).toBeGreaterThan(40);
    expect(dayFields.map(name)).toEqual(
      expect.arrayContaining(['supplies.receive day', 'honours.visits.add visitedOn', 'rota.leave.add from', 'export.write to']),
    );
  });

  it('every day field refuses days that do not exist', () => {
    const holes = dayFields.flatMap((l) => NOT_DAYS.filter((d) => accepts(l.schema, d)).map((d) => `${name(l)} ← ${d}`));
    expect(holes).toEqual([]);
  });

  it('every instant field refuses instants on days (or hours) that do not exist', () => {
    const holes = instantFields.flatMap((l) => NOT_INSTANTS.filter((d) => accepts(l.schema, d)).map((d) => `${name(l)} ← ${d}`));
    expect(holes).toEqual([]);
  });

  it('every month field refuses months that do not exist', () => {
    const holes = monthFields.flatMap((l) => ['2020-13', '2020-00', '0000-00'].filter((d) => accepts(l.schema, d)).map((d) => `${name(l)} ← ${d}`));
    expect(holes).toEqual([]);
  });

  it('every birth date refuses a day after the office’s today', () => {
    const births = dayFields.filter((l) => /birth/i.test(String(l.path[l.path.length - 1])));
    expect(births.length).toBeGreaterThan(0);
    expect(births.filter((l) => accepts(l.schema, '2020-02-18')).map(name)).toEqual([]);
  });

  it('every from/to pair refuses a period that runs backwards', () => {
    const holes: string[] = [];
    let checked = 0;
    const checkedPairs: string[] = [];
    for (const l of dayFields) {
      const last = l.path[l.path.length - 1];
      if (typeof last !== 'string' || !/^(from|.+From)$/.test(last)) continue;
      const toKey = last === 'from' ? 'to' : last.replace(/From$/, 'To');
      const parent = l.path.slice(0, -1);
      if (!dayFields.some((o) => o.channel === l.channel && o.path.join('.') === [...parent, toKey].join('.'))) continue;
      const input = api[l.channel].input as z.ZodType;
      const base = sampleOf(input);
      const forwards = withFieldSetTo(withFieldSetTo(base, [...parent, last], '2020-03-01'), [...parent, toKey], '2020-03-08');
      const backwards = withFieldSetTo(withFieldSetTo(base, [...parent, last], '2020-03-08'), [...parent, toKey], '2020-03-01');
      // Only where the sample is otherwise valid can the order alone be judged.
      if (!accepts(input, forwards)) continue;
      checked++;
      if (accepts(input, backwards)) holes.push(`${l.channel} ${[...parent, last].join('.')}`);
      else checkedPairs.push(`${l.channel} ${[...parent, last].join('.')}`);
    }
    expect(checked).toBeGreaterThan(5);
    expect(holes).toEqual([]);
    // Found in the second attack run: a staff member's cover could end before it began.
    expect(checkedPairs).toContain('rota.staff.save insuranceFrom');
  });

  it('no field named like a date takes free text', () => {
    const DATE_NAME = /^(day|date|from|to|month|since|until)$|(On|At|Date|Day|From|To|Month)$/;
    // 受理部门 (the office an application went to) is a name, not a day.
    const NOT_DATES = ['honours.steps.save appliedTo'];
    const free = ALL.filter((l) => {
      const last = l.path[l.path.length - 1];
      return typeof last === 'string' && DATE_NAME.test(last) && accepts(l.schema, 'abcdefghij');
    })
      .map(name)
      .filter((n) => !NOT_DATES.includes(n));
    expect(free).toEqual([]);
  });
});

describe('a backwards period through the router names both fields', () => {
  it('rota.staff.save: 「保险截止日」不能早于「保险起始日」', async () => {
    const { openTestLedger } = await import('../../helpers/ledger');
    const t = await openTestLedger();
    try {
      const e = await t.fail('rota.staff.save', { name: '李四', kind: 'volunteer', insuranceFrom: '2020-03-08', insuranceTo: '2020-03-01' });
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain('「保险截止日」不能早于「保险起始日」');
      await t.call('rota.staff.save', { name: '李四', kind: 'volunteer', insuranceFrom: '2020-03-01', insuranceTo: '2020-03-08' });
    } finally {
      t.close();
    }
  });
});
