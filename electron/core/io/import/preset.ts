/**
 * The hook for files whose target, columns and whole-file values are known
 * before anyone looks at them: the office's own collection sheets, which
 * come back from the communities carrying a hidden marker (issue 15 reads
 * it). A reader registered here is asked by `import.inspect` about every
 * file; the first preset it finds is used instead of guessing (mapping and
 * constants filled in, nothing to confirm), and the wizard switches to the
 * preset's target when the user picked another.
 */
import type { ReadDb } from '../../db/types';
import type { SourceRow } from './cells';
import type { ImportPreset } from './contract';
import type { OpenedSource } from './source';

export interface PresetContext {
  /** The ledger, read only: a reader checks the file belongs to this office. */
  db: ReadDb;
  source: OpenedSource;
  /** The first rows of the chosen sheet (title, header and a few data rows). */
  head: readonly SourceRow[];
}

export type PresetReader = (ctx: PresetContext) => ImportPreset | null | Promise<ImportPreset | null>;

const readers: PresetReader[] = [];

/** Registers a reader; returns the function that removes it again (for tests). */
export function registerPresetReader(reader: PresetReader): () => void {
  readers.push(reader);
  return () => {
    const i = readers.indexOf(reader);
    if (i >= 0) readers.splice(i, 1);
  };
}

export async function findPreset(ctx: PresetContext): Promise<ImportPreset | null> {
  for (const read of readers) {
    const preset = await read(ctx);
    if (preset) return preset;
  }
  return null;
}
