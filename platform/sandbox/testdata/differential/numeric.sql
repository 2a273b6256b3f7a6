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
