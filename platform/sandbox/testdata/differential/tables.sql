-- A table of every common column type, written and read back.
-- setup
CREATE TABLE diff_t (id bigint PRIMARY KEY, i int, s smallint, r real, d double precision, n numeric(12,4), t text, v varchar(20), b boolean, dt date, ts timestamp, tz timestamptz, tm time, iv interval, u uuid, j json, bin bytea)
INSERT INTO diff_t VALUES (1, 10, 1, 1.25, 2.5, 1234.5678, 'alpha', 'x', true, '2024-01-31', '2024-01-31 10:11:12', '2024-01-31 10:11:12.5+00', '10:11:12', '1 day 2 hours', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"k": "v"}', '\x00ff')
INSERT INTO diff_t VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
INSERT INTO diff_t VALUES (3, -5, -2, -0.5, -1e-7, -0.0001, 'it''s "q"', '', false, '1999-12-31', '1999-12-31 23:59:59.999', '2000-06-15 00:00:00+02', '23:59:59', '-1 mons', '00000000-0000-0000-0000-000000000000', '[]', NULL)
-- compare
SELECT id, i, s, r, d, n FROM diff_t ORDER BY id
SELECT id, t, b, dt, ts FROM diff_t ORDER BY id
SELECT id, tz, tm, iv, u FROM diff_t ORDER BY id
SELECT id, bin FROM diff_t ORDER BY id
SELECT count(*), count(i), sum(i), min(t), max(dt) FROM diff_t
SELECT id, i * 2 AS dbl, i + s AS sm, -i AS neg, abs(i) FROM diff_t ORDER BY id
SELECT id FROM diff_t WHERE t LIKE 'al%' OR t ILIKE 'IT%' ORDER BY id
SELECT id FROM diff_t WHERE i BETWEEN -10 AND 10 ORDER BY id
SELECT id FROM diff_t WHERE id IN (1, 3) ORDER BY id DESC
SELECT id, i FROM diff_t ORDER BY i NULLS FIRST
SELECT id, i FROM diff_t ORDER BY i DESC NULLS LAST LIMIT 2 OFFSET 1
SELECT id, row_number() OVER (ORDER BY id), rank() OVER (ORDER BY b) FROM diff_t ORDER BY id
SELECT b, count(*) FROM diff_t GROUP BY b ORDER BY b
SELECT bool_and(b), bool_or(b) FROM diff_t
SELECT string_agg(t, ',' ORDER BY id) FROM diff_t
SELECT array_agg(id ORDER BY id) FROM diff_t
WITH x AS (SELECT id FROM diff_t WHERE id > 1) SELECT count(*) FROM x
SELECT id, dt + 1 AS next_day, dt - DATE '1999-01-01' AS days FROM diff_t WHERE dt IS NOT NULL ORDER BY id
SELECT id, ts - TIMESTAMP '1999-01-01' AS since FROM diff_t WHERE ts IS NOT NULL ORDER BY id
SELECT id, extract(year FROM ts) AS y, date_trunc('month', ts) AS m FROM diff_t WHERE ts IS NOT NULL ORDER BY id
SELECT id, tz AT TIME ZONE 'UTC' AS local FROM diff_t WHERE tz IS NOT NULL ORDER BY id
SELECT id, n::text, d::text, b::text FROM diff_t ORDER BY id
SELECT id, coalesce(t, 'none') FROM diff_t ORDER BY id
SELECT id, upper(t), length(t), substring(t FROM 2 FOR 3), position('l' IN t) FROM diff_t ORDER BY id
SELECT id, round(n, 1), round(d::numeric, 2) FROM diff_t ORDER BY id
SELECT j->>'k' AS k FROM diff_t WHERE id = 1
-- Writes and their command tags.
INSERT INTO diff_t (id, t) VALUES (10, 'ten') RETURNING id, t
UPDATE diff_t SET t = 'TEN' WHERE id = 10
UPDATE diff_t SET t = 'none' WHERE id = 999
DELETE FROM diff_t WHERE id = 10 RETURNING id
INSERT INTO diff_t (id) VALUES (1)
INSERT INTO diff_t (id) VALUES (11) ON CONFLICT (id) DO NOTHING
INSERT INTO diff_t (id, t) VALUES (11, 'x') ON CONFLICT (id) DO UPDATE SET t = excluded.t
SELECT id, t FROM diff_t WHERE id = 11
DELETE FROM diff_t WHERE id = 11
-- Constraints.
-- setup
CREATE TABLE diff_parent (id int PRIMARY KEY)
CREATE TABLE diff_child (id int PRIMARY KEY, parent int REFERENCES diff_parent (id), qty int CHECK (qty > 0), name text NOT NULL DEFAULT 'x')
INSERT INTO diff_parent VALUES (1)
-- compare
INSERT INTO diff_child VALUES (1, 2, 1, 'a')
INSERT INTO diff_child VALUES (1, 1, 0, 'a')
INSERT INTO diff_child (id, parent, qty, name) VALUES (1, 1, 1, NULL)
INSERT INTO diff_child (id, parent, qty) VALUES (1, 1, 1)
SELECT id, parent, qty, name FROM diff_child
DROP TABLE no_such_table
DROP TABLE IF EXISTS no_such_table
CREATE TABLE IF NOT EXISTS diff_parent (id int)
SELECT * FROM diff_parent
-- Keywords DuckDB reserves and PostgreSQL does not.
CREATE TABLE diff_kw (by int)
-- A string literal stored into a bytea column without a cast.
INSERT INTO diff_t (id, bin) VALUES (20, '\x00ff')
SELECT bin FROM diff_t WHERE id = 20
