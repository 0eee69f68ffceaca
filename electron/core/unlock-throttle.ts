/**
 * Wrong passwords slow the next guess down, and parallel guesses cannot skip
 * the wait:
 *  - every unlock (and recovery) attempt runs one at a time, for all users;
 *  - after a failure the name has a delay (base, 2×base, 4×base … capped at a
 *    minute); attempts for that name while it runs are refused at once with
 *    LOCKED and the seconds left, before any scrypt is run. Failures across
 *    all names in a row (someone trying names) give every name a delay too;
 *  - the counts live in `taizhang.throttle.json` beside the keyring, so a
 *    restart neither forgets them nor resets the delay, and they are written
 *    to the audit log at the next successful unlock (the ledger is closed
 *    while they happen, so there is nowhere safer to write them before).
 * The file cannot be signed while the ledger is locked (no key), so it is
 * tamper-evident instead: each unlock starts a new epoch, recorded in the
 * encrypted database and MAC'd with a key derived from the database key. A
 * deleted, replaced or older file is noticed and audited at the next unlock.
 * No channel can write into the ledger folder (fs-guard), so only someone
 * with the files themselves could lower a count, and they could run scrypt
 * offline anyway.
 */
import { usernameKey } from './auth/username.shared';
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from './errors';
import { writeFileAtomic } from './fs-atomic';

export const MAX_DELAY_MS = 60_000;
/** The meta key holding the failure file's current epoch inside the encrypted database. */
export const THROTTLE_EPOCH = 'throttle_epoch';
/** Failures in a row across all names before every name waits too. */
const GLOBAL_GRACE = 2;
const ALL_NAMES = '*';
/** Where the failures of names pushed out of the file go, so the next unlock still audits every one (no real account can have this name). */
const OTHER_NAMES = '（其他账号名合计）';
const MAX_NAMES = 200;
const MAX_TIMES = 50;

export function failureDelayMs(base: number, failures: number): number {
  return Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, failures - 1));
}

export interface FailureRecord {
  count: number;
  /** When the failures happened (office clock, UTC ISO), newest last. */
  times: string[];
  /** How many of `count` are already in the audit log. */
  audited: number;
}

interface ThrottleFile {
  format: 'taizhang-throttle';
  version: 1;
  epoch: string;
  /** HMAC of the epoch with a key derived from the database key: written only by someone who had it. */
  mac: string;
  names: Record<string, FailureRecord>;
}

export interface ThrottleCheck {
  /** Failures not yet audited, per name (lower-cased; '*' left out). */
  unaudited: Array<{ name: string; count: number; times: string[] }>;
  /** The file was missing, replaced or altered since the last unlock. */
  tampered: string | null;
}

function isFailureRecord(r: unknown): r is FailureRecord {
  if (typeof r !== 'object' || r === null) return false;
  const { count, times, audited } = r as Partial<FailureRecord>;
  return Number.isInteger(count) && Number.isInteger(audited) && Array.isArray(times) && times.every((at) => typeof at === 'string');
}

/** The key the failure file's epoch is MAC'd with, derived from the database key. */
export function throttleKeyOf(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'taizhang-throttle', 32));
}

const macOf = (key: Buffer, epoch: string): string => createHmac('sha256', key).update('taizhang-throttle:').update(epoch).digest('hex');
/** One count per account, however its name is typed (auth/username.shared.ts). */
const keyOf = (name: string): string => usernameKey(name);

export class UnlockThrottle {
  private queue: Promise<unknown> = Promise.resolve();
  /** Monotonic time (performance.now) until which a name's delay runs. */
  private readonly pending = new Map<string, number>();

  /** The file whose running delays were taken over after a restart (see `resume`). */
  private resumedFor: string | null = null;

