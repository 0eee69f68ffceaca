/**
 * File names a coordinator reads on a USB stick (上报包, 台账备份) carry the office's day and
 * time, not UTC's: at 01:30 in Beijing on 12-01, UTC still reads 11-30 17:30.
 */
import { describe, expect, it } from 'vitest';
import { fileStampIn } from '../../../electron/core/dates.shared';
import { packageFileName } from '../../../electron/core/io/export/build-package';
import { backupFolderName } from '../../../electron/core/io/backup/backup-file';

describe('fileStampIn: the office wall clock in a file name', () => {
  it.each([
    ['2026-11-30T17:30:05.123Z', 'Asia/Shanghai', '20261201-013005'],
    ['2026-11-30T15:59:59.000Z', 'Asia/Shanghai', '20261130-235959'],
    ['2026-11-30T16:00:00.000Z', 'Asia/Shanghai', '20261201-000000'],
    ['2026-11-30T17:30:05.000Z', 'UTC', '20261130-173005'],
    ['2020-02-29T18:00:00.000Z', 'Asia/Urumqi', '20200301-000000'],
  ])('%s in %s reads %s', (instant, zone, stamp) => {
    expect(fileStampIn(instant, zone)).toBe(stamp);
  });

  it('names a package and a backup after the office day, with no T…Z', () => {
    const name = packageFileName('东风街道办事处', { from: '2026-11-23', to: '2026-11-29' }, '2026-11-30T17:30:05.000Z', 'Asia/Shanghai');
    expect(name).toBe('东风街道办事处_20261123-20261129_上报_20261201-013005.zip');
    expect(backupFolderName('东风 街道', '2026-11-30T17:30:05.000Z', 'Asia/Shanghai')).toBe('台账备份_东风_街道_20261201-013005');
  });
});
