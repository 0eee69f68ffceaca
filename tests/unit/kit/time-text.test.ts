import { describe, expect, it } from 'vitest';
import { instantText, normaliseTime } from '../../../renderer/src/kit/time-text';

describe('times as the office reads them', () => {
  it('shows instants in Beijing time, 24-hour, whatever the machine zone', () => {
    expect(instantText('2020-02-17T01:30:00.000Z')).toBe('2020-02-17 09:30');
    expect(instantText('2020-02-17T17:30:00.000Z')).toBe('2020-02-18 01:30');
    expect(instantText('2020-02-17T06:05:00.000Z')).toBe('2020-02-17 14:05');
    expect(instantText(null)).toBe('');
    expect(instantText('not a time')).toBe('');
  });

  it('tidies a typed time into HH:MM, and leaves what it cannot read for the field to name', () => {
    expect(normaliseTime('8:0')).toBe('08:00');
    expect(normaliseTime('800')).toBe('08:00');
    expect(normaliseTime('1730')).toBe('17:30');
    expect(normaliseTime('17.30')).toBe('17:30');
    expect(normaliseTime('17：30')).toBe('17:30');
    expect(normaliseTime('24:00')).toBe('24:00');
    expect(normaliseTime('24:30')).toBe('24:30');
    expect(normaliseTime('25:00')).toBe('25:00');
    expect(normaliseTime('下午五点')).toBe('下午五点');
  });
});
