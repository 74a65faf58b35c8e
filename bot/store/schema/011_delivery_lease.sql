-- Leases on outbox rows (bot/store/ports.py): who claimed a row and until when (unix seconds).
ALTER TABLE deliveries ADD COLUMN owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until REAL;
