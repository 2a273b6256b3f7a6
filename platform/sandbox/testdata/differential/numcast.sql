-- A numeric value cast to an integer type rounds half away from zero in PostgreSQL,
-- double precision half to even (rint); DuckDB computes numeric division as double.
SELECT (x / 2.0)::int AS r FROM (VALUES (1), (3), (5), (-1), (-3)) t(x) ORDER BY x
SELECT x FROM (VALUES (1), (3), (5)) t(x) WHERE (x / 2.0)::int = 1
SELECT x FROM (VALUES (1), (3), (5)) t(x) WHERE (x / 2.0)::int = 3
SELECT (x::numeric / 2)::int AS a, CAST(x / 2.0 AS bigint) AS b, CAST(x / 2.0 AS smallint) AS c, (x * 0.5)::int8 AS d FROM (VALUES (1), (3), (5)) t(x) ORDER BY x
SELECT (1.5 * 3)::int AS a, (7 / 2.0)::bigint AS b, (-5 / 2.0)::int AS c, (5 / 2.0 + 0)::int AS d, (2.5 - 0)::int AS e
SELECT 2.5::numeric::int AS a, (-2.5)::numeric::int AS b, 2.5::float8::int AS c, 0.5::float8::int AS d, 1.5::float8::int AS e, (5 / 2.0)::float8::int AS f
-- setup
CREATE TABLE numcast_t (id int, n numeric, d numeric(10,2), f float8, r real, i int, s text)
INSERT INTO numcast_t VALUES (1, 2.5, -2.5, 2.5, 2.5, 5, '1e400'), (2, 3.5, 0.5, 0.5, 0.5, 3, '1e-400'), (3, -0.5, 1.5, -2.5, -2.5, 1, 'inf'), (4, 5, 2, 1.5, 1.5, 2, ' -Infinity '), (5, 1, 4, 3.5, 3.5, 7, 'NaN'), (6, 7, 2, 4.5, 4.5, 9, '1e-310'), (7, 9, 2, 0, 0, 11, '-2.5e-3')
-- compare
SELECT id, n::int AS a, d::int AS b, f::int AS c, r::int AS e, i::bigint AS g FROM numcast_t ORDER BY id
SELECT id, (n / 2)::int AS a, (i / 2.0)::int AS b, (d * 1)::int AS c, (n / d)::int AS e, (i::numeric / 2)::int AS g FROM numcast_t ORDER BY id
SELECT id, (f / 2)::int AS a, (r * 1)::int AS b, (f * 1)::int AS c, (i / 2)::int AS e, (n / f)::int AS g, (i + f)::int AS h FROM numcast_t WHERE f <> 0 ORDER BY id
SELECT id FROM numcast_t WHERE (i / 2.0)::int = 3 ORDER BY id
SELECT id FROM numcast_t WHERE (n / 2)::int = 2 ORDER BY id
SELECT avg(i)::int AS a, avg(n)::int AS b, avg(f)::int AS c, sum(n / 2)::int AS d, avg(d)::int AS e FROM numcast_t WHERE id IN (1, 2, 3, 4)
SELECT avg(i)::int AS a FROM numcast_t WHERE id IN (3, 4)
SELECT id % 2 AS k, avg(i)::int AS a, avg(f)::bigint AS b FROM numcast_t GROUP BY id % 2 ORDER BY k
-- text out of double precision's or real's range: 22003; Infinity, NaN and subnormal numbers are read
SELECT '1e400'::float8 AS f
SELECT '-1e400'::float8 AS f
SELECT '1e-400'::float8 AS f
SELECT CAST('1e400' AS double precision) AS f
SELECT 1e400::float8 AS f
SELECT '1e39'::real AS r
SELECT '1e-50'::real AS r
SELECT '1e-310'::float8 AS a, '1e38'::real AS b, ' 1.5 '::float8 AS c, '1e308'::float8 AS d, '0'::float8 AS e, '-0.000'::float8 AS g
SELECT 'Infinity'::float8 AS a, '-inf'::float8 AS b, 'NaN'::float8 AS c, '+Infinity'::real AS d, 'nan'::real AS e
SELECT s::float8 AS f FROM numcast_t WHERE id = 1
SELECT s::float8 AS f FROM numcast_t WHERE id = 2
SELECT s::real AS f FROM numcast_t WHERE id = 6
SELECT CAST(s AS double precision) AS f FROM numcast_t ORDER BY id
SELECT id, s::float8 AS f FROM numcast_t WHERE id >= 3 ORDER BY id
SELECT id, s::text::float8 AS f FROM numcast_t WHERE id >= 3 ORDER BY id
SELECT id, f::float8 AS a, n::float8 AS b, i::real AS c, d::float4 AS e FROM numcast_t ORDER BY id
-- setup
DROP TABLE numcast_t
