/**
 * What someone with a backup on a stick can do to it: rewrite backup.json, and, holding the
 * database key (a viewer's password unwraps it), open the copy, change it and sign the manifest again.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openManifest, sealManifest, type BackupMeta } from '../../../electron/core/io/backup/manifest';

export const sha256 = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
export const manifestOf = (dir: string): BackupMeta => JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')) as BackupMeta;
export const rewrite = (dir: string, meta: BackupMeta): void => writeFileSync(join(dir, 'backup.json'), JSON.stringify(meta, null, 2));

/** The copy opened for writing with the database key, as anyone holding it could. */
export function openBackupDb(dir: string, dbKey: Buffer): BetterSqlite3.Database {
  const db = new BetterSqlite3(join(dir, 'taizhang.db'));
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${dbKey.toString('hex')}'"`);
  return db;
}

/** Signs backup.json again with a key derived from the database key, listing the files now in the folder. */
/** backup.json signed again over the files as they are now; `ledgerId`: the copy made to claim another ledger's id. */
export function resign(dir: string, dbKey: Buffer, ledgerId?: string): void {
  const meta = manifestOf(dir);
  const names = ['taizhang.db', 'taizhang.keyring.json', 'taizhang.anchor.json'].filter((n) => existsSync(join(dir, n)));
  const files = names.map((name) => ({ name, sha256: sha256(join(dir, name)), bytes: statSync(join(dir, name)).size }));
  rewrite(
    dir,
    sealManifest(
      { ledgerId: ledgerId ?? meta.ledgerId, createdAt: meta.createdAt, schemaVersion: meta.schemaVersion, files },
      openManifest(meta, dbKey),
      dbKey,
    ),
  );
}
