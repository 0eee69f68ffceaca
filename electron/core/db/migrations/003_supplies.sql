-- Supplies (防控物资): items, an append-only movement ledger per store, expected deliveries.
-- A store is the street office's own store (store_id = 0) or a community's (store_id = communities.id).
-- Stock is never stored: it is the sum of a store's movements, so the ledger is the single truth.
CREATE TABLE supply_items (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  unit        TEXT NOT NULL,
  pack_size   INTEGER NOT NULL DEFAULT 1 CHECK (pack_size BETWEEN 1 AND 100000),
  safety_days INTEGER NOT NULL DEFAULT 7 CHECK (safety_days BETWEEN 0 AND 365),
  preset      INTEGER NOT NULL DEFAULT 0 CHECK (preset IN (0, 1)),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order  INTEGER NOT NULL DEFAULT 100,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

INSERT INTO supply_items (name, unit, pack_size, safety_days, preset, sort_order, created_at, updated_at) VALUES
  ('口罩', '只', 50, 7, 1, 10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('防护服', '套', 10, 7, 1, 20, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('消毒液', '瓶', 12, 10, 1, 30, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('非接触式体温计', '个', 1, 14, 1, 40, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('医用手套', '副', 100, 7, 1, 50, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('护目镜', '副', 20, 10, 1, 60, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- kind: receipt (入库), issue (出库 to a post or team), transfer_out / transfer_in (调拨, two rows
-- sharing transfer_group), count (盘点: delta = counted - book), reversal (冲销 of reverses_id).
CREATE TABLE supply_movements (
  id              INTEGER PRIMARY KEY,
  day             TEXT NOT NULL,
  item_id         INTEGER NOT NULL REFERENCES supply_items (id),
  store_id        INTEGER NOT NULL CHECK (store_id >= 0),
  kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'transfer_out', 'transfer_in', 'count', 'reversal')),
  delta           INTEGER NOT NULL,
  source_kind     TEXT CHECK (source_kind IN ('upstream', 'donation', 'purchase')),
  party           TEXT NOT NULL DEFAULT '',
  other_store_id  INTEGER,
  transfer_group  INTEGER,
  counted         INTEGER CHECK (counted IS NULL OR counted >= 0),
  book_before     INTEGER,
  reverses_id     INTEGER REFERENCES supply_movements (id),
  delivery_id     INTEGER,
  note            TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL
);
-- The movement list of one store (and item), sorted by day (the rowid trails, so day + id needs no sort).
CREATE INDEX supply_movements_by_store_item ON supply_movements (store_id, item_id, day);
-- Stock per store and item: a covering index for sum(delta).
CREATE INDEX supply_movements_stock ON supply_movements (store_id, item_id, delta);
-- Burn-rate windows and the movement list sorted by day across all stores.
CREATE INDEX supply_movements_by_day ON supply_movements (day, id);
CREATE INDEX supply_movements_by_item_day ON supply_movements (item_id, day);
CREATE UNIQUE INDEX supply_movements_reversal ON supply_movements (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX supply_movements_by_group ON supply_movements (transfer_group) WHERE transfer_group IS NOT NULL;

-- Movements are never edited, only reversed by a new movement.
CREATE TRIGGER supply_movements_no_update BEFORE UPDATE ON supply_movements
BEGIN SELECT RAISE(ABORT, 'supply movements are never edited; book a reversal'); END;
CREATE TRIGGER supply_movements_no_delete BEFORE DELETE ON supply_movements
BEGIN SELECT RAISE(ABORT, 'supply movements are never deleted; book a reversal'); END;
-- store_id 0 is the office store; any other must be a community.
CREATE TRIGGER supply_movements_store_exists BEFORE INSERT ON supply_movements
WHEN NEW.store_id <> 0 AND NOT EXISTS (SELECT 1 FROM communities WHERE id = NEW.store_id)
BEGIN SELECT RAISE(ABORT, 'unknown supply store'); END;

-- Deliveries the office expects (上级调拨、采购到货): they decide whether stock lasts until then.
CREATE TABLE supply_deliveries (
  id           INTEGER PRIMARY KEY,
  item_id      INTEGER NOT NULL REFERENCES supply_items (id),
  store_id     INTEGER NOT NULL CHECK (store_id >= 0),
  expected_day TEXT NOT NULL,
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  source       TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'received', 'cancelled')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX supply_deliveries_open ON supply_deliveries (status, store_id, item_id, expected_day);
