/**
 * One term for what the office sets and the notice does not: 本街道的设置 (the guide's "office setting"). The 排班规则
 * panel said 本街道的设置 in one line under a heading 本单位的设定; the 排班, 上报 and 表彰与纪念 screens (session 41: the
 * memorial time limits said 本单位设定) and their core say it one way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = [
  'renderer/src/features/rota',
  'renderer/src/features/export',
  'renderer/src/features/honours',
  'electron/core/rota',
  'electron/core/io/export',
  'electron/core/honours',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('本街道的设置, one term', () => {
  it('排班, 上报 and 表彰与纪念 never call an office setting 本单位的设定', () => {
    const found = ROOTS.flatMap((r) => files(r)).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/本单位(的)?(时限)?设定|本单位的排班设定|按本单位/.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
    expect(readFileSync('renderer/src/features/rota/RulesPanel.tsx', 'utf8')).toContain('<h3>本街道的设置</h3>');
  });
});
