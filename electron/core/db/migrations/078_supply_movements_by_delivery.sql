-- What has arrived of an expected delivery (supplies/queries.ts DELIVERY_SELECT's `received`, report.ts nextDeliveries):
-- since a delivery may arrive in parts (session 48), each delivery sums the receipts naming it; without this index each
-- sum read every movement of the office. Receipts naming no delivery (most) are left out of it.
CREATE INDEX supply_movements_by_delivery ON supply_movements (delivery_id) WHERE delivery_id IS NOT NULL;
