/**
 * Issue 19, attack run 49 (targets 6 and 7), figures: the 大写 under 补助发放表's 合计 (rota/yuan-words.ts, session 48)
 * must say exactly the 小写, by the rules a finance office writes cheques by (《支付结算办法》附一: 「整」 after 元 and
 * after 角 only when no 分 follows; one 零 for a run of zeros inside the number); and 症状 after S48-A1: a fever written
 * any other way must stay a symptom. Every expected line below was written out by hand, not by the code.
 */
import { describe, expect, it } from 'vitest';
import { normaliseSymptoms } from '../../../electron/core/caseload/symptoms';
import { fenInWords } from '../../../electron/core/rota/yuan-words';

/** 小写 in 分 → 大写, each checked by hand. */
const BY_HAND: Array<[number, string]> = [
  [5, '伍分'], // 0.05
  [50, '伍角'], // 0.50
  [1000, '壹拾元整'], // 10.00
  [10010, '壹佰元壹角'], // 100.10
  [10005, '壹佰元零伍分'], // 100.05
  [100000001, '壹佰万元零壹分'], // 1,000,000.01
  [10001000000, '壹亿零壹万元整'], // 100,010,000.00
  [0, '零元整'],
  [-20000, '负贰佰元整'], // a correction of −200.00
  [-5, '负伍分'],
  [101000, '壹仟零壹拾元整'], // 1,010.00
  [10000000, '壹拾万元整'], // 100,000.00
  [100010000, '壹佰万零壹佰元整'], // 1,000,100.00
  [2000000001 * 100, '贰拾亿零壹元整'], // 2,000,000,001.00
  [4620000, '肆万陆仟贰佰元整'], // 46,200.00 (session 48's own)
  [1200000, '壹万贰仟元整'], // 12,000.00
  [1020000, '壹万零贰佰元整'], // 10,200.00
  [110, '壹元壹角'], // 1.10
  [101, '壹元零壹分'], // 1.01
  [1100000000, '壹仟壹佰万元整'], // 11,000,000.00
];

describe('S49: 大写 says the 小写', () => {
  it('each amount as a finance office writes it (held)', () => {
    for (const [fen, words] of BY_HAND) expect(fenInWords(fen), String(fen)).toBe(words);
  });
});

/** A fever (or another symptom) written another way: each must stay a symptom. */
const STILL_SYMPTOMS = [
  '无咳嗽，发热', // full-width comma
  '无咳嗽；发热',
  '无咳嗽。发热',
  '无咳嗽：发热',
  '无咳嗽／发热', // full-width slash
  '无咳嗽\u200b发热', // a zero-width space pasted from WeChat
  '无咳嗽\u0085发热',
  '体温：37.8',
  '无发热，体温37.8',
  '体温正常 37.8',
  '37.8',
  '38.5度',
  'fever',
  'no cough, fever',
  '否，发热',
  '正常 发热',
  '无 发热',
  '-发热',
  '无发热等症状 咳嗽',
  '无发热 咳嗽等症状',
  '无发热？咳嗽',
];

describe('S49: 症状 after S48-A1', () => {
  it('a fever hidden any other way stays a symptom (held)', () => {
    for (const w of STILL_SYMPTOMS) expect(normaliseSymptoms(w), JSON.stringify(w)).toBe(w.trim());
  });
});
