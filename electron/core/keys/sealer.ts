/**
 * The sealer areas use (sealing with the sensitive key). It is defined in
 * db/sealer.ts because the ledger (db/ledger.ts) holds it while unlocked and
 * db/ must not import keys/ (keys/ builds on db/: rotation, key history,
 * sealing upgrades); areas keep importing it from here.
 */
export { INDEX_BYTES, isSealed, makeSealer, type Sealer } from '../db/sealer';
