-- Functions and operators analysts use.
SELECT concat('a', 1, NULL, 'b'), 'a' || NULL, concat_ws('-', 'a', 'b')
SELECT replace('banana', 'a', 'o'), trim('  x  '), ltrim('xxa', 'x'), rtrim('axx', 'x')
SELECT split_part('a,b,c', ',', 2), left('hello', 2), right('hello', 3), repeat('ab', 3)
SELECT regexp_replace('a1b2', '[0-9]', '#', 'g'), 'abc' ~ 'b', 'abc' ~* 'B', 'abc' !~ 'z'
SELECT strpos('hello', 'l'), reverse('abc'), lpad('7', 3, '0'), rpad('7', 3, '0')
SELECT md5('abc')
SELECT 2 ^ 3, |/ 16.0, 5 & 3, 5 | 3, 1 << 4
SELECT greatest(1, 5, 3), least('b', 'a')
SELECT mod(7, 3), div(7, 2), power(2, 10), sqrt(2), exp(1), ln(10)
SELECT round(2.567, 2), trunc(2.567, 1), sign(-3), ceil(-1.5), floor(-1.5)
SELECT 5 / 2, 5.0 / 2, 5 / 2.0, -5 / 2, 5 % -3, -5 % 3
SELECT 1 / 0.0
SELECT 10 / (2 - 2)
SELECT CAST('42' AS integer) + 1, '3.5'::float8 * 2, '1'::bigint
SELECT 'true'::boolean, 'f'::boolean, 'yes'::boolean
SELECT make_date(2024, 2, 29), date_part('dow', DATE '2024-03-10'), extract(epoch FROM TIMESTAMP '1970-01-02 00:00:00')
SELECT to_timestamp(0)
SELECT DATE '2024-01-31' + INTERVAL '1 month'
SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '90 minutes'
SELECT age(TIMESTAMP '2024-03-01', TIMESTAMP '2023-01-15')
SELECT date_trunc('week', TIMESTAMP '2024-03-14 15:00:00')
SELECT generate_series(1, 3)
SELECT * FROM generate_series(1, 3) AS g(n)
SELECT x FROM unnest(ARRAY[3, 1, 2]) AS x ORDER BY x
SELECT array_length(ARRAY[1, 2, 3], 1), cardinality(ARRAY[1, 2])
SELECT ARRAY[1, 2] || 3, 1 = ANY(ARRAY[1, 2]), 3 = ALL(ARRAY[3, 3])
SELECT (ARRAY[10, 20, 30])[2]
SELECT count(DISTINCT x) FROM (VALUES (1), (1), (2)) AS v(x)
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (3), (4)) AS v(x)
SELECT stddev(x), variance(x) FROM (VALUES (1.0), (2.0), (4.0)) AS v(x)
SELECT x, lag(x) OVER (ORDER BY x), sum(x) OVER (ORDER BY x) FROM (VALUES (1), (2), (3)) AS v(x)
SELECT nullif(1, 1), nullif(1, 2)
SELECT E'a\tb', $$dollar 'quoted'$$
SELECT 'a'::text = 'A', 'a' < 'b', 'B' < 'a'
SELECT 1 IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL
SELECT current_date = CURRENT_DATE, current_timestamp IS NOT NULL
SELECT pg_typeof(1), pg_typeof('a'::text), pg_typeof(1.5)
SELECT '1 day'::interval * 2, INTERVAL '1 hour' / 2
SELECT uuid_generate_v4()
SELECT gen_random_uuid() IS NOT NULL
SELECT 'x' AS "Quoted Name", 1 AS "select"
SELECT 123456789::int * 100
SELECT (-32768)::smallint - 1::smallint
SELECT 9223372036854775807 * 2
SELECT 'abc'::char(5) AS c, length('abc'::char(5))
SELECT to_char(DATE '2024-03-10', 'YYYY-MM-DD')
SELECT 0.1 + 0.2, 0.1::float8 + 0.2::float8
SELECT 1e3, 1.50, .5, 100::numeric / 3
-- SQL-syntax functions inside statements the front end rewrites.
SELECT extract(epoch FROM TIMESTAMP '2024-01-01 00:00:00') / 60 AS minutes
SELECT substring('hello' FROM 2 FOR 3), 7 / 2
SELECT position('l' IN 'hello') / 1, trim(both 'x' FROM 'xax'), 9 % 4
SELECT (TIMESTAMPTZ '2024-01-01 00:00:00+00' AT TIME ZONE 'UTC') AS local, 4 / 2
SELECT overlay('abcdef' placing 'XY' from 2 for 3), 5 / 5
SELECT CAST((EXTRACT(EPOCH FROM TIMESTAMP '2024-01-02') - EXTRACT(EPOCH FROM TIMESTAMP '2024-01-01')) / 60 AS DOUBLE PRECISION) AS m
