-- PostgreSQL functions analysts use: to_char and its kin, div, overlay, array ||,
-- set-returning functions in a select list, integer results (functions2.sql).
-- setup
CREATE TABLE fn2_t (id integer, d date, ts timestamp, tz timestamptz, n numeric(12,3), i integer, b bigint, f float8, s text)
INSERT INTO fn2_t VALUES (1, DATE '2024-03-10', TIMESTAMP '2024-03-10 13:04:05.123456', TIMESTAMPTZ '2024-03-10 13:04:05.5+00', 1234.5, 485, 9000000000, 1234.5, 'hello')
INSERT INTO fn2_t VALUES (2, DATE '2021-01-01', TIMESTAMP '2021-01-01 00:00:00', TIMESTAMPTZ '2020-12-31 23:30:00+00', -0.125, -7, -1, -0.001, 'world')
INSERT INTO fn2_t VALUES (3, DATE '2024-12-30', TIMESTAMP '1999-12-31 23:59:59.999', TIMESTAMPTZ '2024-06-30 12:00:00+00', 0, 0, 0, 0, '')
INSERT INTO fn2_t VALUES (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
-- compare
SELECT to_char(DATE '2024-03-10', 'YYYY-MM-DD')
SELECT id, to_char(ts, 'YYYY-MM') AS ym, to_char(ts, 'YYYY-MM-DD HH24:MI:SS') AS full FROM fn2_t ORDER BY id
SELECT id, to_char(d, 'Mon DD, YYYY') AS a, to_char(d, 'Day') AS b, to_char(d, 'FMDay, FMMonth FMDDth') AS c FROM fn2_t ORDER BY id
SELECT id, to_char(d, 'IYYY-"W"IW') AS a, to_char(d, 'YYYY"Q"Q') AS b, to_char(d, 'DDD') AS c, to_char(d, 'D ID J') AS e FROM fn2_t ORDER BY id
SELECT id, to_char(ts, 'HH12:MI:SS AM') AS a, to_char(ts, 'HH24:MI:SS.MS') AS b, to_char(ts, 'US') AS c, to_char(ts, 'FF3') AS e FROM fn2_t ORDER BY id
SELECT id, to_char(tz, 'YYYY-MM-DD HH24:MI:SS TZ') AS a, to_char(tz, 'OF') AS b, to_char(d, 'TZ') AS c FROM fn2_t ORDER BY id
SELECT id, to_char(ts, 'MONTH month Month MON mon Mon') AS a, to_char(ts, 'DY dy Dy') AS b, to_char(ts, 'RM CC W WW') AS c FROM fn2_t ORDER BY id
SELECT to_char(TIMESTAMP '2024-07-04 09:05:00', '"Week "IW" of "IYYY, FMHH12 a.m.')
SELECT to_char(INTERVAL '1 day 03:04:05', 'HH24:MI:SS'), to_char(INTERVAL '100 hours', 'HH24')
SELECT to_char(now(), '') IS NULL AS empty_template
SELECT to_char(1234.5, 'FM999,999.00'), to_char(1234.5, '9999'), to_char(5, '000'), to_char(-485, 'S9999'), to_char(-485, '9999PR')
SELECT to_char(0.5, '9.99'), to_char(0.5, 'FM9.99'), to_char(1, 'FM9.99'), to_char(-0.1, '99.99'), to_char(12, '9990999.9')
SELECT to_char(485, 'RN'), to_char(485, 'FMRN'), to_char(482, '999th'), to_char(12, '99V999'), to_char(0.0004859, '9.99EEEE')
SELECT to_char(1485, '9,999'), to_char(1485, '9G999'), to_char(148.5, '999D999'), to_char(-485, '999MI'), to_char(485, 'PL999'), to_char(-485, 'SG999')
SELECT to_char(123456, '99'), to_char(0, '9999'), to_char(0, 'FM9999'), to_char(-5, 'FM000'), to_char(485, '"Total: "999')
SELECT id, to_char(n, 'FM999,990.000') AS n, to_char(i, '9999') AS i, to_char(b, '9,999,999,999') AS b, to_char(f, 'S9999.99') AS f FROM fn2_t ORDER BY id
SELECT to_char(1234.5::float8, '9999.9'), to_char(2.5::float8, '9'), to_char(1.5::real, '9.9'), to_char(9000000000::bigint, '9.99EEEE')
SELECT to_date('2024-03-10', 'YYYY-MM-DD'), to_date('10/03/2024', 'DD/MM/YYYY'), to_date('Mar 10, 2024', 'Mon DD, YYYY'), to_date('20240310', 'YYYYMMDD')
SELECT to_timestamp('2024-03-10 13:04:05', 'YYYY-MM-DD HH24:MI:SS'), to_timestamp('2024-03-10 01:04 PM', 'YYYY-MM-DD HH:MI AM')
SELECT to_timestamp('2024-03-10 13:04:05 +05:30', 'YYYY-MM-DD HH24:MI:SS TZH:TZM'), to_timestamp('2024-03-10 13:04:05.123', 'YYYY-MM-DD HH24:MI:SS.MS')
SELECT to_date('2024-02-30', 'YYYY-MM-DD')
SELECT to_number('1,234.56', '9G999D99'), to_number('12,454.8-', '99G999D9S'), to_number('-12', '99'), to_number('<123>', '999PR')
SELECT div(7, 2), div(-7, 2), div(7.5, 2), div(9, 3)
SELECT div(1, 0)
SELECT overlay('abcdef' placing 'XY' from 2 for 3), overlay('abcdef' placing 'XY' from 2), overlay('Txxxxas' placing 'hom' from 2 for 4)
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[1, 2] || ARRAY[3, 4], ARRAY[1, 2] || NULL, NULL || ARRAY[1, 2]
SELECT ARRAY[1, 2] || NULL::int, NULL::int || ARRAY[1, 2], ARRAY['a', 'b'] || 'c'::text, ARRAY[1] || ARRAY[2] || 3
SELECT 'a' || NULL, NULL || 'b', 'a' || 'b' || NULL
SELECT generate_series(1, 3)
SELECT generate_series(1, 10, 4) AS n, 'x' AS c
SELECT generate_series(3, 1, -1)
SELECT * FROM generate_series(1, 3) AS g(n)
SELECT g FROM generate_series(2, 4) g ORDER BY g
SELECT * FROM generate_series(1, 2)
SELECT unnest(ARRAY[3, 1, 2])
SELECT upper('a'), lower('B'), length('abc')
SELECT strpos('hello', 'l'), position('l' IN 'hello'), char_length('abc'), octet_length('abc'), ascii('A')
SELECT array_length(ARRAY[1, 2, 3], 1), cardinality(ARRAY[1, 2])
SELECT id, length(s) AS l, strpos(s, 'o') AS p FROM fn2_t ORDER BY id
SELECT make_date(2024, 2, 29), date_part('dow', DATE '2024-03-10'), extract(epoch FROM TIMESTAMP '1970-01-02 00:00:00')
SELECT id, extract(year FROM ts) AS y, extract(month FROM d) AS m, extract(dow FROM d) AS dow, extract(second FROM ts) AS s FROM fn2_t ORDER BY id
SELECT id, date_part('year', ts) AS y, date_part('second', ts) AS s, date_part('epoch', ts) AS e FROM fn2_t ORDER BY id
SELECT extract(epoch FROM INTERVAL '1 day 2 hours'), extract(epoch FROM DATE '2024-01-01'), extract(milliseconds FROM TIMESTAMP '2024-01-01 00:00:01.5')
SELECT DATE '2024-03-10' - DATE '2024-01-01' AS days
SELECT count(*) AS n FROM generate_series(1, 100) AS t(n) WHERE n % 7 = 0
SELECT id, to_char(d, 'YYYY-MM') AS month, count(*) AS n FROM fn2_t WHERE d IS NOT NULL GROUP BY id, to_char(d, 'YYYY-MM') ORDER BY id
SELECT d::date AS day FROM generate_series(DATE '2024-01-01', DATE '2024-01-03', INTERVAL '1 day') AS d
SELECT generate_series(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 02:00:00', INTERVAL '1 hour') AS h
SELECT to_char(sum(n), 'FM999,999.000') AS total, to_char(count(*), '999,999') AS rows, to_char(max(ts), 'Mon YYYY') AS latest FROM fn2_t
SELECT to_char(date_trunc('month', ts), 'YYYY-MM') AS month, count(*) AS n FROM fn2_t WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1
SELECT id, to_char(f, 'FM999990.0000') AS f, to_char(b, 'FM9,999,999,999') AS b, to_char(i, 'FMS000') AS i FROM fn2_t ORDER BY id
SELECT array_length(string_to_array('a,b,c', ','), 1) AS n, extract(dow FROM DATE '2024-03-10')::int AS dow
SELECT to_char(12, '99V9'), to_char(-0.5, 'FM0.0'), to_char(5, 'FM0th'), to_char(1e6::float8, '9.9EEEE')
SELECT * FROM generate_series(DATE '2024-01-01', DATE '2024-01-03', INTERVAL '1 day') AS d
SELECT generate_series(DATE '2024-01-30', DATE '2024-03-01', INTERVAL '1 month') AS m
SELECT count(*) AS n FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '1 hour') AS h
