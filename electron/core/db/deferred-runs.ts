/**
 * INSERTs run back to back, a few hundred at a time, instead of one between every two rows' JavaScript
 * (a large import's commit: io/import/README.md, session 21). The same statements in the same order and
 * the same transaction; only when they run moves. Measured: SQLite and its page cipher took ≈ 40 % more CPU
 * for the commit's statements than for the bare INSERT's identical ones while each row's JavaScript ran
 * between them (session 20), and the commit of 20,000 cases rows ≈ 13 % less CPU with them queued (session 21).
 *
 * `deferringRuns(db)` answers a stand-in for the connection. A statement prepared through it runs as
 * before, except that a caller may hand it to `runDeferred`, which queues the run: only a caller that
 * needs nothing back (no lastInsertRowid, no changes) and knows the row cannot conflict (an id the
 * caller counts on, checked free by the ledger's stamp) may. Whatever else runs on the stand-in (any
 * statement, pragma, exec, transaction) first runs the queue, so every read sees every row written
 * before it; `finish()` runs what is left and must be called before the transaction commits. Statements
 * run on the connection itself (not through the stand-in) do not see queued rows: only tables nobody
 * reads there (the audit's own) may be written that way meanwhile.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { WriteDb } from './types';

/** Runs queued before they are run together: a few hundred rows' INSERTs (measured at 600 for the cases import). */
export const DEFERRED_RUNS = 600;

interface Queue {
  statements: Statement[];
  params: unknown[][];
  limit: number;
}

/** A stand-in statement's queue and the statement itself (what the queue runs, not the stand-in). */
const standIns = new WeakMap<object, { q: Queue; stmt: Statement }>();

function runQueued(q: Queue): void {
  const { statements, params } = q;
  const n = statements.length;
  q.statements = [];
  q.params = [];
  for (let i = 0; i < n; i++) statements[i]!.run(...params[i]!);
}

/**
 * `target` whose every method runs the queue first; `answer` maps what a method returned (the connection's prepare:
 * a statement stand-in; a statement's pluck(), raw(), bind(), which return the statement: its stand-in).
 */
function runningQueueFirst<T extends object>(target: T, q: Queue, answer: (key: string | symbol, out: unknown) => unknown): T {
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (q.statements.length > 0) runQueued(q);
        return answer(key, (value as (...a: unknown[]) => unknown).apply(t, args));
      };
    },
  });
}

function statementStandIn(stmt: Statement, q: Queue): Statement {
  const proxy: Statement = runningQueueFirst(stmt, q, (_, out) => (out === stmt ? proxy : out));
  standIns.set(proxy, { q, stmt });
  return proxy;
}

export interface DeferringDb {
  db: WriteDb;
  /** Runs what is still queued. A throw before it leaves the queue unrun, and the transaction is rolled back. */
  finish: () => void;
}

export function deferringRuns(db: WriteDb, limit = DEFERRED_RUNS): DeferringDb {
  const q: Queue = { statements: [], params: [], limit };
  const standIn = runningQueueFirst(db, q, (key, out) => (key === 'prepare' ? statementStandIn(out as Statement, q) : out));
  return { db: standIn, finish: () => runQueued(q) };
}

/**
 * `stmt.run(...params)`, queued when `stmt` was prepared through a deferring stand-in (see the module comment for
 * who may call it), else run now. Either way nothing is answered: a caller that needs the run's result does not call this.
 */
export function runDeferred(stmt: Statement, ...params: unknown[]): void {
  const known = standIns.get(stmt);
  if (known === undefined) {
    stmt.run(...params);
    return;
  }
  const { q } = known;
  q.statements.push(known.stmt);
  q.params.push(params);
  if (q.statements.length >= q.limit) runQueued(q);
}
