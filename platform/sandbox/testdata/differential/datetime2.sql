-- Date and time values PostgreSQL computes and DuckDB computes otherwise, silently:
-- intervals compared by their span (30-day months, 24-hour days) in every place a
-- query compares them, BC dates written with month names or beyond PostgreSQL's range,
-- time(p) rounding up to 24:00:00, and the date/time functions analysts use every day.
-- setup
CREATE TABLE dt2_iv (id integer, iv interval, ts timestamp)
INSERT INTO dt2_iv VALUES (1, '1 day -02:00:00', '2024-01-01 00:00'), (2, '22 hours', '2024-01-01 02:00'), (3, '23 hours', '2024-01-02 00:00'), (4, '1 day', '2024-01-01 01:00'), (5, '1 mon -1 day', '2024-02-01 00:00'), (6, '29 days', NULL), (7, NULL, '2024-01-03 00:00'), (8, '-1 day +25:00:00', '2024-01-05 00:00')
CREATE TABLE dt2_iv2 (k integer, dur interval)
INSERT INTO dt2_iv2 VALUES (10, '22:00:00'), (11, '1 mon'), (12, '-01:00:00')
CREATE VIEW dt2_span AS SELECT id, iv AS span FROM dt2_iv
CREATE TABLE dt2_time (id integer, t time)
INSERT INTO dt2_time VALUES (1, '23:59:59.7'::time(0)), (2, '24:00:00'), (3, '12:00:00')
CREATE TABLE dt2_dates (id integer, d date, ts timestamp)
CREATE VIEW dt2_near AS SELECT id, iv FROM dt2_iv WHERE iv BETWEEN '21 hours' AND '22 hours'
-- compare
-- intervals: comparisons, IN, BETWEEN, ANY
SELECT '1 day -02:00:00'::interval = '22 hours'::interval, '1 day -02:00:00'::interval <> '22 hours'::interval, '1 day -02:00:00'::interval < '23 hours'::interval, INTERVAL '1 mon -1 day' = INTERVAL '29 days'
SELECT '1 day -02:00:00'::interval >= INTERVAL '22 hours', '-1 day +25:00:00'::interval = '01:00:00'::interval, make_interval(days => 1, hours => -2) = INTERVAL '22 hours'
SELECT id FROM dt2_iv WHERE iv = '22 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE iv = INTERVAL '22 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE '22 hours' = iv ORDER BY id
SELECT id FROM dt2_iv WHERE iv > '22 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE iv <> '22 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE iv <= '1 day -02:00:00' ORDER BY id
SELECT id FROM dt2_iv WHERE iv IN ('22 hours', '29 days') ORDER BY id
SELECT id FROM dt2_iv WHERE iv NOT IN ('22 hours', '29 days') ORDER BY id
SELECT id FROM dt2_iv WHERE iv BETWEEN '21 hours' AND '22 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE iv NOT BETWEEN '21 hours' AND '23 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE iv = ANY(ARRAY['22 hours'::interval, '01:00:00'::interval]) ORDER BY id
SELECT id FROM dt2_iv WHERE iv = '1 day'::interval - '2 hours'::interval ORDER BY id
SELECT id FROM dt2_iv WHERE ts - '2024-01-01'::timestamp = iv ORDER BY id
SELECT id FROM dt2_iv WHERE iv * 2 = INTERVAL '44 hours' ORDER BY id
SELECT id FROM dt2_iv WHERE -iv < INTERVAL '-23 hours' ORDER BY id
-- sorting
SELECT id, iv FROM dt2_iv ORDER BY iv, id
SELECT id, iv FROM dt2_iv ORDER BY iv DESC NULLS LAST, id
SELECT id, iv FROM dt2_iv ORDER BY 2, 1
SELECT id, iv AS d FROM dt2_iv ORDER BY d, id
SELECT id FROM dt2_iv WHERE iv IS NOT NULL ORDER BY iv + INTERVAL '1 hour', id
SELECT id, rank() OVER (ORDER BY iv) FROM dt2_iv ORDER BY id
SELECT id, row_number() OVER (PARTITION BY iv ORDER BY id) FROM dt2_iv ORDER BY id
SELECT id, span FROM dt2_span ORDER BY span, id
SELECT id FROM (SELECT id, iv AS x FROM dt2_iv) s ORDER BY x, id
-- grouping, DISTINCT, aggregates
SELECT count(*) FROM dt2_iv GROUP BY iv ORDER BY 1
SELECT count(DISTINCT iv) FROM dt2_iv
SELECT count(*) FROM (SELECT DISTINCT iv FROM dt2_iv) s
SELECT iv, count(*) FROM dt2_iv WHERE id IN (3, 4, 6) GROUP BY iv ORDER BY iv
SELECT count(*) AS n FROM dt2_iv WHERE id IN (1, 2, 3) GROUP BY iv ORDER BY n
SELECT * FROM (SELECT iv, count(*) AS n FROM dt2_iv WHERE id IN (3, 4) GROUP BY iv) s ORDER BY iv
SELECT count(*) FROM dt2_iv GROUP BY iv HAVING iv > '22 hours' ORDER BY 1
SELECT DISTINCT iv FROM dt2_iv WHERE id IN (3, 4, 6) ORDER BY iv
SELECT DISTINCT id % 2 AS p, iv FROM dt2_iv WHERE id IN (3, 4, 6) ORDER BY 1, 2
SELECT min(iv), max(iv) FROM dt2_iv WHERE id IN (1, 3, 4)
SELECT min(iv), max(iv) FROM dt2_iv WHERE id IN (2, 3, 5)
SELECT id, max(iv) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM dt2_iv WHERE id IN (3, 4, 5) ORDER BY id
-- joins and subqueries
SELECT id FROM dt2_near ORDER BY id
SELECT a.id, b.id FROM dt2_iv a JOIN dt2_iv b ON a.iv = b.iv AND a.id < b.id ORDER BY 1, 2
SELECT a.id, b.k FROM dt2_iv a JOIN dt2_iv2 b ON a.iv = b.dur ORDER BY 1, 2
SELECT a.id, b.k FROM dt2_iv a LEFT JOIN dt2_iv2 b ON a.iv < b.dur AND b.k = 10 ORDER BY 1, 2
SELECT id FROM dt2_iv WHERE iv IN (SELECT dur FROM dt2_iv2) ORDER BY id
SELECT id FROM dt2_iv WHERE EXISTS (SELECT 1 FROM dt2_iv2 WHERE dur = dt2_iv.iv) ORDER BY id
-- intervals computed by arithmetic and functions
SELECT id, ts - TIMESTAMP '2024-01-01' AS d FROM dt2_iv WHERE ts IS NOT NULL ORDER BY d, id
SELECT age(TIMESTAMP '2024-03-01', TIMESTAMP '2024-01-31') = INTERVAL '30 days', age(TIMESTAMP '2024-03-01', TIMESTAMP '2024-01-31')
SELECT justify_hours(INTERVAL '1 day -25 hours') = INTERVAL '-1 hour', justify_days(INTERVAL '1 mon -45 days') < INTERVAL '0'
SELECT id FROM dt2_iv WHERE iv IS NOT NULL ORDER BY justify_hours(iv), id
-- BC dates with month names, eras among the fields, PostgreSQL's range
SELECT 'Mar 15 44 BC'::date, 'March 15, 0044 BC'::date, '15-Mar-0044 BC'::date, '15 March 44 BC'::date
SELECT 'Mar 15 44 BC 10:00'::timestamp, 'Mar 15 0044 10:00:00 BC'::timestamp, '0044-03-15 BC 10:00'::timestamp
SELECT 'March 15, 0044 10:00:00+00 BC'::timestamptz, '15-Mar-0044 BC'::timestamptz, 'Mar 15 44 BC 10:00+02'::timestamptz
SELECT DATE 'Mar 15 44 BC', TIMESTAMP 'Mar 15 44 BC 10:00', 'Feb 29 45 BC'::date
SELECT 'Mar 15 44'::date, 'Mar 15 4'::date, 'Mar 15 144'::date, 'Mar 15 69'::date, 'Mar 15 70'::date, 'Mar 15 44 AD'::date
SELECT '4713-11-24 BC'::date, '4714-11-24 BC'::date, '4714-11-24 BC'::timestamp
SELECT '10000-01-01 BC'::date
SELECT '12345-06-07 08:09:10 BC'::timestamp
SELECT '4714-11-23 BC'::date
SELECT '4714-11-23 23:59:59 BC'::timestamp
SELECT 'March 15, 10000 BC'::date
SELECT '294277-01-01 BC'::timestamp
SELECT 'Feb 29 44 BC'::date
SELECT '5874898-01-01'::date
SELECT 'BC 0044-03-15'::date
INSERT INTO dt2_dates VALUES (1, 'Mar 15 44 BC', 'Mar 15 44 BC 10:00'), (2, 'Jan 2 10 BC', '15 March 44 BC')
SELECT id, d, ts, d::text FROM dt2_dates WHERE id IN (1, 2) ORDER BY id
INSERT INTO dt2_dates VALUES (3, '10000-01-01 BC', NULL)
SELECT count(*) FROM dt2_dates WHERE d < '0001-01-01'
-- time(p) rounding up to 24:00:00
SELECT '23:59:59.7'::time(0), '23:59:59.95'::time(1), CAST('23:59:59.5' AS time(0)), '12:00:00.5'::time(0), '24:00:00'::time
SELECT '24:00:00'::time(0) > '23:59:59'::time, '23:59:59.6'::time(0) = '24:00:00'::time
SELECT id, t FROM dt2_time ORDER BY id
SELECT max(t) FROM dt2_time
-- date/time functions
SELECT extract(year FROM DATE '0044-03-15 BC'), extract(year FROM TIMESTAMP '0001-01-01 BC'), date_part('year', DATE '0044-03-15 BC'), extract(year FROM DATE '2024-01-01'), extract(year FROM INTERVAL '-14 mons')
SELECT extract(epoch FROM INTERVAL '1 year'), extract(epoch FROM INTERVAL '1 mon'), extract(epoch FROM INTERVAL '-1 year 2 days'), extract(epoch FROM INTERVAL '-14 mons'), extract(epoch FROM INTERVAL '1 day -02:00:00')
SELECT date_part('epoch', INTERVAL '1 year 1 day'), date_part('epoch', TIMESTAMP '2024-01-01 00:00:00.5'), date_part('epoch', DATE '2024-01-01')
SELECT extract(epoch FROM TIMESTAMP '2024-03-10 12:34:56.5'), extract(epoch FROM DATE '2024-03-10'), extract(epoch FROM TIMESTAMPTZ '2024-03-10 12:34:56.5+00'), extract(epoch FROM TIME '10:00:00')
SELECT extract(dow FROM DATE '2024-03-10'), extract(isodow FROM DATE '2024-03-10'), extract(week FROM DATE '2024-12-30'), extract(doy FROM DATE '2024-03-10'), extract(isoyear FROM DATE '2021-01-03')
SELECT extract(year FROM INTERVAL '1 year 14 mons'), extract(month FROM INTERVAL '1 year 14 mons'), extract(day FROM INTERVAL '40 days'), extract(hour FROM INTERVAL '30 hours'), date_part('hour', INTERVAL '-1 day +02:00:00')
SELECT make_date(-44, 3, 15), make_timestamp(-44, 3, 15, 10, 0, 0), make_date(2024, 2, 29), make_timestamp(2024, 2, 29, 10, 30, 15.5), make_time(10, 30, 15.25)
SELECT make_date(2023, 2, 29)
SELECT date_trunc('century', TIMESTAMP '2024-03-10 10:00'), date_trunc('millennium', TIMESTAMP '2024-03-10'), date_trunc('century', TIMESTAMP '2000-06-01'), date_trunc('century', DATE '2001-01-01'), date_trunc('century', TIMESTAMP '1901-01-01')
SELECT date_trunc('century', INTERVAL '250 years'), date_trunc('millennium', INTERVAL '2500 years'), date_trunc('decade', TIMESTAMP '2024-03-10'), date_trunc('week', TIMESTAMP '2024-03-10 10:00')
SELECT (DATE '2024-01-01', DATE '2024-02-01') OVERLAPS (DATE '2024-01-15', DATE '2024-03-01'), (DATE '2024-01-01', DATE '2024-02-01') OVERLAPS (DATE '2024-02-01', DATE '2024-03-01')
SELECT (TIMESTAMP '2024-01-01', INTERVAL '1 day') OVERLAPS (TIMESTAMP '2024-01-01 12:00', INTERVAL '1 hour'), (DATE '2024-02-01', DATE '2024-01-01') OVERLAPS (DATE '2024-01-15', DATE '2024-01-16')
SELECT (DATE '2024-01-01', NULL::date) OVERLAPS (DATE '2023-12-15', DATE '2024-01-16'), (DATE '2024-01-01', NULL::date) OVERLAPS (DATE '2024-01-15', DATE '2024-01-16'), (NULL::date, NULL::date) OVERLAPS (DATE '2024-01-15', DATE '2024-01-16')
SELECT (TIME '10:00', TIME '11:00') OVERLAPS (TIME '10:30', TIME '12:00'), (DATE '2024-01-01', DATE '2024-01-01') OVERLAPS (DATE '2024-01-01', DATE '2024-01-01')
SELECT age(TIMESTAMP '2024-03-01 10:00', TIMESTAMP '2023-12-31 11:00'), age(TIMESTAMP '2000-02-29', TIMESTAMP '2024-02-28'), age(DATE '2024-03-31', DATE '2023-02-28'), age(TIMESTAMP '2024-02-29', TIMESTAMP '2023-03-31')
SELECT justify_hours(INTERVAL '50 hours'), justify_days(INTERVAL '45 days'), justify_interval(INTERVAL '1 mon -1 hour'), justify_interval(INTERVAL '-1 mon 35 days -25 hours')
SELECT DATE '2024-01-31' + 1, 7 + DATE '2024-02-28', DATE '2024-03-01' - DATE '2024-02-01', DATE '2024-01-31' + INTERVAL '1 month', TIMESTAMP '2024-03-31' - INTERVAL '1 month'
SELECT TIMESTAMP '2024-02-29' + INTERVAL '1 year', TIMESTAMP '2024-01-31' + INTERVAL '1 mon 1 day', DATE '2024-01-31' + INTERVAL '1.5 months', TIMESTAMP '2023-01-31' + INTERVAL '1 month' * 2
SELECT to_timestamp(0), to_timestamp(1700000000.5), to_timestamp(-1.25), to_timestamp(-62135596800)
SELECT x FROM generate_series(TIMESTAMP '2024-01-31', TIMESTAMP '2024-06-01', INTERVAL '1 month') AS x
SELECT INTERVAL '1 day' * 1.5, INTERVAL '1 mon' / 3, INTERVAL '1 mon' * 0.5, -INTERVAL '1 day -02:00:00', TIME '23:00' + INTERVAL '2 hours'
SELECT extract(decade FROM DATE '0044-03-15 BC'), extract(millennium FROM DATE '0044-03-15 BC'), extract(isoyear FROM DATE '0044-03-15 BC'), extract(decade FROM DATE '2024-03-15')
SELECT to_char(DATE '0044-03-15 BC', 'YYYY-MM-DD BC'), to_char(TIMESTAMP '0001-01-01 00:00:00 BC', 'Y,YYY YYY YY Y'), to_char(DATE '2024-03-15', 'YYYY')
SELECT string_agg(id::text, ',' ORDER BY iv, id) FROM dt2_iv
SELECT make_date(0, 3, 15)
COPY (SELECT '24:00:00'::time AS t, '23:59:59.7'::time(0) AS u) TO STDOUT
