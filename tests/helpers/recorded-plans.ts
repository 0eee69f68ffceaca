/**
 * Query plans of the very statements a function runs: `recording(db)` gives a
 * handle that remembers every statement prepared through it with the
 * parameters it ran with; `recordedPlan` explains one of them as it ran.
 */
import type { Database } from '../../electron/core/db/types';

export interface Recorded {
  sql: string;
  params: unknown;
}

/** A handle that remembers every statement prepared through it, with the parameters it ran with. */
export function recording(db: Database): { spy: Database; seen: Recorded[] } {
  const seen: Recorded[] = [];
  const spy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const remember = (params: unknown) => seen.push({ sql, params: params ?? {} });
          const proxy: typeof stmt = new Proxy(stmt, {
            get(s, p) {
              const v: unknown = Reflect.get(s, p);
              if ((p === 'all' || p === 'get') && typeof v === 'function')
                return (...args: unknown[]) => (remember(args[0]), (v as (...x: unknown[]) => unknown).apply(s, args));
              // raw(), pluck()… return the statement itself: hand back the recording one.
              if (typeof v === 'function')
                return (...args: unknown[]) => {
                  const out = (v as (...a: unknown[]) => unknown).apply(s, args);
                  return out === s ? proxy : out;
                };
              return v;
            },
          });
          return proxy;
        };
      }
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { spy, seen };
}

/** The plan of a recorded statement with the parameters it ran with, as one line. */
export function recordedPlan(db: Database, { sql, params }: Recorded): string {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const defined = Object.fromEntries(Object.entries(params as Record<string, unknown>).filter(([, v]) => v !== undefined));
  // A statement without parameters refuses a parameter object.
  const rows = (sql.includes('@') ? stmt.all(defined) : stmt.all()) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

/** The one recorded statement containing `fragment` (fails when none or several do). */
export function recordedWith(seen: readonly Recorded[], fragment: string): Recorded {
  const hits = seen.filter((s) => s.sql.includes(fragment));
  const distinct = new Set(hits.map((h) => h.sql));
  if (distinct.size !== 1) throw new Error(`${distinct.size} statements contain ${fragment}`);
  return hits[0]!;
}
