-- to_char and to_timestamp follow the session's time zone (SET TimeZone); timestamptz
-- values themselves are compared by their epoch (the sandbox sends them in UTC).
SET TimeZone = 'America/New_York'
SELECT to_char(TIMESTAMPTZ '2024-03-10 13:04:05+00', 'YYYY-MM-DD HH24:MI:SS TZ OF') AS ny
SELECT to_char(TIMESTAMPTZ '2024-07-01 12:00:00+00', 'FMHH12:MI am tz') AS summer
SELECT to_char(DATE '2024-03-10', 'YYYY-MM-DD HH24:MI TZ') AS midnight
SELECT to_char(TIMESTAMP '2024-03-10 13:04:05', 'YYYY-MM-DD HH24:MI:SS TZ') AS no_zone
SELECT extract(epoch FROM to_timestamp('2024-03-10 08:30', 'YYYY-MM-DD HH24:MI')) AS local_time
SELECT extract(epoch FROM to_timestamp('2024-03-10 08:30 +02', 'YYYY-MM-DD HH24:MI TZH')) AS with_offset
SELECT to_char(to_timestamp('2024-03-10 08:30', 'YYYY-MM-DD HH24:MI'), 'YYYY-MM-DD HH24:MI TZ') AS round_trip
SET TimeZone = 'Asia/Kolkata'
SELECT to_char(TIMESTAMPTZ '2024-03-10 13:04:05+00', 'YYYY-MM-DD HH24:MI TZ TZH:TZM') AS india
SET TimeZone = 'UTC'
SELECT to_char(TIMESTAMPTZ '2024-03-10 13:04:05+00', 'YYYY-MM-DD HH24:MI TZ') AS utc
