import { describe, expect, it } from 'vitest';
import { normaliseTime } from '../../../renderer/src/kit/time-text';

describe('times of day as typed', () => {
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
