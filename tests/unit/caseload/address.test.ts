import { describe, expect, it } from 'vitest';
import { addressKey, addressKeyIfAny } from '../../../electron/core/caseload/address';

describe('addressKey: one key for a dwelling however its parts are typed', () => {
  it('reads full-width characters as half-width and drops every kind of space, in each part', () => {
    const clean = addressKey({ estate: '幸福小区', building: '3', unit: '2', room: '101' });
    expect(clean).toBe('幸福小区|3|2|101');
    // Full-width digits, the ideographic space, a no-break space, a tab and a line break: each part is cleaned, whichever it is in.
    expect(addressKey({ estate: '幸福\u3000小区', building: '３号楼', unit: ' 2\u00a0单元', room: '１０１\t室\n' })).toBe(clean);
    expect(addressKey({ estate: 'Ａ区 幸福小区', building: '3', unit: '2', room: '101' })).toBe('A区幸福小区|3|2|101');
  });

  it('keys an address written as free text alone by that text, cleaned; no address at all has no key', () => {
    expect(addressKey({ addressText: ' 幸福路\u3000１号 ' })).toBe('~幸福路1号');
    expect(addressKeyIfAny({ estate: ' ', building: '\u3000', addressText: '' })).toBeNull();
  });
});
