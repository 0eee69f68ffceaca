/**
 * What the ledger knows of the file it has open (db/ledger.ts): which file the path named when this program opened or
 * made it, the file's digest as it was opened, and how its contents were found sound (db/ledger-contents.ts). Kept
 * apart from the keys: a close uses it to put this program's file back or to leave the note the next open trusts.
 */
import {
  closedNoteHolds,
  type ContentsChecked,
  digestAtOpen,
  fileDigest,
  type FileIdentity,
  identityOf,
  noteClosedDigest,
  putBackReplacedFile,
  refuseIndexesNotTheirTables,
  sameFile,
} from './ledger-contents';
import type { LedgerPaths } from './ledger-files';
import type { Sealer } from './sealer';
import type { Database } from './types';

export class OpenedFileRecord {
  private digest: string | null = null;
  private checked: ContentsChecked = null;
  private file: FileIdentity | null = null;
  constructor(private readonly paths: LedgerPaths) {}

  /** Made by this program just now: sound without a check. */
  made(): void {
    this.checked = 'made';
    this.file = identityOf(this.paths.db);
  }

  /** Just opened, under the lock the open took and before anything is written (migrations included). */
  opened(): void {
    this.digest = digestAtOpen(this.paths.db);
    this.file = identityOf(this.paths.db);
    this.checked = null;
  }

  /** The file is the one this program closed (its note holds), or its indexes are checked against its tables. Throws LEDGER_DAMAGED. */
  check(db: Database, ledgerId: string, sealer: Sealer): void {
    if (this.checked) return;
    if (closedNoteHolds(this.paths.closedNote, ledgerId, this.digest, sealer)) this.checked = 'note';
    else {
      refuseIndexesNotTheirTables(db);
      this.checked = 'full';
    }
  }

  checkedBy(): ContentsChecked {
    return this.checked;
  }

  /**
   * Before the handle closes: checkpoints, then puts this program's file back if another was renamed over it while open
   * (S36-A2), or notes the file as closed when its contents were found sound and the key is held. `ledgerId` is read
   * only when a note is written.
   */
  beforeClose(db: Database, ledgerId: () => string, sealer: Sealer | null): void {
    try {
      db.pragma(this.checked ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
      if (!sameFile(this.file, identityOf(this.paths.db))) putBackReplacedFile(db, this.paths.db);
      else if (this.checked && sealer) noteClosedDigest(this.paths.closedNote, ledgerId(), fileDigest(this.paths.db), sealer);
    } catch {
      // closing matters more than checkpointing or the note: without it the next keyed sign-in checks the file
    }
  }

  forget(): void {
    this.digest = null;
    this.file = null;
    this.checked = null;
  }
}
