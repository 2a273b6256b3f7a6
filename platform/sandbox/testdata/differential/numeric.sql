-- numeric and decimal without a precision keep every digit, as PostgreSQL's unbounded numeric
-- does (DuckDB's own DECIMAL is DECIMAL(18,3)); numeric(p) and numeric(p,s) up to 38 digits.
SELECT 1.23456::numeric AS n
SELECT CAST(1.23456 AS numeric) AS n
SELECT CAST('1.23456' AS decimal) AS n
SELECT '0.000000001'::numeric AS n
SELECT 1.50::numeric AS a, 2::numeric AS b, -0.5::numeric AS c
SELECT '123456789012345678901234567890.12345678'::numeric AS big
SELECT 12345678901234567890123::numeric AS n
SELECT '1e3'::numeric AS n, '  2.50 '::numeric AS m, '-0.001'::numeric AS neg
SELECT 1.5::float8::numeric AS f, 0.1::float8::numeric AS p
SELECT 1.23456::numeric(10) AS n, 1.23456::numeric(10,4) AS m, 12.5::numeric(38,2) AS w
SELECT 99999999999999999999999999999999999999::numeric(38) AS n
SELECT 1234567890123456789012345678901234567890::numeric AS n
SELECT 19.99::numeric * 12345678.5::numeric AS total
-- setup
CREATE TABLE diff_num (id int, n numeric, p numeric(10), q decimal(12,4))
INSERT INTO diff_num VALUES (1, 1.23456, 7, 1.5), (2, 0.1, 12, 2.25), (3, 12345678901234.5678, 3, 0), (4, 100, -4, -1.0001)
-- compare
SELECT id, n, p, q FROM diff_num ORDER BY id
SELECT CAST(n AS decimal) AS d, n::numeric AS e FROM diff_num ORDER BY id
SELECT sum(n) AS s, sum(q) AS sq, sum(p) AS sp FROM diff_num
SELECT n * 2 AS dbl, n + 1 AS inc, n - q AS diff FROM diff_num ORDER BY id
SELECT n * q AS prod FROM diff_num ORDER BY id
SELECT n * n AS sq FROM diff_num ORDER BY id
SELECT n / 3 AS third FROM diff_num ORDER BY id
SELECT avg(n) AS a FROM diff_num
SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) AS t FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'diff_num'::regclass AND a.attnum > 0 ORDER BY a.attnum
-- setup
INSERT INTO diff_num (id, n) VALUES (10, 123456789012345678901), (11, 12345678901234567890123), (12, 0.123456789012)
INSERT INTO diff_num (id, n, q) VALUES (13, 1.5, 0.12345678901234567890)
INSERT INTO diff_num VALUES (14, -0.1234567890120000, 1, 0.1234567890123)
UPDATE diff_num SET q = 0.00000000000001 WHERE id = 13
-- compare
SELECT id, n, q FROM diff_num WHERE id >= 10 ORDER BY id
-- More decimals than the sandbox's unbounded numeric keeps: refused (22003), not rounded.
INSERT INTO diff_num (id, n) VALUES (20, 0.12345678901234567890)
INSERT INTO diff_num VALUES (21, 0.1234567890123, 1, 1)
UPDATE diff_num SET n = -0.1234567890123 WHERE id = 12
SELECT id, n FROM diff_num WHERE id >= 20 OR id = 12 ORDER BY id
COPY (SELECT id, n FROM diff_num WHERE id < 10 ORDER BY id) TO STDOUT
COPY (SELECT id, n FROM diff_num WHERE id < 10 ORDER BY id) TO STDOUT WITH (FORMAT csv)
-- The session's look-up of a table's columns follows DDL: a double precision column takes
-- the value, the unbounded numeric column of the table re-created under its name refuses it.
-- setup
CREATE TABLE diff_num2 (id int, x double precision)
INSERT INTO diff_num2 VALUES (1, 0.1234567890123)
DROP TABLE diff_num2
CREATE TABLE diff_num2 (id int, x numeric)
-- compare
INSERT INTO diff_num2 VALUES (2, 0.1234567890123)
SELECT count(*) AS n FROM diff_num2
-- Casts of expressions (a wider decimal, text, float8) and what INSERT … SELECT, VALUES
-- expressions and UPDATE … SET expressions write into an unbounded column: PostgreSQL's value
-- when the sandbox's numeric holds it, else 22003; never rounded to 12 decimals.
-- setup
CREATE TABLE diff_num3 (id int, w numeric(30,20), t text, f double precision, r real)
INSERT INTO diff_num3 VALUES (1, 1.25, '2.5', 0.5, 0.5), (2, 0.12345678901234567890, '0.1234567890123456', 0.1, 0.1), (3, -7.00000000000000000001, ' -1e-3 ', 1e-20, 1e-20)
CREATE TABLE diff_num4 (id int, n numeric)
-- compare
SELECT id, w::numeric AS w, t::numeric AS t, f::numeric AS f, r::numeric AS r FROM diff_num3 WHERE id = 1
SELECT f::numeric AS f, r::numeric AS r FROM diff_num3 WHERE id = 2
SELECT CAST(t AS decimal) AS t FROM diff_num3 WHERE id = 3
SELECT w::numeric AS w FROM diff_num3 WHERE id = 2
SELECT t::numeric AS t FROM diff_num3 WHERE id = 2
SELECT w::numeric AS w FROM diff_num3 WHERE id = 3
SELECT f::numeric AS f FROM diff_num3 WHERE id = 3
SELECT (f * 3)::numeric AS f3 FROM diff_num3 WHERE id = 2
SELECT (f / 3)::numeric AS third FROM diff_num3 WHERE id = 2
SELECT (1.0 / 3)::float8::numeric AS third, 1e-20::float8::numeric AS tiny
SELECT id, round(w::numeric, 4) AS r, trunc(w::numeric, 4) AS tr, round(f::numeric, 2) AS rf, round(t::numeric) AS rt FROM diff_num3 WHERE id < 3 ORDER BY id
SELECT round(w::numeric, 19) AS r FROM diff_num3 WHERE id = 3
SELECT round(w::numeric, -1) AS ten, trunc(w::numeric) AS i, round(-f::numeric, 3) AS z FROM diff_num3 WHERE id = 3
SELECT round(avg(f)::numeric, 3) AS a, round(sum(w)::numeric, 6) AS s FROM diff_num3
SELECT round((x / 7.0)::numeric, 5) AS r, round(x::numeric / 8, 1) AS h FROM (VALUES (1), (-1), (22), (-4)) AS v(x) ORDER BY x
SELECT 'abc'::text::numeric AS bad
INSERT INTO diff_num4 SELECT id, w FROM diff_num3 WHERE id = 1
INSERT INTO diff_num4 SELECT id, w FROM diff_num3 WHERE id = 2
INSERT INTO diff_num4 (n, id) SELECT f, 3 FROM diff_num3 WHERE id = 2
INSERT INTO diff_num4 SELECT id + 10, n FROM diff_num4 WHERE id = 1
WITH s AS (SELECT 4 AS id, t::numeric AS n FROM diff_num3 WHERE id = 1) INSERT INTO diff_num4 SELECT * FROM s
INSERT INTO diff_num4 VALUES (5, 0.1234567890123 + 0)
INSERT INTO diff_num4 VALUES (6, 0.5 + 0.25), (7, 1)
INSERT INTO diff_num4 VALUES (8, 1.5e-3), (9, -0)
UPDATE diff_num4 SET n = n * 2 WHERE id = 6
UPDATE diff_num4 SET n = n * 0.1234567890123 WHERE id = 6
SELECT id, n FROM diff_num4 ORDER BY id
-- The type modifier of a numeric(p,s) result column, ((p << 16) | s) + 4, as PostgreSQL sends
-- it for column references and casts naming one; -1 for literals, arithmetic and aggregates.
SELECT * FROM diff_num WHERE id < 3 ORDER BY id
SELECT diff_num.q, p AS renamed, 1.5::numeric(10,2) AS c, CAST(n AS decimal(20, 6)) AS d, q + 1 AS e, 2.50 AS f FROM diff_num WHERE id = 1
SELECT sum(q) AS s, max(p) AS m FROM diff_num WHERE id < 5
-- ALTER COLUMN … TYPE numeric converts the values exactly, or refuses (22003).
-- setup
CREATE TABLE diff_num5 (id int, w numeric(30,20), f float8)
INSERT INTO diff_num5 VALUES (1, 1.5, 0.25), (2, 0.12345678901234567890, 1e-3)
-- compare
ALTER TABLE diff_num5 ALTER COLUMN f TYPE numeric
SELECT id, f FROM diff_num5 ORDER BY id
ALTER TABLE diff_num5 ALTER COLUMN w TYPE numeric
-- The text of an unbounded numeric in SQL is the one the sandbox sends.
SELECT n::text AS t, CAST(n AS varchar) AS v, 'n=' || n::text AS c FROM diff_num WHERE id < 5 ORDER BY id
SELECT sum(n)::text AS s, q::text AS q FROM diff_num WHERE id < 3 GROUP BY q ORDER BY q
-- numeric[]: each element converted exactly, or refused (22003).
-- setup
CREATE TABLE diff_num6 (id int, a numeric[])
-- compare
SELECT ARRAY[1.5, 0.25]::numeric[] AS a, '{1.5,NULL,-2}'::numeric[] AS b
SELECT ARRAY[0.1234567890123]::numeric[] AS a
SELECT '{0.1234567890123}'::numeric[] AS b
INSERT INTO diff_num6 VALUES (1, ARRAY[1.5, 2.25])
INSERT INTO diff_num6 VALUES (2, ARRAY[0.1234567890123])
SELECT id, a FROM diff_num6 ORDER BY id
-- INSERT … ON CONFLICT (its values and DO UPDATE SET) and the multi-column SET (a, b) = (…)
-- write into an unbounded column through the same check: exact, or 22003. Row 9 takes the
-- statements the sandbox refuses, so the rows compared at the end stay alike.
-- setup
CREATE TABLE diff_num7 (id int PRIMARY KEY, n numeric, m numeric, a numeric[])
INSERT INTO diff_num7 VALUES (1, 1, 2, NULL), (2, 3, 4, NULL), (9, 0, 0, NULL)
-- compare
INSERT INTO diff_num7 VALUES (1, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET n = excluded.n * 0.5
INSERT INTO diff_num7 VALUES (9, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET n = excluded.n * 0.1234567890123
INSERT INTO diff_num7 VALUES (3, 0.25 * 3, 1, NULL) ON CONFLICT DO NOTHING
INSERT INTO diff_num7 VALUES (9, 0.1234567890123 * 1, 1, NULL) ON CONFLICT DO NOTHING
INSERT INTO diff_num7 VALUES (9, 0.1234567890123, 1, NULL) ON CONFLICT DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (9, 1e-13) ON CONFLICT (id) DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (1, 1.0 / 3) ON CONFLICT DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (9, 1e-13), (1, 1.0 / 3), (2, 0.5 + 0) ON CONFLICT (id) DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (12, 0.5), (12, 1.0 / 3) ON CONFLICT (id) DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (10, 1e-13) ON CONFLICT (id) DO NOTHING
INSERT INTO diff_num7 (id, n) VALUES (11, 1e-13)
INSERT INTO diff_num7 VALUES (2, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET (n, m) = (excluded.n * 0.5, diff_num7.m + 1)
INSERT INTO diff_num7 VALUES (9, 5, 6, NULL) ON CONFLICT (id) DO UPDATE SET (n, m) = (1, excluded.m * 0.1234567890123)
INSERT INTO diff_num7 VALUES (9, 0, 0, NULL) ON CONFLICT (id) DO UPDATE SET m = -0.1234567890123
INSERT INTO diff_num7 SELECT id, n * 0.5, m, a FROM diff_num7 WHERE id = 1 ON CONFLICT (id) DO UPDATE SET m = excluded.n
UPDATE diff_num7 SET (n, m) = (n * 3, m - 0.5) WHERE id = 1
UPDATE diff_num7 SET (n, m) = (m + 0.1234567890123, 1) WHERE id = 9
UPDATE diff_num7 SET (m, n) = (7, 0.1234567890123) WHERE id = 9
UPDATE diff_num7 SET (m, a) = (m, ARRAY[m - 0.1234567890123]) WHERE id = 9
UPDATE diff_num7 SET (m, a) = (m + 1, ARRAY[n * 0.5, 0.25]) WHERE id = 2
SELECT id, n, m, a FROM diff_num7 WHERE id < 9 ORDER BY id
SELECT '2.5e-3'::numeric AS a, '-1E3'::numeric AS b, ' 125e-2 '::numeric AS c
SELECT '1e-13'::numeric AS a
