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
