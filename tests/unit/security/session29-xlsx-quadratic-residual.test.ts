/**
 * The fifteenth attack run (session 29), S29-A2's residual on its fix (1cfb72e): the expressions now run only up to a
 * piece's last closer, but openings with no '>' of their own *before* that closer still each scan to it and fail
 * (`<row` × n then one `</row>`: ROW_RE's `[^>]*?` runs to the closer's '>', then finds no second `</row>`; the same for
 * `<t` × n then one `</t>` inside a shared string). Red as plain it at load 8: 40,000 `<row` 4.5 s against a same-size
 * control of 7 ms; 40,000 `<t` 1.0 s against 2 ms. Set beside a same-size control as session29-xlsx-quadratic.test.ts.
 * Fixed by the lead (session 29): an opening's attributes stop at a '<' (ROW_RE, runsText's <t>, rowMatches' tail).
 */
import { describe, it } from 'vitest';
import { SHEET_CLOSE } from '../hardening/zip';
import { HEAD, nearControl, rowsCost, sharedCost } from './xlsx-read-cost';

describe('S29-A2 residual: openings without their > before the piece’s last closer', () => {
  it('30,000 `<row` then one `</row>`: about as long as 30,000 `<rox` then one `</row>`', async () => {
    const control = await rowsCost(HEAD + '<rox'.repeat(30_000) + '</row>' + SHEET_CLOSE);
    const crafted = await rowsCost(HEAD + '<row'.repeat(30_000) + '</row>' + SHEET_CLOSE);
    nearControl(crafted, control);
  }, 120_000);

  it('one shared string of 60,000 `<t` then one `</t>`: about as long as 60,000 `<x` then one `</t>`', async () => {
    const control = await sharedCost('<sst><si>' + '<x'.repeat(60_000) + '</t></si></sst>');
    const crafted = await sharedCost('<sst><si>' + '<t'.repeat(60_000) + '</t></si></sst>');
    nearControl(crafted, control);
  }, 120_000);
});
