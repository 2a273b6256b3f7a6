-- Errors with their SQLSTATE.
SELECT 1/0
SELECT 1.0/0
SELECT 1 % 0
SELECT 1::float8 / 0
SELECT 2147483647::int4 + 1
SELECT 9223372036854775807::int8 + 1
SELECT 'abc'::int
SELECT '2024-13-01'::date
SELECT * FROM no_such_table
SELECT no_such_column FROM (VALUES (1)) AS v(x)
SELECT no_such_function(1)
SELEC 1
SELECT 'a' + 1
-- setup
CREATE TABLE diff_u (id int PRIMARY KEY, name text NOT NULL)
INSERT INTO diff_u VALUES (1, 'a')
-- compare
INSERT INTO diff_u VALUES (1, 'b')
INSERT INTO diff_u VALUES (2, NULL)
CREATE TABLE diff_u (id int)
SELECT id, name FROM diff_u ORDER BY id
-- More errors analysts meet.
SELECT x, count(*) FROM (VALUES (1, 2)) AS v(x, y) GROUP BY y
SELECT id FROM diff_u, diff_u AS d2
CREATE TABLE diff_u (id int)
SELECT 'abc'::varchar(2)
SELECT CAST('abc' AS int)
SELECT '2024-02-30'::date
SELECT 'not a date'::date
SELECT 'xyz'::timestamp
SELECT '1 fortnight'::interval
SELECT 'maybe'::boolean
SELECT 'zz'::uuid
SELECT '{bad json'::json
SELECT 1::nosuchtype
SELECT length(1, 2, 3)
SELECT (SELECT x FROM (VALUES (1), (2)) AS v(x))
SELECT * FROM diff_u WHERE nosuch = 1
SELECT diff_u.nosuch FROM diff_u
SELECT 99999::smallint
SELECT 123.456::numeric(4,2)
SELECT 2147483647 * 2
SELECT -2147483648::int4 / -1
SELECT sqrt(-1)
SELECT ln(0)
SELECT 'a' ~ '('
SELECT * FROM generate_series(1, 2) AS g(n) WHERE n = 'x'
INSERT INTO diff_u (id, name, extra) VALUES (1, 'a', 1)
INSERT INTO diff_u VALUES (1)
UPDATE diff_u SET nosuch = 1
SELECT 1 UNION SELECT 'a'
SELECT 1 UNION SELECT 1, 2
INSERT INTO diff_u VALUES (5)
-- setup
CREATE TABLE diff_defaults (a int, b text DEFAULT 'x', c int)
-- compare
INSERT INTO diff_defaults VALUES (1)
INSERT INTO diff_defaults VALUES (2, 'y'), (3, 'z')
SELECT a, b, c FROM diff_defaults ORDER BY a
SELECT pg_table_is_visible('nonexistent_rel'::regclass)
SELECT 'nonexistent_rel'::regclass::oid
