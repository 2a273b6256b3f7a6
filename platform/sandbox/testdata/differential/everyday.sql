-- Everyday analyst SQL (issue 16's hunt for silent wrong results): casts, strings, dates,
-- comparisons, NULLs, CASE, IN/NOT IN, BETWEEN, IS DISTINCT FROM, mixed numbers, ORDER BY
-- NULLs, DISTINCT, GROUP BY expressions and window frames.
-- setup
CREATE TABLE ev_orders (id integer PRIMARY KEY, customer text, amount numeric(10,2), qty integer, price double precision, placed timestamptz, shipped date, paid boolean, region text)
INSERT INTO ev_orders VALUES (1, 'alice', 10.50, 2, 2.5, '2024-03-01 10:00:00+00', '2024-03-03', true, 'north'), (2, 'Bob', 20.00, 1, 3.5, '2024-03-01 23:30:00+00', NULL, false, 'south'), (3, 'carol', NULL, 5, -2.5, '2024-03-02 08:15:00+00', '2024-03-04', NULL, NULL), (4, 'Émile', 7.25, NULL, 0.5, NULL, '2024-03-05', true, 'north'), (5, 'bob', 99.99, 3, 1.5, '2024-02-29 12:00:00+00', '2024-03-01', false, 'east'), (6, 'a_c', 0.01, 0, 10.5, '2024-01-31 00:00:00+00', '2024-02-01', true, 'south')
CREATE TABLE ev_events (id integer, kind text, ts timestamp, n bigint)
INSERT INTO ev_events VALUES (1, 'view', '2024-01-01 00:00:00', 5), (2, 'buy', '2024-01-01 12:30:00', NULL), (3, 'view', '2024-01-02 09:00:00', 7), (4, NULL, NULL, 1), (5, 'click', '2024-01-03 18:45:30.5', 3), (6, 'view', '2024-01-03 18:45:30.5', 5)
CREATE TABLE ev_inputs (id integer, placed timestamptz, d date, t time, ok boolean, note text)
-- compare
-- LIKE and its escape character, ILIKE, SIMILAR TO
SELECT 'a_c' LIKE 'a\_c', 'abc' LIKE 'a\_c', 'a%c' LIKE 'a\%c', 'a\c' LIKE 'a\\c'
SELECT 'A_C' ILIKE 'a\_c', 'a_c' NOT LIKE 'a\_c', 'abc' NOT ILIKE 'A%'
SELECT 'a_c' ~~ 'a\_c', 'A_C' ~~* 'a\_c', 'abc' !~~ 'a%', 'ABC' !~~* 'a%'
SELECT 'a\c' LIKE 'a\c' ESCAPE '', 'a_c' LIKE 'a#_c' ESCAPE '#', 'abc' LIKE 'a#_c' ESCAPE '#'
SELECT 'a_c' LIKE ANY(ARRAY['a\_c', 'x']), 'abc' LIKE ALL(ARRAY['a%', '%c']), 'abc' LIKE ANY(ARRAY['x%', 'y%'])
SELECT id FROM ev_orders WHERE customer LIKE 'a\_%' ORDER BY id
SELECT id FROM ev_orders WHERE customer ILIKE 'B%' ORDER BY id
SELECT id FROM ev_orders WHERE customer NOT LIKE '%o%' ORDER BY id
SELECT 'abc' SIMILAR TO '%b%', 'abc' SIMILAR TO 'b', 'abc' SIMILAR TO 'a(b|x)c', 'abc' NOT SIMILAR TO 'a_'
SELECT 'a+b' SIMILAR TO 'a#+b' ESCAPE '#', 'aaa' SIMILAR TO 'a{2,3}', 'ab.c' SIMILAR TO 'ab.c', 'abxc' SIMILAR TO 'ab.c'
SELECT 'x1' SIMILAR TO '[a-z][0-9]', 'x' SIMILAR TO '(x|y)*', 'a|b' SIMILAR TO 'a\|b'
SELECT id FROM ev_orders WHERE customer SIMILAR TO '(a|b)%' ORDER BY id
-- format()
SELECT format('%s is %I and %L', 'x', 'my col', 'it''s')
SELECT format('%s|%s|%s|%s', true, 1.5::float8, 2.50, NULL)
SELECT format('%-5s|%5s|%2$s', 'a', 'b'), format('%*s|', 4, 'x'), format('%%')
SELECT format('%I.%I', 'public', 'Order'), format('%I', 'select'), format('%L', NULL), format('%L', E'a\\b')
SELECT format('Hello %s, you are %s', customer, qty) FROM ev_orders ORDER BY id
SELECT format('%s', DATE '2024-01-02'), format('%s', TIMESTAMP '2024-01-02 03:04:05'), format('%s', ARRAY[1, 2])
SELECT format('%s %s', 'a')
SELECT format('%x', 1)
SELECT format('%I', NULL)
-- rounding
SELECT round(2.5::float8), round(3.5::float8), round(-2.5::float8), round(0.5::float8)
SELECT round(2.5), round(-2.5), round(3.5), round(2.45, 1), round(-2.45, 1)
SELECT trunc(2.7::float8), ceil(2.1::float8), floor(-2.1::float8), trunc(-2.7), ceil(-2.5), floor(2.5)
SELECT id, round(price) FROM ev_orders ORDER BY id
SELECT id, round(amount) FROM ev_orders ORDER BY id
SELECT round(avg(qty), 2) FROM ev_orders
SELECT 2.5::int4, 3.5::int4, (-2.5)::int4, 2.5::float8::int4, 3.5::float8::int8, '2.5'::float8::int
-- integers: overflow and literals
SELECT abs(-2147483648)
SELECT 2147483647 + 1
SELECT 65536 * 65536
SELECT -(-2147483647), abs(-5), abs(-5.5), @ -3
SELECT 9223372036854775807 + 1
SELECT 1e3, 1.5e2, 2E-3, 1.50e2, 1.5e-2, 1e0
SELECT 255::bit(8), 5::bit(4)
SELECT 7 / 2, 7 % 2, -7 / 2, -7 % 2, 7.0 / 2, 7 / 2.0
SELECT 1 + 2 * 3, (1 + 2) * 3, 2 ^ 10, 10 - 2 - 3
SELECT 0.1 + 0.2, 0.1::float8 + 0.2::float8, 1.0 * 3
SELECT qty * price, qty * amount, qty + 0.5 FROM ev_orders ORDER BY id
-- casts between types
SELECT '42'::int, '42'::bigint, '  42  '::int, '-7'::smallint, '3.14'::numeric, '3.14'::float8, '1e3'::float8
SELECT 42::text, 3.14::text, true::text, 1.5::float8::text, DATE '2024-03-01'::text
SELECT '2024-03-01'::date, '2024-03-01 10:00:00'::timestamp, '10:30'::time, '1 day'::interval
SELECT 'abc'::varchar, 12::varchar, 'x'::text || 1
SELECT CAST(1.999 AS integer), CAST(-1.5 AS integer), CAST(1.5 AS integer), CAST(2.5 AS bigint)
SELECT 'yes'::boolean, 'no'::boolean, 'on'::boolean, 'off'::boolean, '1'::boolean, '0'::boolean, 't'::boolean, 'f'::boolean, ' TRUE '::boolean
SELECT 'maybe'::boolean
SELECT 'abc'::int
SELECT ''::int
SELECT '2024-02-30'::date
SELECT 1::boolean, 0::boolean, true::int
-- date and time input forms
SELECT '2024-03-01 10:00+00'::timestamptz, '2024-03-01 10:00-07:30'::timestamptz, '2024-03-01 10:00+0530'::timestamptz
SELECT '2024-03-01T10:00:00Z'::timestamptz, '2024-03-01T10:00:00.123+02:00'::timestamptz
SELECT 'Mar 1 2024 10:00'::timestamp, 'March 1, 2024'::date, '1 Mar 2024'::date, '03/01/2024'::date
SELECT 'epoch'::timestamp, 'infinity'::timestamp, '-infinity'::date, 'allballs'::time, 'epoch'::timestamptz, 'epoch'::date
SELECT TIMESTAMP '2024-03-01 10:00+02', TIMESTAMPTZ '2024-03-01 10:00+02', DATE '2024-03-01 10:00'
SELECT '10:30 pm'::time, '2024-03-01 12:00 am'::timestamp
SELECT 'today'::date - 'yesterday'::date, 'tomorrow'::date - 'today'::date
-- date arithmetic
SELECT DATE '2024-03-01' + 1, DATE '2024-03-01' - 1, DATE '2024-03-01' - DATE '2024-02-01'
SELECT DATE '2024-01-31' + INTERVAL '1 month', TIMESTAMP '2024-03-31 10:00' - INTERVAL '1 month'
SELECT TIMESTAMP '2024-03-01 10:00' - TIMESTAMP '2024-02-28 09:30'
SELECT DATE '2024-03-01' + TIME '10:30', INTERVAL '1 day' * 3, INTERVAL '90 minutes'
SELECT date_trunc('month', TIMESTAMP '2024-03-14 15:16:17'), date_trunc('day', TIMESTAMP '2024-03-14 15:16:17'), date_trunc('hour', TIMESTAMP '2024-03-14 15:16:17')
SELECT date_trunc('month', placed) AS m, count(*) FROM ev_orders GROUP BY 1 ORDER BY 1
SELECT extract(year FROM DATE '2024-03-01'), extract(month FROM TIMESTAMP '2024-03-01 10:00'), extract(dow FROM DATE '2024-03-03'), extract(doy FROM DATE '2024-03-01')
SELECT date_part('hour', TIMESTAMP '2024-03-01 10:20:30'), date_part('minute', TIMESTAMP '2024-03-01 10:20:30')
SELECT age(DATE '2024-03-01', DATE '2023-01-15'), age(TIMESTAMP '2024-03-01 10:00', TIMESTAMP '2024-03-01 08:30')
SELECT id, placed + INTERVAL '1 day' FROM ev_orders ORDER BY id
SELECT id, shipped - placed::date AS days FROM ev_orders ORDER BY id
SELECT make_date(2024, 2, 29), make_timestamp(2024, 2, 29, 12, 30, 0)
SELECT to_timestamp(1709287200), to_timestamp(0)::date
SELECT TIMESTAMPTZ '2024-03-01 10:00:00+00' AT TIME ZONE 'America/New_York', TIMESTAMP '2024-03-01 10:00:00' AT TIME ZONE 'UTC'
SELECT DATE '2024-02-29' + INTERVAL '1 year', DATE '2024-12-31' - INTERVAL '1 year'
SELECT justify_hours(INTERVAL '36 hours'), justify_days(INTERVAL '45 days')
-- comparisons and NULL handling
SELECT 1 = 1, 1 <> 2, 1 != 2, 'a' < 'b', 'a' < 'B', 'B' < 'a', 'é' > 'z', 'abc' > 'abd'
SELECT NULL = NULL, NULL <> 1, NULL IS NULL, 1 IS NOT NULL, NULL::int IS DISTINCT FROM 1, NULL IS NOT DISTINCT FROM NULL
SELECT 1 IS DISTINCT FROM 1, 1 IS DISTINCT FROM 2, NULL::text IS DISTINCT FROM 'a'
SELECT true AND NULL, false AND NULL, true OR NULL, false OR NULL, NOT NULL::boolean
SELECT 1 IN (1, 2), 3 IN (1, 2), 3 IN (1, NULL), 1 NOT IN (2, NULL), 3 NOT IN (1, 2)
SELECT NULL::int IN (1, 2), 1 = ANY(ARRAY[1, NULL]), 2 = ANY(ARRAY[1, NULL]), 2 <> ALL(ARRAY[1, NULL])
SELECT id FROM ev_orders WHERE region NOT IN ('north', NULL) ORDER BY id
SELECT id FROM ev_orders WHERE region NOT IN ('north') ORDER BY id
SELECT id FROM ev_orders WHERE id NOT IN (SELECT qty FROM ev_orders) ORDER BY id
SELECT id FROM ev_orders WHERE id IN (SELECT qty FROM ev_orders) ORDER BY id
SELECT 5 BETWEEN 1 AND 10, 5 BETWEEN 10 AND 1, 5 BETWEEN SYMMETRIC 10 AND 1, 5 NOT BETWEEN 1 AND 4, NULL::int BETWEEN 1 AND 2
SELECT id FROM ev_orders WHERE amount BETWEEN 10 AND 20 ORDER BY id
SELECT id FROM ev_orders WHERE paid ORDER BY id
SELECT id FROM ev_orders WHERE NOT paid ORDER BY id
SELECT id FROM ev_orders WHERE paid IS NOT TRUE ORDER BY id
SELECT id FROM ev_orders WHERE paid IS UNKNOWN ORDER BY id
SELECT coalesce(NULL, 2, 3), coalesce(NULL::text, 'x'), nullif(1, 1), nullif(1, 2), nullif('a', '')
SELECT id, coalesce(amount, 0), coalesce(region, 'none'), nullif(qty, 0) FROM ev_orders ORDER BY id
SELECT greatest(1, NULL, 3), least(2, NULL), greatest('a', 'B'), least(1.5, 2)
SELECT 'a' = 'a ', 'a '::text = 'a', length('a '), 'A' = 'a', lower('ÉA') = 'éa'
-- CASE
SELECT CASE WHEN 1 > 2 THEN 'x' WHEN 2 > 1 THEN 'y' END, CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END
SELECT CASE WHEN NULL THEN 1 ELSE 2 END, CASE NULL WHEN NULL THEN 'eq' ELSE 'ne' END
SELECT id, CASE WHEN amount > 50 THEN 'big' WHEN amount > 10 THEN 'mid' ELSE 'small' END FROM ev_orders ORDER BY id
SELECT id, CASE WHEN qty > 2 THEN 1 ELSE 0.5 END FROM ev_orders ORDER BY id
SELECT sum(CASE WHEN paid THEN amount ELSE 0 END), count(CASE WHEN paid THEN 1 END) FROM ev_orders
-- string functions
SELECT upper('abc'), lower('ÀBC'), initcap('hello world'), length('héllo'), char_length('abc'), octet_length('héllo')
SELECT substr('hello', 2, 3), substring('hello' FROM 2 FOR 3), substring('hello' FROM 3), left('hello', -1), right('hello', -1)
SELECT position('l' IN 'hello'), strpos('hello', 'lo'), replace('aaa', 'a', 'bb'), translate('abc', 'ab', 'xy')
SELECT trim('  x  '), trim(both 'x' FROM 'xxaxx'), trim(leading 'x' FROM 'xxa'), btrim('xyx', 'x'), ltrim('  a'), rtrim('a  ')
SELECT lpad('abc', 5), lpad('abc', 2), rpad('abc', 5, '*'), repeat('ab', 0), reverse('héllo')
SELECT split_part('a,b,,c', ',', 3), split_part('a,b', ',', 5), string_to_array('a,b,c', ','), array_to_string(ARRAY['a', NULL, 'c'], '-')
SELECT concat('a', NULL, 'b'), concat_ws(',', 'a', NULL, 'b'), 'a' || 'b' || 'c', 'n=' || 1
SELECT md5('hello'), ascii('A'), chr(66), to_hex(255), quote_literal('it''s'), quote_ident('My Col')
SELECT regexp_replace('abc123', '[0-9]+', 'X'), regexp_replace('aaa', 'a', 'b', 'g'), 'abc' ~ '^a', 'ABC' ~* 'b'
SELECT starts_with('hello', 'he'), 'hello' LIKE 'he%', 'hello' ^@ 'he'
SELECT string_agg(customer, ', ' ORDER BY customer) FROM ev_orders
SELECT customer FROM ev_orders ORDER BY customer
SELECT customer FROM ev_orders ORDER BY lower(customer), id
SELECT upper(customer) first, max(id) last FROM ev_orders GROUP BY 1 ORDER BY 1
SELECT id AS year, id AS offset, id AS position, qty value FROM ev_orders WHERE id < 3 ORDER BY id
-- aggregates, DISTINCT, GROUP BY expressions
SELECT count(*), count(amount), count(DISTINCT region), sum(qty), min(amount), max(placed) FROM ev_orders
SELECT region, count(*) FROM ev_orders GROUP BY region ORDER BY region
SELECT region, count(*) FROM ev_orders GROUP BY region ORDER BY region DESC
SELECT region, count(*) FROM ev_orders GROUP BY region ORDER BY region NULLS FIRST
SELECT region, count(*) FROM ev_orders GROUP BY region ORDER BY region DESC NULLS LAST
SELECT lower(customer) AS c, count(*) FROM ev_orders GROUP BY lower(customer) ORDER BY c
SELECT DISTINCT region FROM ev_orders ORDER BY region
SELECT DISTINCT ON (region) region, id FROM ev_orders ORDER BY region, id DESC
SELECT extract(day FROM placed) AS d, sum(amount) FROM ev_orders GROUP BY 1 ORDER BY 1
SELECT paid, count(*) FROM ev_orders GROUP BY paid ORDER BY paid
SELECT paid, count(*) FROM ev_orders GROUP BY paid ORDER BY paid DESC
SELECT id, amount FROM ev_orders ORDER BY amount
SELECT id, amount FROM ev_orders ORDER BY amount DESC
SELECT id, amount FROM ev_orders ORDER BY amount DESC NULLS LAST
SELECT id, shipped FROM ev_orders ORDER BY shipped DESC, id
SELECT id, qty FROM ev_orders ORDER BY qty DESC LIMIT 3
SELECT region, sum(amount) AS s FROM ev_orders GROUP BY region HAVING sum(amount) > 10 ORDER BY s DESC
SELECT bool_and(paid), bool_or(paid), every(qty > 0) FROM ev_orders
SELECT count(*) FILTER (WHERE paid), sum(qty) FILTER (WHERE region = 'north') FROM ev_orders
SELECT array_agg(id ORDER BY id DESC), array_agg(region ORDER BY id) FROM ev_orders
SELECT max(customer), min(customer) FROM ev_orders
SELECT kind, count(*), sum(n), avg(n)::numeric(10,2) FROM ev_events GROUP BY kind ORDER BY kind
SELECT kind, count(*) FROM ev_events GROUP BY ROLLUP (kind) ORDER BY kind, 2
-- window functions and frames
SELECT id, n, sum(n) OVER (ORDER BY id) FROM ev_events ORDER BY id
SELECT id, n, sum(n) OVER (ORDER BY n) FROM ev_events ORDER BY id
SELECT id, n, sum(n) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM ev_events ORDER BY id
SELECT id, n, row_number() OVER (ORDER BY n DESC), rank() OVER (ORDER BY n DESC), dense_rank() OVER (ORDER BY n DESC) FROM ev_events ORDER BY id
SELECT id, n, lag(n) OVER (ORDER BY id), lead(n, 2, 0) OVER (ORDER BY id), first_value(n) OVER (ORDER BY id), last_value(n) OVER (ORDER BY id) FROM ev_events ORDER BY id
SELECT id, kind, count(*) OVER (PARTITION BY kind), max(ts) OVER (PARTITION BY kind) FROM ev_events ORDER BY id
SELECT id, n, ntile(2) OVER (ORDER BY id), percent_rank() OVER (ORDER BY id), cume_dist() OVER (ORDER BY id) FROM ev_events ORDER BY id
SELECT id, n, avg(n) OVER (ORDER BY id ROWS 2 PRECEDING) FROM ev_events ORDER BY id
SELECT id, ts, count(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) FROM ev_events ORDER BY id
SELECT id, n, sum(n) OVER w FROM ev_events WINDOW w AS (ORDER BY id) ORDER BY id
-- joins and subqueries
SELECT o.id, e.kind FROM ev_orders o LEFT JOIN ev_events e ON e.id = o.id AND e.kind = 'view' ORDER BY o.id
SELECT o.id FROM ev_orders o WHERE EXISTS (SELECT 1 FROM ev_events e WHERE e.id = o.id AND e.n > 4) ORDER BY o.id
SELECT (SELECT max(n) FROM ev_events), (SELECT count(*) FROM ev_orders WHERE paid)
SELECT id, customer FROM ev_orders UNION SELECT id, kind FROM ev_events ORDER BY 1, 2
SELECT id FROM ev_orders INTERSECT SELECT id FROM ev_events WHERE n > 2 ORDER BY 1
SELECT id FROM ev_orders EXCEPT SELECT id FROM ev_events ORDER BY 1
WITH t AS (SELECT region, sum(amount) AS s FROM ev_orders GROUP BY region) SELECT region, s FROM t ORDER BY s DESC
-- inputs written into columns and compared with them
INSERT INTO ev_inputs (id, placed, d, t, ok, note) VALUES (1, '2024-03-02 11:30+02', 'Mar 3 2024', '10:30 pm', 'on', '2024-03-02 11:30+02')
INSERT INTO ev_inputs VALUES (2, '2024-03-02T09:00:00+0530', '03/04/2024', 'allballs', 'off', 'on')
INSERT INTO ev_inputs VALUES (3, '2024-03-05 10:00:00+00', '2024-03-05', '12:00', 'yes', 'Mar 3 2024')
UPDATE ev_inputs SET placed = '2024-03-05 10:00-07:30', ok = 'no' WHERE id = 2
SELECT id, placed, d, t, ok, note FROM ev_inputs ORDER BY id
SELECT id FROM ev_inputs WHERE placed >= '2024-03-02 10:00+02' AND ok = 'on' ORDER BY id
SELECT id FROM ev_inputs WHERE placed BETWEEN '2024-03-01 00:00+00' AND '2024-03-06 00:00+00' AND note = 'on' ORDER BY id
SELECT id FROM ev_inputs WHERE d IN ('Mar 3 2024', '2024-03-05') ORDER BY id
SELECT id FROM ev_inputs WHERE note = '2024-03-02 11:30+02'
SELECT 1e308 * 10
-- substring with a start below 1, text of doubles and arrays, literals compared with typed expressions
SELECT substring('hello', 0, 3), substring('hello', -1, 3), substr('hello', 10), substr('hello', -2), substring('hello' FROM -1 FOR 3), substring('hello' FROM 2)
SELECT id, substr(customer, id - 3, 3) FROM ev_orders ORDER BY id
SELECT timestamptz '2024-03-01 00:00+02' = timestamp '2024-02-29 22:00', timestamptz '2024-03-01 10:00+00' < '2024-03-01 11:00+02', current_date > '2024-01-01'
SELECT price::text, ARRAY[price]::text, (price * 2)::varchar, CAST(price AS text) FROM (VALUES (1.0::float8), (0.1), (1e20), (NULL)) v(price)
SELECT id, price::text, 'p=' || price::text FROM ev_orders ORDER BY id
SELECT x::text FROM (VALUES (ARRAY[1,2]), (ARRAY[NULL]::int[]), (NULL)) v(x)
SELECT x::text FROM (VALUES (ARRAY['a b', 'c', ''])) v(x)
SELECT substring('abc' FROM 'b.')
SELECT 1.0::float8 / 0
SELECT 'NaN'::float8, 'Infinity'::float8, '-inf'::float8, 'nan'::float8 = 'nan'::float8, 'NaN'::float8 > 1
SELECT sqrt(-1)
SELECT ln(0)
SELECT 3.0::float8 = 3, 0.1::float8 = 0.1, 0.1::float4 = 0.1::float8, 1::int = 1.0
SELECT 1.5::float4, 0.1::float4, 1e10::float4, 3.14159265358979::float4
SELECT 123456789.123::float8, 1e15::float8, 1e16::float8, 1e-5::float8, 0.0001::float8
SELECT 1.005::numeric(5,2), 2.675::numeric(10,2), (-1.005)::numeric(5,2), 123.456::numeric(3,0)
SELECT 32767::int2 + 1::int2
SELECT 40000::int2
SELECT '1 day 2 hours'::interval, '-1 day'::interval, '1 mon -1 day'::interval, '90 min'::interval, '1.5 hours'::interval
SELECT '2024-03-01'::date::timestamp, '2024-03-01 10:00'::timestamp::date, '2024-03-01 23:30+00'::timestamptz::date, '2024-03-01 10:00'::timestamp::time
SELECT '00000000-0000-0000-0000-000000000001'::uuid, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid
SELECT true < false, true > false, NULL::boolean < true
SELECT length(''), length(NULL), '' IS NULL, coalesce('', 'x'), nullif('', '') IS NULL
SELECT 'abc' || NULL, concat('abc', NULL), NULL || NULL
SELECT repeat('a', -1), lpad('abc', 0), rpad('', 3, 'xy'), lpad('abc', 6, '')
SELECT 'a' < 'ab', 'ab' < 'b', 'Z' < 'a', 'a' < 'é', '10' < '9', 'abc' < 'abc '
SELECT x FROM (VALUES ('b'), ('B'), ('a'), ('A'), ('_'), ('1'), (' '), ('é'), ('Z')) v(x) ORDER BY x
SELECT x FROM (VALUES (1.5::float8), ('NaN'), ('-Infinity'), (NULL), (0)) v(x) ORDER BY x
SELECT x FROM (VALUES (true), (NULL), (false)) v(x) ORDER BY x DESC
SELECT sum(x), avg(x), max(x) FROM (VALUES (NULL::int)) v(x)
SELECT string_agg(x, ',') FROM (VALUES ('a'), (NULL), ('b')) v(x)
SELECT min(x), max(x) FROM (VALUES ('apple'), ('Banana'), ('cherry')) v(x)
SELECT 5 > NULL, NULL::int + 1, NULL::text || 'a', -NULL::int
SELECT 1 WHERE NULL
SELECT 7::int / 2::int, 7::int8 / 2::int4, 7::int2 / 2::int2, 7 / -2, (-7) / 2
SELECT 2147483647::int8 + 1, 2147483647 + 1::int8, 3000000000, -2147483649
SELECT 1::int4 + 1.5::float8, 3 * 0.1, 100 * 1.1::float8, 0.1::float8 * 3
SELECT 5 % 0
SELECT mod(-7, 3), mod(7, -3), mod(5.5, 2)
SELECT floor(-0.5), ceil(-0.5), round(-0.5), trunc(-0.5), round(-0.5::float8), ceil(-0.5::float8)
SELECT round(1234.5678, -2), round(1234.5678, 2), trunc(1234.5678, -2), round(15, -1), round(25, -1)
SELECT 'x' IN ('x', NULL), 'y' IN ('x', NULL), 'y' NOT IN ('x', NULL), NULL IN (NULL)
SELECT ROW(1, 2) = ROW(1, 2), ROW(1, NULL) = ROW(1, NULL), ROW(1, 2) < ROW(1, 3), (1, 'a') IS DISTINCT FROM (1, 'b')
SELECT x, x IS TRUE, x IS FALSE, x IS NOT FALSE FROM (VALUES (true), (false), (NULL)) v(x)
SELECT date '2024-01-31' + interval '1 month' * 2, date '2024-03-31' - interval '1 month'
SELECT timestamp '2024-01-01 00:00' + interval '1.5 days', timestamp '2024-03-10 01:00' + interval '24 hours'
SELECT extract(hour FROM interval '25 hours'), extract(quarter FROM date '2024-05-01'), extract(week FROM date '2024-01-01')
SELECT date '2024-03-01' - 1 = date '2024-02-29', date '2024-03-01' > timestamp '2024-02-29 23:00', date '2024-03-01' = timestamp '2024-03-01 00:00'
SELECT interval '1 day' = interval '24 hours', interval '1 month' = interval '30 days', interval '1 month' > interval '29 days'
SELECT '2024-03-01'::date BETWEEN '2024-02-01' AND '2024-03-01', 'b' BETWEEN 'a' AND 'c'
-- implicit text conversions of doubles and booleans, rounding of expressions
SELECT 'p=' || 1.5::float8, 'p=' || 2.0::float8, concat('x', 1.0::float8), 1.0::float8 || ''
SELECT 'v: ' || true, concat(true, false), true::text, true::varchar
SELECT id, 'price: ' || price, concat(customer, ':', price, ':', paid) FROM ev_orders ORDER BY id
SELECT coalesce(NULL::float8, 1)::text, max(price)::text FROM ev_orders
SELECT string_agg(x::text, ',') FROM (VALUES (1.0::float8), (2.5)) v(x)
SELECT 0.5::float8::int, 1.5::float8::int, 2.5::float8::int, (-0.5)::float8::int, 2.5::float4::int, 0.5::numeric::int, 1.5::numeric::int
SELECT round(x / 2) FROM (VALUES (5.0::float8), (5)) v(x)
SELECT round(avg(x)) FROM (VALUES (2), (3)) v(x)
SELECT round(sum(x) / count(*)) FROM (VALUES (2.0), (3)) v(x)
SELECT id, round(amount / 2), round(price * 1), round(-price) FROM ev_orders ORDER BY id
SELECT ceil(1.0000001::float8), floor(-0.0000001::float8), round(1e-10::float8), round(-1e-10::float8)
-- more dates, windows and grouping
SELECT date_trunc('month', DATE '2024-03-15') + INTERVAL '1 month' - INTERVAL '1 day', date_trunc('week', DATE '2024-03-14')
SELECT x, sum(x) OVER (ORDER BY x), last_value(x) OVER (ORDER BY x) FROM (VALUES (1), (1), (2)) v(x) ORDER BY x
SELECT x, count(*) OVER (ORDER BY x DESC) FROM (VALUES (1), (NULL), (2)) v(x) ORDER BY x NULLS FIRST
SELECT x % 3 AS r, count(*) FROM generate_series(1, 10) x GROUP BY r ORDER BY r
SELECT (DATE '2024-03-15' - INTERVAL '1 month')::date, DATE '2024-03-31' + 30
SELECT EXTRACT(DOW FROM TIMESTAMP '2024-03-03'), EXTRACT(ISODOW FROM TIMESTAMP '2024-03-03')
SELECT age(TIMESTAMP '2024-03-31', TIMESTAMP '2024-02-29'), age(TIMESTAMP '2024-01-01', TIMESTAMP '2024-03-15')
SELECT INTERVAL '1 hour' * 2.5, INTERVAL '1 day' / 3, -INTERVAL '1 day', INTERVAL '1 mon' - INTERVAL '1 day'
SELECT left('hello', 2), right('hello', 2), left('hello', -2), right('hello', -2)
SELECT x FROM (VALUES ('a10'), ('a9'), ('A1'), ('_x'), ('-1')) v(x) ORDER BY x
SELECT count(DISTINCT (a, b)) FROM (VALUES (1, 2), (1, 2), (1, 3)) v(a, b)
SELECT a, b, count(*) FROM (VALUES (1, 'x'), (1, 'y'), (2, 'x')) v(a, b) GROUP BY GROUPING SETS ((a), (b), ()) ORDER BY a NULLS LAST, b NULLS LAST
SELECT CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' END, count(*) FROM (VALUES (1), (-1), (0), (NULL)) v(x) GROUP BY 1 ORDER BY 1
SELECT x::numeric(5,1), round(x, 1) FROM (VALUES (0.05), (0.15), (0.25), (-0.05)) v(x)
INSERT INTO ev_inputs VALUES (4, 'epoch', 'epoch', 'allballs', 'of', 'x'), (5, 'infinity', '-infinity', '00:00', 'TRUE', 'y')
SELECT id, placed, d, t, ok FROM ev_inputs WHERE id >= 4 ORDER BY id
SELECT count(*) FROM ev_inputs WHERE d > 'yesterday' OR d < 'epoch'