  constructor(
    /** The open ledger's throttle file (the ledger folder can change: 打开另一个台账). */
    private readonly fileOf: () => string,
    private readonly baseMs: () => number,
    /** The office clock (ms since the epoch), to tell how much of a delay recorded before a restart is left. */
    private readonly wallNowMs: () => number = () => Date.now(),
  ) {}

  private path(): string {
    return this.fileOf();
  }

  private read(): ThrottleFile | null {
    const p = this.path();
    if (!existsSync(p)) return null;
    try {
      const f = JSON.parse(readFileSync(p, 'utf8')) as Partial<ThrottleFile>;
      if (f.format !== 'taizhang-throttle' || typeof f.epoch !== 'string' || typeof f.mac !== 'string' || typeof f.names !== 'object' || f.names === null)
        return null;
      // Every record too: one flipped byte in a record ("times" → "tiMes") made every sign-in answer INTERNAL (session 19
      // attack run, T1). A file with a record that is not one cannot be read: noticed and audited like a missing file.
      if (!Object.values(f.names).every(isFailureRecord)) return null;
      return f as ThrottleFile;
    } catch {
      return null;
    }
  }

  /** Runs one attempt after every earlier one has finished; refuses at once while this name (or every name) must wait. */
  attempt<T>(name: string, run: () => Promise<T> | T): Promise<T> {
    this.resume();
    this.refuseWhileWaiting(name);
    const turn = this.queue.then(() => {
      // A guess queued behind one that just failed waits like any other.
      this.refuseWhileWaiting(name);
      return run();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * After a restart (or on another ledger's file): the delays that were running when the last
   * failures happened, from their times in the file. Never longer than the delay itself, so a
   * clock set back cannot lock anyone out for longer (second attack run: a restart cut the wait short).
   */
  private resume(): void {
    const path = this.path();
    if (this.resumedFor === path) return;
    this.resumedFor = path;
    const file = this.read();
    if (!file) return;
    const now = performance.now();
    const wall = this.wallNowMs();
    for (const [k, r] of Object.entries(file.names)) {
      const failures = k === ALL_NAMES ? r.count - GLOBAL_GRACE + 1 : r.count;
      const last = Date.parse(r.times[r.times.length - 1] ?? '');
      if (k === OTHER_NAMES || (k === ALL_NAMES && r.count <= GLOBAL_GRACE) || failures < 1 || !Number.isFinite(last)) continue;
      const delay = failureDelayMs(this.baseMs(), failures);
      const left = Math.min(delay, last + delay - wall);
      if (left > 0) this.pending.set(k, Math.max(this.pending.get(k) ?? 0, now + left));
    }
  }

  private refuseWhileWaiting(name: string): void {
    const now = performance.now();
    const until = Math.max(this.pending.get(keyOf(name)) ?? 0, this.pending.get(ALL_NAMES) ?? 0);
    if (until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      throw new AppError('LOCKED', `密码输错次数较多，请 ${seconds} 秒后再试。`, { secondsLeft: seconds });
    }
  }

  /** Counts a failure (persisted before the reply) and returns how long to wait before answering. */
  fail(name: string, atIso: string): number {
    const file = this.read() ?? { format: 'taizhang-throttle', version: 1, epoch: '', mac: '', names: {} };
    const bump = (k: string): number => {
      const r = file.names[k] ?? { count: 0, times: [], audited: 0 };
      r.count += 1;
      r.times = [...r.times, atIso].slice(-MAX_TIMES);
      file.names[k] = r;
      return r.count;
    };
    const mine = bump(keyOf(name));
    const all = bump(ALL_NAMES);
    const names = Object.keys(file.names);
    // Someone trying thousands of made-up names must not grow the file without end: the names with the fewest
    // failures go first (oldest first among equals), and what they had not yet audited is kept in one record,
    // so a flood of names cannot push a real account's failures out before the next unlock audits them.
    if (names.length > MAX_NAMES) {
      const victims = names
        .filter((n) => n !== ALL_NAMES && n !== OTHER_NAMES && n !== keyOf(name))
        .map((n, order) => ({ n, order, count: file.names[n]!.count }))
        .sort((a, b) => a.count - b.count || a.order - b.order)
        .slice(0, names.length - MAX_NAMES + (file.names[OTHER_NAMES] ? 0 : 1));
      const others = file.names[OTHER_NAMES] ?? { count: 0, times: [], audited: 0 };
      for (const { n } of victims) {
        const r = file.names[n]!;
        const open = r.count - r.audited;
        others.count += open;
        others.times = [...others.times, ...(open > 0 ? r.times.slice(-open) : [])].sort().slice(-MAX_TIMES);
        delete file.names[n];
      }
      file.names[OTHER_NAMES] = others;
    }
    writeFileAtomic(this.path(), JSON.stringify(file, null, 2));
    const delay = failureDelayMs(this.baseMs(), mine);
    const now = performance.now();
    this.pending.set(keyOf(name), now + delay);
    // Beyond the grace, every name waits twice what a single name would: trying a fresh name does not help.
    if (all > GLOBAL_GRACE) this.pending.set(ALL_NAMES, now + failureDelayMs(this.baseMs(), all - GLOBAL_GRACE + 1));
    return delay;
  }

  /** After a key rotation: the same epoch, MAC'd under the new database key, if the file was intact under the old one. */
  remac(oldDbKey: Buffer, newDbKey: Buffer): void {
    const file = this.read();
    if (!file) return;
    const oldMac = macOf(throttleKeyOf(oldDbKey), file.epoch);
    if (file.mac !== oldMac) return;
    writeFileAtomic(this.path(), JSON.stringify({ ...file, mac: macOf(throttleKeyOf(newDbKey), file.epoch) }, null, 2));
  }

  /**
   * After a successful unlock: what to audit, whether the file was tampered
   * with, and a fresh epoch (this name's count and the run across names reset).
   * `lastEpoch` is the epoch the database remembers (null for a ledger that has none yet).
   */
  succeed(name: string, key: Buffer, lastEpoch: string | null): ThrottleCheck & { epoch: string } {
    const file = this.read();
    let tampered: string | null = null;
    if (lastEpoch !== null) {
      if (!file) tampered = '失败记录文件（taizhang.throttle.json）不见了或无法读取';
      else if (
        file.epoch !== lastEpoch ||
        !timingSafeEqual(Buffer.from(file.mac.padEnd(64, '0').slice(0, 64), 'hex'), Buffer.from(macOf(key, lastEpoch), 'hex'))
      )
        tampered = '失败记录文件（taizhang.throttle.json）被替换或改动过';
    }
    const names = file?.names ?? {};
    const unaudited = Object.entries(names)
      .filter(([n, r]) => n !== ALL_NAMES && r.count > r.audited)
      .map(([n, r]) => ({ name: n, count: r.count - r.audited, times: r.times.slice(-(r.count - r.audited)) }));
    for (const r of Object.values(names)) r.audited = r.count;
    delete names[keyOf(name)];
    delete names[ALL_NAMES];
    this.pending.delete(keyOf(name));
    this.pending.delete(ALL_NAMES);
    const epoch = randomUUID();
    const next: ThrottleFile = { format: 'taizhang-throttle', version: 1, epoch, mac: macOf(key, epoch), names };
    writeFileAtomic(this.path(), JSON.stringify(next, null, 2));
    return { unaudited, tampered, epoch };
  }
}

/**
 * Waits at least `ms` by the monotonic clock the delays are kept on: a timer can fire a
 * millisecond early, and an answer sent before the delay ran out would have the very next
 * attempt refused as still waiting.
 */
export async function sleep(ms: number): Promise<void> {
  const end = performance.now() + ms;
  for (let left = ms; left > 0; left = end - performance.now()) await new Promise((r) => setTimeout(r, Math.ceil(left)));
}
