-- A month's claim may be incomplete: lines needing a figure the ARRS rule set marks unknown are kept apart,
-- counted in no total. Claims stored before this could not be incomplete (such months were refused).
ALTER TABLE monthly_claim ADD COLUMN complete BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE monthly_claim ADD COLUMN unavailable_lines TEXT NOT NULL DEFAULT '[]';
