-- Values of every type the sandbox returns, in text and binary, and result column names.
SELECT 1
SELECT 1 AS one, 2 AS two
SELECT -2147483648::int4 AS i, 9223372036854775807::int8 AS b, 32767::int2 AS s
SELECT 1.5::float8 AS d, 0.1::float8 AS p, -0.0::float8 AS nz, 1e300::float8 AS big
SELECT 1.5::float4 AS f, 0.1::float4 AS p
SELECT 'NaN'::float8 AS n, 'Infinity'::float8 AS inf, '-Infinity'::float8 AS ninf
SELECT 123.4500::numeric(10,4) AS n, 0.001::numeric(6,3) AS small, -5::numeric(5,0) AS neg
SELECT 12345678901234567890::numeric AS big
SELECT true AS t, false AS f, NULL::boolean AS n
SELECT 'hello'::text AS t, ''::text AS e, 'it''s'::text AS q, NULL::text AS n
SELECT 'héllo wörld ✓'::text AS u
SELECT 'abc'::varchar AS v
SELECT '\x0102'::bytea AS b
SELECT '\x'::bytea AS empty
SELECT '\xdeadbeef'::bytea AS b
SELECT 'abc'::bytea AS b
SELECT DATE '2024-02-29' AS d
SELECT DATE '1999-12-31' AS d, DATE '0001-01-01' AS first
SELECT TIME '13:45:01' AS t, TIME '00:00:00.123456' AS frac
SELECT TIMESTAMP '2024-01-01 00:00:01' AS ts
SELECT TIMESTAMP '2024-01-01 00:00:01.5' AS ts
SELECT TIMESTAMP '2024-06-30 23:59:59.999999' AS ts
SELECT TIMESTAMPTZ '2024-01-01 00:00:01+00' AS tz
SELECT TIMESTAMPTZ '2024-01-01 00:00:01.25+00' AS tz
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+02' AS tz
SELECT TIMESTAMPTZ '1970-01-01 00:00:00+00' AS epoch
SELECT INTERVAL '1 day' AS i
SELECT INTERVAL '1 year 2 months 3 days 04:05:06.5' AS i
SELECT INTERVAL '-3 hours' AS i
SELECT INTERVAL '90 minutes' AS i
SELECT '5b6fc0d3-8a2c-4b0e-9f3e-1c2d3e4f5a6b'::uuid AS u
SELECT '{"a": 1, "b": [1, 2]}'::json AS j
SELECT ARRAY[1, 2, 3] AS a
SELECT ARRAY['a', 'b', NULL] AS a
SELECT ARRAY[1.5, 2.5]::float8[] AS a
SELECT ARRAY[true, false] AS a
SELECT ARRAY[]::int[] AS a
-- Column names of expressions.
SELECT count(*) FROM (VALUES (1), (2)) AS v(x)
SELECT count(x) FROM (VALUES (1), (2)) AS v(x)
SELECT sum(x), avg(x), min(x), max(x) FROM (VALUES (1), (2)) AS v(x)
SELECT 1 + 2
SELECT 'a' || 'b'
SELECT now() IS NOT NULL
SELECT upper('a'), lower('B'), length('abc')
SELECT CAST(1 AS text)
SELECT 1::text
SELECT coalesce(NULL, 1)
SELECT CASE WHEN true THEN 1 END
SELECT x FROM (VALUES (1)) AS v(x)
SELECT x + 1 FROM (VALUES (1)) AS v(x)
SELECT abs(-1), round(2.5), floor(1.5), ceil(1.5)
-- Arithmetic.
SELECT 7 / 2 AS q, 7 % 2 AS r, -7 / 2 AS nq
SELECT 7.0 / 2 AS q
SELECT 1 / 3.0 AS q
SELECT 2 ^ 10 AS p
SELECT 10 / 4::float8 AS q
-- Text forms of floats, times and intervals in more shapes.
SELECT 1e15::float8 AS a, 1e14::float8 AS b, 123456789012345.6::float8 AS c, 0.0001::float8 AS d, 0.00001::float8 AS e
SELECT 1e6::float4 AS a, 123456::float4 AS b, 1234567::float4 AS c, 0.3::float4 AS d
SELECT -1.5e-10::float8 AS a, 2.5e+20::float8 AS b
SELECT INTERVAL '0' AS z, INTERVAL '-1 day' AS d, INTERVAL '1 mon -1 day' AS m, INTERVAL '-1 year 2 days -03:00' AS x
SELECT INTERVAL '36 hours' AS h, INTERVAL '0.000001 seconds' AS us, INTERVAL '2 years' AS y
SELECT ARRAY[TIMESTAMPTZ '2024-01-01 00:00:00+00', NULL] AS a
SELECT ARRAY[1.5::float8, 'Infinity'] AS a
SELECT TIMESTAMPTZ '2024-03-10 08:30:00.000001+00' AS tz, TIMESTAMP '2024-03-10 08:30:00.1' AS ts
SELECT TIME '23:59:59.999999' AS t
-- Column names around a *.
SELECT *, 1 + 1 FROM (VALUES (1, 'a')) AS v(x, y)
SELECT count(*), * FROM (VALUES (1, 'a')) AS v(x, y) GROUP BY x, y
SELECT v.*, upper(y) FROM (VALUES (1, 'a')) AS v(x, y)
-- Arrays of arrays: multidimensional arrays in text and binary.
SELECT ARRAY[[1.5, 2.5], [-3.5, NULL]] AS a, ARRAY[['a', 'b c'], ['"q"', NULL]] AS t
SELECT ARRAY[[[1], [2]], [[3], [4]]] AS a
SELECT ARRAY[[1, 2], [3]] AS ragged
COPY (SELECT ARRAY[[1, 2], [3, NULL]] AS a, ARRAY[['x y', NULL]] AS t) TO STDOUT
