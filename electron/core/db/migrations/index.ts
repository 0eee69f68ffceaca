/**
 * Every migration, in order. To add one: write NNN_what.sql beside this file
 * (additive: new tables, new columns, new indexes) and add one line here.
 * Never edit a migration that has shipped.
 */
import m001 from './001_foundation.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'foundation', sql: m001 }];
