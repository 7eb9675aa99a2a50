-- Checkout now commits the order with the payment AUTHORIZED and captures after the commit (so a crash can never
-- leave money captured for a sale that was not recorded); a void releases a hold that never became a sale.
ALTER TABLE legacy.payments DROP CONSTRAINT payments_status_check;
ALTER TABLE legacy.payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'));
CREATE INDEX payments_authorized_idx ON legacy.payments (updated_at) WHERE status = 'AUTHORIZED';
