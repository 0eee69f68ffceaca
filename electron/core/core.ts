/** Wires the core's services together. One per process (worker or test). */
import type { Channel } from './api';
import { SettableClock, type Clock } from './clock';
import { Ledger } from './db/ledger';
import type { ScryptParams } from './db/keyring';
import type { CoordinatorKeyMode } from './db/keyslot-coordinator';
import type { SlotLayout } from './db/keyslot';
import type { CoreServices, EventSink } from './handler-types';
import { dispatch, type DispatchOptions, type DispatchResult } from './router';
import { SessionStore } from './session';
import { UnlockThrottle } from './unlock-throttle';
import { FileGrants, type GrantRequest } from './fs-grants';
import { protectedPlaceOf } from './fs-guard';
import { toWireError } from './errors';
import { SEAL_UPGRADES } from './seal-upgrades';
import type { SealUpgrade } from './db/seal-upgrades';
import type { SealedColumn } from './keys/sealed-columns';
import type { RowBinding } from './db/row-binding';
import { ROW_BINDINGS, SEALED_COLUMNS, SEALED_RECORD_AUDIT_PURPOSES } from './sealed-columns';
import { backupWitness } from './io/backup/witness';
import { exportWitness } from './io/export/export-witness';
import { auditMigration } from './audit/migration-audit';

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
  clock?: Clock;
  emit?: EventSink;
  kdf?: ScryptParams;
  failureDelayBaseMs?: number;
  /** Tests replace the list to drive one upgrade; the app uses every area's. */
  sealUpgrades?: readonly SealUpgrade[];
  /** Tests give a rotation their own sealed table; the app re-seals every area's (sealed-columns.ts). */
  sealedColumns?: readonly SealedColumn[];
  /** Tests make a ledger as the version before row binding did ([]: no binding written at setup); the app binds every area's. */
  rowBindings?: readonly RowBinding[];
  /** Tests alone: coordinator keys as an older version treated them (db/keyslot-coordinator.ts); the app's is COORDINATOR_KEYS. */
  coordinatorKeys?: CoordinatorKeyMode;
  /** Tests alone: slots and keyrings written in an older layout (db/keyslot.ts SlotLayout); the app's is SLOT_LAYOUT. */
  slotLayout?: SlotLayout;
  /** The app's own folder on this PC, outside the ledger folder (CoreServices.appDir); none: nothing is noted there. */
  appDir?: string;
  /** rota-planner.cjs (CoreServices.rotaPlannerPath); none: 自动排班 plans on the core's own thread (unit tests, tools). */
  rotaPlannerPath?: string;
}

export class Core {
  readonly services: CoreServices;
  constructor(opts: CoreOptions) {
    this.services = {
      ledger: new Ledger(
        opts.dataDir,
        opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
        opts.kdf,
        auditMigration,
        opts.coordinatorKeys,
        opts.slotLayout,
      ),
      openLedgerAt: (dir) =>
        new Ledger(dir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}, opts.kdf, auditMigration, opts.coordinatorKeys, opts.slotLayout),
      sessions: new SessionStore(),
      clock: opts.clock ?? new SettableClock(),
      emit: opts.emit ?? (() => undefined),
      failureDelayBaseMs: opts.failureDelayBaseMs ?? 400,
      throttle: new UnlockThrottle(
        () => this.services.ledger.paths.throttle,
        () => this.services.failureDelayBaseMs,
        () => this.services.clock.now().getTime(),
      ),
      grants: new FileGrants(() => protectedPlaceOf(this.services.ledger.paths.dir, this.services.ledger.ownFiles())),
      sealUpgrades: opts.sealUpgrades ?? SEAL_UPGRADES,
      sealedColumns: opts.sealedColumns ?? SEALED_COLUMNS,
      rowBindings: opts.rowBindings ?? ROW_BINDINGS,
      sealedRecordAuditPurposes: SEALED_RECORD_AUDIT_PURPOSES,
      anchorWitnesses: [(db, site) => backupWitness(db, site.ledgerId, site.anchoredUpTo), (db, site) => exportWitness(db, site.zone)],
      appDir: opts.appDir ?? null,
      rotaPlannerPath: opts.rotaPlannerPath ?? null,
    };
  }
  /**
   * The transport's second step for a chooser channel: the user chose `request.path`
   * (in main's dialog, or typed in preview); check it and hand out a handle, or only
   * say what is wrong with it (`checkOnly`, the preview's as-you-type check).
   */
  choose(sessionId: string, request: GrantRequest, checkOnly: boolean): DispatchResult {
    try {
      if (checkOnly) {
        const v = this.services.grants.check(request);
        return { ok: true, value: { problem: v.problem, exists: v.exists, needsReplace: v.needsReplace } };
      }
      return { ok: true, value: { chosen: this.services.grants.issue(sessionId, request) } };
    } catch (e) {
      return { ok: false, error: toWireError(e) };
    }
  }
  call(sessionId: string, channel: Channel, input: unknown, options?: DispatchOptions): Promise<DispatchResult> {
    return dispatch(this.services, sessionId, channel, input, options);
  }
  close(): void {
    this.services.ledger.close();
  }
}
