/**
 * The note of keys retired on this PC (auth/retired-here.ts): per ledger, a tag and never the key, and nothing it
 * meets on disk (no file, garbage, a folder it cannot write) is a reason to refuse or to fail a rotation.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSealer } from '../../../electron/core/db/sealer';
import { noteRetiredHere, RETIRED_HERE_FILE, retiredHere, retiredHereTag } from '../../../electron/core/auth/retired-here';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('keys retired here', () => {
  it('notes a tag per ledger, never the key; another ledger or key is not flagged', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    const key = randomBytes(32);
    const retired = makeSealer(key);
    const other = makeSealer(randomBytes(32));
    expect(retiredHere(dir, 'ledger-a', retired)).toBe(false);
    noteRetiredHere(dir, 'ledger-a', retiredHereTag(retired));
    noteRetiredHere(dir, 'ledger-a', retiredHereTag(retired));
    expect([retiredHere(dir, 'ledger-a', retired), retiredHere(dir, 'ledger-b', retired), retiredHere(dir, 'ledger-a', other)]).toEqual([true, false, false]);
    const text = readFileSync(join(dir, RETIRED_HERE_FILE), 'utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect((JSON.parse(text) as { ledgers: Record<string, string[]> }).ledgers['ledger-a']).toHaveLength(1);
    if (process.platform !== 'win32') expect(statSync(join(dir, RETIRED_HERE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('no folder, garbage in the file, a folder it cannot write: nothing noted, nothing thrown', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    const sealer = makeSealer(randomBytes(32));
    expect(retiredHere(null, 'ledger-a', sealer)).toBe(false);
    writeFileSync(join(dir, RETIRED_HERE_FILE), '{not json');
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(false);
    // A file where the folder should be: the write fails, quietly (the rotation it follows stands).
    const blocked = join(dir, RETIRED_HERE_FILE);
    expect(() => noteRetiredHere(blocked, 'ledger-a', retiredHereTag(sealer))).not.toThrow();
    // Garbage is replaced by a good note at the next rotation.
    noteRetiredHere(dir, 'ledger-a', retiredHereTag(sealer));
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(true);
  });

  it('a note too big to be the program’s is not read, and the next rotation’s note is written beside it moved aside', () => {
    dir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    const sealer = makeSealer(randomBytes(32));
    const path = join(dir, RETIRED_HERE_FILE);
    const tag = retiredHereTag(sealer);
    // The right tag inside, but 2 MB: a file like that was not written by the program, and reading it whole is what
    // held the core 20 s at 400 MB (eleventh attack run, RK1-F).
    writeFileSync(path, JSON.stringify({ format: 'taizhang-retired-keys', ledgers: { 'ledger-a': [tag] }, pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(false);
    noteRetiredHere(dir, 'ledger-a', tag);
    expect(retiredHere(dir, 'ledger-a', sealer)).toBe(true);
    expect(statSync(path).size).toBeLessThan(1024);
    expect(readdirSync(dir).filter((f) => f.startsWith(`${RETIRED_HERE_FILE}.moved-aside-`))).toHaveLength(1);
  });
});
