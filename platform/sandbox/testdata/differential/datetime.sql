-- Date and time input forms PostgreSQL accepts and the sandbox must read the same way:
-- BC dates, intervals as PostgreSQL prints them (and ISO 8601, SQL standard), years
-- beyond 9999, infinity written into columns, time with time zone, timestamp precision.
-- setup
CREATE TABLE dt_vals (id integer, d date, ts timestamp, tz timestamptz, iv interval)
CREATE TABLE dt_prec (id integer, t0 timestamp(0), t3 timestamp(3), z timetz)
-- compare
-- BC
SELECT '0044-03-15 BC'::date, DATE '0044-03-15 BC', '2024-01-01 BC'::date
SELECT '0044-03-15 10:00:00 BC'::timestamp, TIMESTAMP '0001-01-01 00:00:00 BC', '0044-03-15 10:00:00+00 BC'::timestamptz
SELECT '0044-03-15 BC'::date::text, '0001-12-31 BC'::date + 1, '0001-01-01'::date - 1
SELECT '0044-03-15 ad'::date, '0044-03-15 AD'::date
INSERT INTO dt_vals (id, d, ts, tz) VALUES (1, '0044-03-15 BC', '0044-03-15 10:00:00 BC', '0044-03-15 10:00:00+00 BC')
SELECT id, d, ts, tz FROM dt_vals WHERE id = 1
SELECT id FROM dt_vals WHERE d < '0001-01-01'
-- intervals as PostgreSQL prints them
SELECT '1 day -02:00:00'::interval, '-3 days +04:05:06.5'::interval, '1 year 2 mons'::interval
SELECT '@ 1 hour ago'::interval, '@ 1 day 2 hours'::interval, '1 day ago'::interval
SELECT 'P1Y2M3DT4H5M6S'::interval, 'PT1.5S'::interval, 'P1W'::interval, 'P0001-02-03T04:05:06'::interval
SELECT '1-2'::interval, '-1-2'::interval, '3 4:05:06'::interval, '00:00:01.5'::interval, '-00:00:01.5'::interval
SELECT '1.5 days'::interval, '1.5 months'::interval, '0.5 years'::interval, '2.5 hours'::interval, '1.5 weeks'::interval
SELECT INTERVAL '1 day -02:00:00', INTERVAL '1 year 2 mons 3 days'
SELECT '-1 day'::interval, '-1 mons -2 days +03:00:00'::interval, '-00:00:00.000001'::interval, '1 year -1 mons'::interval
SELECT '100 years'::interval, '-178000000 years'::interval, '2 days 25:00:00'::interval
SELECT 'abc'::interval
INSERT INTO dt_vals (id, iv) VALUES (2, '1 day -02:00:00'), (3, '-3 days +04:05:06.5'), (4, '@ 1 hour ago'), (5, 'P1Y2M3DT4H5M6S'), (6, '1-2'), (7, '1.5 days')
SELECT id, iv FROM dt_vals WHERE iv IS NOT NULL ORDER BY id
SELECT id FROM dt_vals WHERE iv > '1 day -02:00:00' ORDER BY id
-- years beyond 9999, infinity into columns
SELECT '10000-01-01'::date, '12345-06-07 08:09:10'::timestamp
INSERT INTO dt_vals (id, d, ts, tz) VALUES (8, 'infinity', 'infinity', 'infinity'), (9, '-infinity', '-infinity', '-infinity')
SELECT id, d, ts, tz FROM dt_vals WHERE id IN (8, 9) ORDER BY id
-- time with time zone
SELECT '10:00:00+02'::timetz, '10:00:00.5-07:30'::timetz, TIME WITH TIME ZONE '23:59:59+00'
SELECT '10:00:00'::time with time zone
-- timestamp precision
SELECT '2024-01-01 10:00:00.5'::timestamp(0), '2024-01-01 10:00:00.4'::timestamp(0), '2024-01-01 10:00:00.12345'::timestamp(3)
SELECT '2024-01-01 10:00:00.5+00'::timestamptz(0), '2024-01-01 10:00:00.1255'::timestamptz(3), '10:00:00.5'::time(0)
SELECT CAST('2024-12-31 23:59:59.9' AS timestamp(0))
SELECT CAST('2024-01-01 10:00:00.5+00' AS timestamp(0) with time zone), '1960-01-01 10:00:00.5+00'::timestamptz(0), '10:00:00.4'::time(0), '10:00:00.4'::time(6), '2024-01-01 10:00:00.123456+00'::timestamptz(6)
SELECT '10:00:00+05:21:10'::timetz, '00:00:00-12'::timetz
-- written into columns: precision, timetz, years beyond 9999, BC in UPDATE
INSERT INTO dt_prec VALUES (1, '2024-01-01 10:00:00.5', '2024-01-01 10:00:00.12345', '10:00:00+02'), (2, '2024-12-31 23:59:59.7', '2024-01-01 10:00:00.1235', '23:59:59.5-07:30')
SELECT id, t0, t3, z FROM dt_prec ORDER BY id
INSERT INTO dt_vals (id, d, ts, tz) VALUES (10, '10000-01-01', '10000-01-01 10:00:00', '10000-01-01 10:00:00+00')
SELECT id, d, ts, tz FROM dt_vals WHERE id = 10
UPDATE dt_vals SET d = '0100-01-01 BC', iv = '@ 2 days ago' WHERE id = 10
SELECT id, d, iv FROM dt_vals WHERE id = 10
SELECT '2024-03-01 BC'::date < '0001-01-01'::date, '1 day -02:00:00'::interval = INTERVAL '22 hours'
SELECT INTERVAL '1-2' YEAR TO MONTH, INTERVAL '3 4:05:06' DAY TO SECOND, INTERVAL '1' DAY, INTERVAL '90' MINUTE
SELECT INTERVAL '2' HOUR, INTERVAL '1.5' DAY, INTERVAL '3' YEAR, INTERVAL '7' MONTH, INTERVAL '5' YEAR TO MONTH, INTERVAL '10' SECOND
SELECT '0044-03-15 10:00:00+00 BC'::timestamptz::text, d::text, ts::text FROM dt_vals WHERE id = 1
