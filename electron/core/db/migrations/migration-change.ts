/** A user's record a migration changed: the columns it changed, before and after (audited: db/migrate.ts). */
export interface MigrationChange {
  entity: string;
  entityId: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}
