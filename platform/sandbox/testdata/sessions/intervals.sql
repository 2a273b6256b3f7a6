-- Intervals and timestamptz differences in a session time zone with daylight saving
-- time: timestamptz − timestamptz subtracts instants (23 hours across the spring
-- change), date_trunc and generate_series work in the zone, and interval columns
-- created in the session compare by their span at once.
SET TimeZone = 'America/New_York'
CREATE TEMP TABLE ses_tz (id int, a timestamptz, b timestamptz, d date)
INSERT INTO ses_tz VALUES (1, '2024-03-09 12:00:00-05', '2024-03-10 12:00:00-04', '2024-03-09'), (2, '2024-11-02 12:00:00-04', '2024-11-03 12:00:00-05', '2024-11-01'), (3, '2024-06-01 00:00:00-04', '2024-06-02 00:00:00-04', '2024-06-01')
SELECT id, b - a, a - b, extract(epoch FROM b - a) FROM ses_tz ORDER BY id
SELECT id, b - d, d - DATE '2024-01-01' FROM ses_tz ORDER BY id
SELECT id FROM ses_tz WHERE b - a < INTERVAL '1 day' ORDER BY id
SELECT id, b - a AS span FROM ses_tz ORDER BY span, id
SELECT TIMESTAMPTZ '2024-03-10 12:00:00-04' - TIMESTAMPTZ '2024-03-09 12:00:00-05', DATE '2024-03-10' - DATE '2024-03-01'
SELECT TIMESTAMPTZ '2024-03-09 12:00:00-05' + INTERVAL '1 day', TIMESTAMPTZ '2024-03-09 12:00:00-05' + INTERVAL '24 hours'
SELECT date_trunc('day', TIMESTAMPTZ '2024-03-10 12:00:00+00'), date_trunc('hour', TIMESTAMPTZ '2024-03-10 07:30:00+00'), date_trunc('week', TIMESTAMPTZ '2024-11-04 03:00:00+00'), date_trunc('month', TIMESTAMPTZ '2024-11-03 12:00:00+00')
SELECT date_trunc('century', TIMESTAMPTZ '2024-03-10 12:00:00+00'), extract(hour FROM TIMESTAMPTZ '2024-03-10 07:30:00+00'), extract(epoch FROM TIMESTAMPTZ '2024-03-10 07:30:00+00')
SELECT age(TIMESTAMPTZ '2024-03-11 00:00:00-04', TIMESTAMPTZ '2024-03-09 00:00:00-05'), to_timestamp(1710054000)
SELECT x FROM generate_series(TIMESTAMPTZ '2024-03-09 00:00:00-05', TIMESTAMPTZ '2024-03-12 00:00:00-04', INTERVAL '1 day') AS x
CREATE TEMP TABLE ses_iv (id int, wait interval)
INSERT INTO ses_iv VALUES (1, '1 day -02:00:00'), (2, '22:00:00'), (3, '23:00:00')
SELECT id FROM ses_iv WHERE wait = '22 hours' ORDER BY id
SELECT count(DISTINCT wait), count(*) FROM ses_iv
SELECT id, wait FROM ses_iv ORDER BY wait DESC, id
BEGIN
CREATE TEMP TABLE ses_iv2 (id int, lag_time interval)
INSERT INTO ses_iv2 VALUES (1, '1 mon -1 day'), (2, '29 days')
SELECT count(*) FROM ses_iv2 GROUP BY lag_time
COMMIT
SELECT a.id, b.id FROM ses_iv a JOIN ses_iv2 b ON a.wait < b.lag_time ORDER BY 1, 2
CREATE TEMP TABLE ses_int (k int, wait int)
INSERT INTO ses_int VALUES (1, 5), (1, 7), (2, 3)
SELECT wait, count(*) FROM ses_int GROUP BY wait HAVING wait > 3 ORDER BY wait
SELECT k, max(wait) FROM ses_int GROUP BY k ORDER BY max(wait)
SELECT DISTINCT wait FROM ses_int ORDER BY wait
SELECT wait, count(*) FROM ses_iv GROUP BY wait HAVING wait > '22 hours' ORDER BY wait
BEGIN
DECLARE ivc CURSOR FOR SELECT id, wait FROM ses_iv ORDER BY wait, id
FETCH 2 FROM ivc
CLOSE ivc
DECLARE tmc CURSOR FOR SELECT '23:59:59.7'::time(0) AS t
FETCH 1 FROM tmc
COMMIT
