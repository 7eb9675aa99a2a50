-- Stock holds, so legacy can serve the internal stock API as owner (the Inventory module reserves through it) and
-- take a cutover's copy of Inventory's holds. Column names and status names match inventory.reservations and
-- inventory.reservation_lines, so a cutover copies rows between the two sides as they are.
-- legacy.stock_levels.reserved is always the sum of the Held lines of its product.
CREATE TABLE legacy.stock_reservations (
    reservation_id  uuid PRIMARY KEY,
    status          text NOT NULL CHECK (status IN ('Held', 'Committed', 'Released', 'Expired')),
    reference       text,
    release_reason  text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The expiry sweeper's scan: only holds still open.
CREATE INDEX stock_reservations_held_expires_idx ON legacy.stock_reservations (expires_at) WHERE status = 'Held';

CREATE TABLE legacy.stock_reservation_lines (
    reservation_id  uuid NOT NULL REFERENCES legacy.stock_reservations (reservation_id) ON DELETE CASCADE,
    product_id      uuid NOT NULL REFERENCES legacy.stock_levels (product_id),
    quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    PRIMARY KEY (reservation_id, product_id)
);
CREATE INDEX stock_reservation_lines_product_idx ON legacy.stock_reservation_lines (product_id);

-- A sale recorded while Inventory owned stock whose hold is not yet committed at the owner: checkout commits it right
-- after the order, and the stock sweeper retries whatever that left (through the owner gateway, wherever stock is then).
CREATE TABLE legacy.pending_stock_commits (
    reservation_id  uuid PRIMARY KEY,
    order_id        uuid NOT NULL REFERENCES legacy.orders (order_id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text
);
