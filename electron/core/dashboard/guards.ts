/**
 * Which capabilities this ledger has: a tile appears only where the tables
 * behind it exist, so the dashboard works on a ledger from any version.
 */
import type { ReadDb } from '../db/types';

export interface Capabilities {
  caseload: boolean;
  coverage: boolean;
  supplies: boolean;
  rota: boolean;
  honours: boolean;
  reports: boolean;
}

const NEEDS: Record<keyof Capabilities, readonly string[]> = {
  caseload: ['cases', 'residents', 'health_checks', 'care_tasks', 'care_visits'],
  coverage: ['households', 'grids', 'zero_reports'],
  supplies: ['supply_items', 'supply_movements', 'supply_deliveries'],
  rota: ['rota_posts', 'rota_post_shifts', 'rota_assignments'],
  honours: ['honours_memorials', 'honours_reports', 'honours_visits', 'honours_difficulties'],
  reports: ['report_schedules', 'export_log'],
};

export function capabilities(db: ReadDb): Capabilities {
  const present = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name));
  const has = (k: keyof Capabilities) => NEEDS[k].every((t) => present.has(t));
  return {
    caseload: has('caseload'),
    coverage: has('coverage'),
    supplies: has('supplies'),
    rota: has('rota'),
    honours: has('honours'),
    reports: has('reports'),
  };
}
