-- The legacy monolith's one schema, as the old application created it.
CREATE TABLE legacy.shoppers (
    shopper_id  text PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE legacy.products (
    product_id   uuid PRIMARY KEY,
    sku          text NOT NULL UNIQUE,
    name         text NOT NULL,
    description  text NOT NULL,
    price_cents  bigint NOT NULL CHECK (price_cents >= 0),
    currency     char(3) NOT NULL DEFAULT 'USD',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- reserved is held stock not yet sold; the monolith itself sells straight from on_hand.
CREATE TABLE legacy.stock_levels (
    product_id  uuid PRIMARY KEY REFERENCES legacy.products (product_id),
    on_hand     integer NOT NULL CHECK (on_hand >= 0),
    reserved    integer NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE legacy.carts (
    cart_id     uuid PRIMARY KEY,
    shopper_id  text REFERENCES legacy.shoppers (shopper_id),
    status      text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CHECKED_OUT')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX carts_shopper_idx ON legacy.carts (shopper_id);

CREATE TABLE legacy.cart_items (
    cart_id     uuid NOT NULL REFERENCES legacy.carts (cart_id) ON DELETE CASCADE,
    product_id  uuid NOT NULL REFERENCES legacy.products (product_id),
    quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, product_id)
);

-- PCI: only the gateway token, brand, last4 and expiry are stored; never the card number or CVC.
CREATE TABLE legacy.payment_methods (
    payment_method_id  uuid PRIMARY KEY,
    shopper_id         text REFERENCES legacy.shoppers (shopper_id),
    gateway_token      text NOT NULL,
    brand              text NOT NULL,
    last4              char(4) NOT NULL,
    exp_month          integer NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year           integer NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- A priced snapshot of the cart the shopper agreed to; completing the checkout sells exactly these lines.
CREATE TABLE legacy.checkout_sessions (
    checkout_session_id  uuid PRIMARY KEY,
    cart_id              uuid NOT NULL REFERENCES legacy.carts (cart_id),
    shopper_id           text,
    payment_method_id    uuid NOT NULL REFERENCES legacy.payment_methods (payment_method_id),
    shipping_address     jsonb NOT NULL,
    lines                jsonb NOT NULL,
    subtotal_cents       bigint NOT NULL,
    shipping_cents       bigint NOT NULL,
    total_cents          bigint NOT NULL,
    currency             char(3) NOT NULL,
    status               text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'COMPLETED', 'FAILED')),
    failure_code         text,
    order_id             uuid,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE legacy.orders (
    order_id             uuid PRIMARY KEY,
    checkout_session_id  uuid NOT NULL UNIQUE REFERENCES legacy.checkout_sessions (checkout_session_id),
    cart_id              uuid NOT NULL REFERENCES legacy.carts (cart_id),
    shopper_id           text,
    status               text NOT NULL CHECK (status IN ('CONFIRMED', 'REFUNDED')),
    subtotal_cents       bigint NOT NULL,
    shipping_cents       bigint NOT NULL,
    total_cents          bigint NOT NULL,
    currency             char(3) NOT NULL,
    shipping_address     jsonb NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_shopper_idx ON legacy.orders (shopper_id, created_at DESC);

CREATE TABLE legacy.order_lines (
    order_id          uuid NOT NULL REFERENCES legacy.orders (order_id) ON DELETE CASCADE,
    line_no           integer NOT NULL,
    product_id        uuid NOT NULL REFERENCES legacy.products (product_id),
    product_name      text NOT NULL,
    quantity          integer NOT NULL CHECK (quantity > 0),
    unit_price_cents  bigint NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE legacy.payments (
    payment_id           uuid PRIMARY KEY,
    checkout_session_id  uuid NOT NULL REFERENCES legacy.checkout_sessions (checkout_session_id),
    order_id             uuid REFERENCES legacy.orders (order_id),
    payment_method_id    uuid NOT NULL REFERENCES legacy.payment_methods (payment_method_id),
    amount_cents         bigint NOT NULL,
    refunded_cents       bigint NOT NULL DEFAULT 0,
    currency             char(3) NOT NULL,
    status               text NOT NULL CHECK (status IN ('CAPTURED', 'DECLINED', 'REFUNDED')),
    gateway_reference    text,
    decline_code         text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_order_idx ON legacy.payments (order_id);

-- The stored answer to a checkout completion, so a retried request gets the very same response.
CREATE TABLE legacy.idempotency_keys (
    idempotency_key      text PRIMARY KEY,
    checkout_session_id  uuid NOT NULL,
    status_code          integer NOT NULL,
    response_body        text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now()
);
