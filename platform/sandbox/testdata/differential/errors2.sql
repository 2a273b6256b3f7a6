-- Errors PostgreSQL raises with their SQLSTATE where DuckDB returned a value or another
-- code (pgsql/floaterr.go, errors.go, errors_text.go).
-- setup
CREATE TABLE e2_f (id int, f float8, n numeric(10,2))
INSERT INTO e2_f VALUES (1, 1e308, 2.5), (2, -1e308, 0), (3, 1e-300, 1)
-- compare
-- double precision overflow and underflow (22003) where an operand is written as float8
SELECT 1e308::float8 * 10
SELECT '1e308'::float8 * 10
SELECT 1e200::float8 * 1e200::float8
SELECT 1e308::float8 + 1e308::float8
SELECT -1e308::float8 - 1e308::float8
SELECT 1e308::float8 / 0.1
SELECT 1e-308::float8 * 1e-300::float8
SELECT 1e-300::float8 / 1e300::float8
SELECT 1::float8 / 0
SELECT 0::float8 / 0
SELECT 'Infinity'::float8 * 2, 'Infinity'::float8 + 1, '-Infinity'::float8 - 1, 1::float8 / 'Infinity'::float8
SELECT 'NaN'::float8 * 0, 'NaN'::float8 / 0, 'Infinity'::float8 * 0
SELECT 2.5::float8 * 4, 1::float8 / 3, 0.1::float8 + 0.2::float8, 10::float8 - 0.5
SELECT id, f * 2::float8 AS doubled FROM e2_f WHERE id = 3
SELECT f * 10::float8 FROM e2_f WHERE id = 1
-- double precision columns (the sandbox looks their types up)
SELECT f * 10 FROM e2_f WHERE id = 1
SELECT f - 1e308::float8 FROM e2_f WHERE id = 2
SELECT f * f FROM e2_f WHERE id = 3
SELECT id FROM e2_f WHERE f * 2 > 0 ORDER BY id
SELECT id, f * 2, f + n, f - id, n * 2 FROM e2_f WHERE id = 3
SELECT f * 2 AS x, count(*) FROM e2_f WHERE id = 3 GROUP BY f * 2
SELECT sum(f * 0.5), max(f / 2) FROM e2_f
SELECT 'NaN'::float8, 'Infinity'::float8, '-inf'::float8, 'nan'::float4, '+infinity'::float8
SELECT 'NaN'::float8 = 'NaN'::float8, 'NaN'::float8 > 1, 'Infinity'::float8 > 1e308
SELECT 'abc'::float8
-- exp and power
SELECT exp(1000)
SELECT exp(-1000)
SELECT exp(1000::float8)
SELECT exp(1), exp(0::float8)
SELECT power(0, -1)
SELECT power(0::float8, -1)
SELECT power(0.0, -1)
SELECT 0 ^ -1
SELECT power(10::float8, 400)
SELECT power(10, 400)
SELECT power(-8::float8, 1.0 / 3)
SELECT (-1)::float8 ^ 0.5
SELECT power(2, 10), 2 ^ 10, pow(2, -2), power(-2, 3), power(0, 0)
-- logarithms and roots (2201E, 2201F)
SELECT ln(0)
SELECT ln(-1)
SELECT log(0)
SELECT log(-1)
SELECT log(10, 0)
SELECT log(2, -1)
SELECT ln(0::numeric)
SELECT sqrt(-1)
SELECT sqrt(-1::float8)
-- mod and % by zero (22012)
SELECT mod(5, 0)
SELECT mod(5.0, 0)
SELECT mod(5, 0.0)
SELECT 5 % 0
SELECT mod(7, 3), mod(-7, 3), mod(7.5, 2), mod(-7, -3)
SELECT id, mod(id, 2) FROM e2_f ORDER BY id
-- integer overflow (22003, PostgreSQL's message)
SELECT 2147483647::int * 2
SELECT 1::int2 + 32767::int2
SELECT 9223372036854775807::bigint * 2
SELECT -9223372036854775807::bigint - 2
SELECT sum(x) FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(x)
-- strings
SELECT substr('abc', 1, -1)
SELECT substr('abc', 2, -1)
SELECT substring('abc' FROM 2 FOR -1)
SELECT substring('abcdef', 2, 1 - 2)
SELECT substr('abcdef', 2, 3), substring('abcdef' FROM 2 FOR 0), substr('abcdef', -1, 3), substr('abcdef', 0, 2)
SELECT split_part('a,b,c', ',', 0)
SELECT repeat('xx', 600000000)
SELECT repeat('ab', 3), repeat('x', 0), repeat('x', -1)
SELECT lpad('x', 2000000000)
SELECT chr(0)
SELECT chr(-1)
SELECT chr(1114112)
SELECT chr(65), chr(233), ascii('é')
-- encodings (22021, 22023)
SELECT convert_from('\xff'::bytea, 'UTF8')
SELECT E'\xff'
SELECT encode('abc', 'nosuch')
SELECT decode('zz', 'hex')
SELECT decode('!!', 'base64')
SELECT convert_to('é', 'LATIN1'), encode('abc', 'hex'), decode('616263', 'hex')
-- regular expressions (2201B)
SELECT 'a' ~ '('
SELECT 'a' ~ '[[:nosuch:]]'
SELECT regexp_replace('abc', '(', 'x')
SELECT regexp_matches('abc', '[')
SELECT 'abc' SIMILAR TO '('
SELECT 'abc' ~ 'b', regexp_replace('abc', 'b', 'x')
-- parameters out of range (22023, 2201G)
SELECT generate_series(1, 10, 0)
SELECT * FROM generate_series(1, 10, 0)
SELECT * FROM generate_series(1, 5, 2)
SELECT width_bucket(5, 0, 10, 0)
SELECT width_bucket(5, 0, 10, 5)
SELECT now() AT TIME ZONE 'Nowhere/City'
SELECT timezone('Nowhere/City', now())
SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' AT TIME ZONE 'Europe/Paris'
SELECT to_number('abc', '999')
SELECT to_number('12,454.8-', '99G999D9S')
-- unknown units (22023; an unknown interval unit in input stays 22007)
SELECT date_trunc('nosuch', now())
SELECT date_trunc('nosuch', TIMESTAMP '2024-01-01')
SELECT date_part('nosuch', now())
SELECT extract(nosuch FROM now())
SELECT extract(nosuch FROM DATE '2024-01-01')
SELECT '1 fortnight'::interval
