import type { ReadDb, WriteDb } from '../db/types';
import type { Community, Grid } from './contract';

const COMMUNITY_SELECT = `
  SELECT c.id, c.name, c.kind, c.households, c.population,
         (SELECT count(*) FROM grids g WHERE g.community_id = c.id) AS gridCount
  FROM communities c`;

export function listCommunities(db: ReadDb): Community[] {
  return db.prepare(`${COMMUNITY_SELECT} ORDER BY c.id`).all() as Community[];
}

export function getCommunity(db: ReadDb, id: number): Community | undefined {
  return db.prepare(`${COMMUNITY_SELECT} WHERE c.id = @id`).get({ id }) as Community | undefined;
}

export function findCommunityByName(db: ReadDb, name: string): Community | undefined {
  return db.prepare(`${COMMUNITY_SELECT} WHERE c.name = @name`).get({ name }) as Community | undefined;
}

type CommunityFields = Omit<Community, 'id' | 'gridCount'>;

export function insertCommunity(db: WriteDb, c: CommunityFields, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO communities (name, kind, households, population, created_at, updated_at) VALUES (@name, @kind, @households, @population, @now, @now)`,
      )
      .run({ ...c, now: nowIso }).lastInsertRowid,
  );
}

export function updateCommunity(db: WriteDb, id: number, c: CommunityFields, nowIso: string): void {
  db.prepare(`UPDATE communities SET name = @name, kind = @kind, households = @households, population = @population, updated_at = @now WHERE id = @id`).run({
    ...c,
    id,
    now: nowIso,
  });
}

const GRID_SELECT = `
  SELECT g.id, g.community_id AS communityId, c.name AS communityName, g.name, g.households, g.population
  FROM grids g JOIN communities c ON c.id = g.community_id`;

export function listGrids(db: ReadDb, communityId?: number): Grid[] {
  return communityId
    ? (db.prepare(`${GRID_SELECT} WHERE g.community_id = @communityId ORDER BY g.id`).all({ communityId }) as Grid[])
    : (db.prepare(`${GRID_SELECT} ORDER BY g.community_id, g.id`).all() as Grid[]);
}

export function getGrid(db: ReadDb, id: number): Grid | undefined {
  return db.prepare(`${GRID_SELECT} WHERE g.id = @id`).get({ id }) as Grid | undefined;
}

/**
 * Whether anything is recorded in the grid: households (their residents, cases and visits carry the grid and its
 * community as copies), cases, zero reports, or a household's move from or to it (071: coverage of an earlier day
 * counts the household on that line), or an open case's move with its person (074: the forms of an earlier period
 * list the case on that line). Each is found on its grid index; the two moves tables have none (a few rows a week).
 */
export function gridInUse(db: ReadDb, gridId: number): boolean {
  return (
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM households WHERE grid_id = @gridId) OR EXISTS (SELECT 1 FROM cases WHERE grid_id = @gridId)
             OR EXISTS (SELECT 1 FROM zero_reports WHERE grid_id = @gridId)
             OR EXISTS (SELECT 1 FROM household_moves WHERE from_grid_id = @gridId OR to_grid_id = @gridId)
             OR EXISTS (SELECT 1 FROM case_moves WHERE from_grid_id = @gridId OR to_grid_id = @gridId)`,
      )
      .pluck()
      .get({ gridId }) === 1
  );
}

type GridFields = Pick<Grid, 'communityId' | 'name' | 'households' | 'population'>;

export function insertGrid(db: WriteDb, g: GridFields, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO grids (community_id, name, households, population, created_at, updated_at) VALUES (@communityId, @name, @households, @population, @now, @now)`,
      )
      .run({ ...g, now: nowIso }).lastInsertRowid,
  );
}

export function updateGrid(db: WriteDb, id: number, g: GridFields, nowIso: string): void {
  db.prepare(
    `UPDATE grids SET community_id = @communityId, name = @name, households = @households, population = @population, updated_at = @now WHERE id = @id`,
  ).run({
    ...g,
    id,
    now: nowIso,
  });
}
