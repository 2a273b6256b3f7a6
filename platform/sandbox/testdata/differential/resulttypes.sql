-- Result types and display scales of numeric results as PostgreSQL 15 gives them (resulttype.go,
-- pgsql/resulttype.go): avg of integers and numerics, division of numerics, variance and stddev are
-- numeric with PostgreSQL's display scale; sum of smallint/integer is bigint, of bigint and numeric
-- numeric; double precision stays double precision.
-- setup
CREATE TABLE rt_nums (id integer, i2 smallint, i4 integer, i8 bigint, n numeric, q numeric(12,4), f double precision, r real, g text, iv interval)
INSERT INTO rt_nums VALUES (1, 1, 10, 1000000000000, 1.5, 2.2500, 0.5, 1.5, 'a', '1 hour'), (2, 2, 20, 3000000000000, 2.25, 1.1000, 1.25, 2.5, 'a', '1 mon 3 days 30 minutes'), (3, 3, 31, 5, 0.125, 0, 2.75, 0.5, 'b', '-2 days'), (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'b', NULL)
-- compare
SELECT avg(x) FROM (VALUES (1), (2)) v(x)
SELECT avg(x) FROM (VALUES (1), (1)) v(x)
SELECT avg(x) FROM (VALUES (1000000), (2000000), (5)) v(x)
SELECT avg(x) FROM (VALUES (NULL::int)) v(x)
SELECT avg(i2), avg(i4), avg(i8), avg(n), avg(q), avg(f), avg(r) FROM rt_nums
SELECT g, avg(i4) AS a, avg(n), avg(f) FROM rt_nums GROUP BY g ORDER BY g
SELECT g, avg(i4) AS a FROM rt_nums GROUP BY g ORDER BY a DESC
SELECT g, avg(i8) FROM rt_nums GROUP BY g ORDER BY 2
SELECT avg(DISTINCT i2), avg(i4) FILTER (WHERE id > 1) FROM rt_nums
SELECT id, avg(i4) OVER (ORDER BY id), sum(i4) OVER (ORDER BY id), sum(i8) OVER (ORDER BY id) FROM rt_nums ORDER BY id
SELECT id, avg(f) OVER (ORDER BY id ROWS 1 PRECEDING), avg(r) OVER (), sum(f) OVER (ORDER BY id) FROM rt_nums ORDER BY id
SELECT sum(i2), sum(i4), sum(i8), sum(n), sum(q), sum(f), sum(r) FROM rt_nums
SELECT sum(x::int), sum(x::int8), sum(x::numeric), sum(x::float8), sum(x::smallint) FROM (VALUES (1), (2)) v(x)
SELECT sum(i4) / count(*), sum(i4) * 1.0 / count(*), sum(n) / count(n) FROM rt_nums
SELECT 10 / 4.0, 1 / 3.0, 1.5 * 2, 7.0 / 2, 5 / 2, 5.0 / 0.3
SELECT 100::numeric / 3, 1e3 / 7, -7.0 / 2, 2 / 3.000, 123456789.5 / 0.001
SELECT 1 / 0.0
SELECT id, n / 3, q / 2, i4 / 3, i8 / 7, n / q FROM rt_nums WHERE id < 3 ORDER BY id
SELECT id, n / 0 FROM rt_nums WHERE id = 1
SELECT id, i4 / 0.5, f / 2, f / n FROM rt_nums ORDER BY id
SELECT stddev(x), variance(x), stddev_pop(x), var_pop(x), stddev_samp(x), var_samp(x) FROM (VALUES (1), (2), (4)) v(x)
SELECT stddev(x), variance(x) FROM (VALUES (1.5), (2.25), (4)) v(x)
SELECT stddev(i4), variance(i8), stddev(n), variance(q) FROM rt_nums
SELECT stddev(x), variance(x), var_pop(x) FROM (VALUES (7)) v(x)
SELECT round(avg(x), 2), round(avg(x)), trunc(avg(x), 1), -avg(x), avg(x) * 2, avg(x) + 1.25, avg(x) - 1, avg(x)::float8 FROM (VALUES (2), (3)) v(x)
SELECT round(avg(i4), 2) AS a, round(avg(n), 3) AS b FROM rt_nums
SELECT round(1234.5678, -2), round(1234.5678, 2), trunc(1234.5678, -2), round(15, -1), round(25, -1), round(2.5, 3)
SELECT id, round(n, 1), round(i4, 2), round(q, 0) FROM rt_nums ORDER BY id
SELECT round(2.5, 12), round(1.25, 13), trunc(7, 12), round(1.5, 40)
SELECT x, ntile(2) OVER (ORDER BY x), rank() OVER (ORDER BY x), dense_rank() OVER (ORDER BY x), row_number() OVER (ORDER BY x) FROM (VALUES (1), (2), (2)) v(x) ORDER BY x
SELECT date '2024-03-01' - date '2024-02-01', length('abc'), extract(year FROM date '2024-01-01'), date_part('year', date '2024-01-01')
SELECT floor(1.5), ceil(1.5), round(1.55), round(1.55, 1), floor(-1.5::float8), ceil(2.5::float8)
SELECT count(*), count(i4) FROM rt_nums
SELECT extract(epoch FROM TIMESTAMP '2024-01-01 00:00:30') / 60 AS minutes
-- avg of intervals (DuckDB cannot sum them: the statement runs without the result functions)
SELECT avg(iv) FROM rt_nums
SELECT g, avg(iv) FROM rt_nums GROUP BY g ORDER BY g
SELECT avg(ts2 - ts1) FROM (VALUES (TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02 03:00')) v(ts1, ts2)
-- interval / number as PostgreSQL's interval_div: fractions of months and days carried down
SELECT id, iv / 2, iv / 7, iv / 2.5, iv / 0.3 FROM rt_nums ORDER BY id
SELECT id, iv / 0 FROM rt_nums WHERE id = 1
-- integer division, overflow and division by zero of columns
SELECT id, i4 / 3, i8 / -7, i2 / 2, i4 / i2, -i4 / 3 FROM rt_nums ORDER BY id
SELECT id, i4 / 0 FROM rt_nums WHERE id = 1
SELECT sum(x) * 2 FROM (VALUES (2147483647)) v(x)
SELECT avg(i8) * avg(i8), sum(n) / 7, sum(i8) / 0.7 FROM rt_nums
SELECT 9999999999999999999999999999999999999 / 0.0000001
-- everyday idioms: shares of a total, ratios of aggregates, averages of expressions
SELECT g, count(*) * 100.0 / sum(count(*)) OVER () AS pct FROM rt_nums GROUP BY g ORDER BY g
SELECT g, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM rt_nums GROUP BY g ORDER BY pct DESC
SELECT g, sum(i4) / sum(sum(i4)) OVER () AS share, avg(i4 * 2), avg(i4) / 2 FROM rt_nums GROUP BY g ORDER BY g
SELECT avg(n * 2) AS a, avg(i4 + 0.5) AS b, sum(i4) * 1.0 / nullif(count(i4), 0) AS c FROM rt_nums
WITH t AS (SELECT g, i4 FROM rt_nums) SELECT g, avg(i4) FROM t GROUP BY g ORDER BY g
SELECT id, i4::numeric / 3 AS third, i4 / 3.0 AS q FROM rt_nums ORDER BY q DESC NULLS LAST
