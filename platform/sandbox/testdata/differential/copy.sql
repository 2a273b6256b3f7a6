-- COPY … TO STDOUT in text and CSV formats, from a table, a column list and a query
-- (compared byte for byte through pgx's CopyTo).
-- setup
CREATE TABLE diff_copy (id int PRIMARY KEY, t text, n numeric(8,2), b boolean, d date, ts timestamptz, bin bytea, iv interval, f double precision)
INSERT INTO diff_copy VALUES (1, 'plain', 1.5, true, '2024-02-29', '2024-02-29 12:00:00+00', '\x00ff', '1 day 02:00:00', 0.1)
INSERT INTO diff_copy VALUES (2, E'tab\there, new\nline\\back "quoted" comma,semi;', -0.25, false, '1999-01-01', '1999-01-01 00:00:00.5+00', '\x', '-3 mons', -1e100)
INSERT INTO diff_copy VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
INSERT INTO diff_copy VALUES (4, '', 0, true, 'infinity', '-infinity', '\x5c', '00:00:00.000001', 'Infinity')
INSERT INTO diff_copy VALUES (5, '\N', 100, false, '2000-01-01', '2000-01-01 00:00:00+00', NULL, NULL, 'NaN')
INSERT INTO diff_copy VALUES (6, '\.', 1, true, '2000-01-01', NULL, NULL, NULL, 1)
INSERT INTO diff_copy VALUES (7, E'cr\rbell\x07', 2, true, NULL, NULL, NULL, NULL, 2)
-- compare
COPY diff_copy TO STDOUT
COPY diff_copy TO STDOUT WITH (FORMAT csv)
COPY diff_copy TO STDOUT WITH (FORMAT csv, HEADER)
COPY diff_copy TO STDOUT WITH CSV HEADER
COPY diff_copy (id, t) TO STDOUT
COPY diff_copy (t, id) TO STDOUT (FORMAT csv, HEADER true, DELIMITER ';', NULL 'NULL')
COPY diff_copy (id, t) TO STDOUT (FORMAT csv, FORCE_QUOTE *)
COPY diff_copy (id, t, b) TO STDOUT (FORMAT csv, FORCE_QUOTE (t, b))
COPY diff_copy (id, t) TO STDOUT (FORMAT csv, QUOTE '''', ESCAPE '\')
COPY diff_copy (id, t) TO STDOUT (DELIMITER '|', NULL '')
COPY diff_copy (id, t) TO STDOUT (FORMAT text, HEADER)
COPY diff_copy (t) TO STDOUT (FORMAT csv)
COPY (SELECT id, t FROM diff_copy WHERE id < 3 ORDER BY id DESC) TO STDOUT
COPY (SELECT id, upper(t) AS u, n * 2 AS dbl FROM diff_copy ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)
COPY (SELECT 1 AS one, 'a,b' AS two, NULL AS three) TO STDOUT (FORMAT csv)
COPY (VALUES (1, 'x'), (2, 'y')) TO STDOUT
COPY (SELECT count(*) FROM diff_copy) TO STDOUT WITH CSV HEADER
COPY (SELECT ARRAY[1, 2] AS a, ARRAY['x y', NULL] AS b) TO STDOUT
COPY (SELECT '{"k": [1, 2]}'::json AS j) TO STDOUT (FORMAT csv)
COPY (SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, TIME '10:11:12.5' AS t) TO STDOUT
COPY (SELECT * FROM diff_copy WHERE false) TO STDOUT WITH CSV HEADER
COPY no_such_table TO STDOUT
COPY diff_copy (no_such_column) TO STDOUT
COPY diff_copy TO STDOUT (FORMAT xml)
COPY diff_copy TO STDOUT (QUOTE '"')
COPY diff_copy TO STDOUT (FORMAT csv, DELIMITER ',,')
COPY diff_copy TO STDOUT (FORMAT csv, FORCE_QUOTE (nope))
COPY (SELECT 1/0) TO STDOUT
COPY diff_copy TO STDOUT (FORMAT binary)
COPY (SELECT id, t, n, b, d, ts, bin, iv, f FROM diff_copy ORDER BY id) TO STDOUT WITH BINARY
COPY (SELECT ARRAY[1, 2] AS a, ARRAY['x y', NULL] AS b, '{"k": 1}'::json AS j, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u) TO STDOUT (FORMAT binary)
COPY diff_copy TO STDOUT (FORMAT binary, HEADER)
COPY diff_copy TO STDOUT (FORMAT binary, DELIMITER ',')
COPY (SELECT ARRAY[[1, 2], [3, 4]] AS a, ARRAY['{}', 'a"b', 'back\slash', '', 'NULL', ' sp '] AS t, ARRAY[true, NULL] AS b) TO STDOUT
COPY (SELECT ARRAY[[1, 2], [3, 4]] AS a, ARRAY['{}', 'a"b', 'back\slash', '', 'NULL', ' sp '] AS t) TO STDOUT (FORMAT csv)
COPY (SELECT ARRAY['\x01'::bytea] AS a, ARRAY[DATE '2024-01-01', NULL] AS d, ARRAY[TIMESTAMPTZ '2024-01-01 00:00:00+00'] AS z, ARRAY[INTERVAL '1 day'] AS i) TO STDOUT
COPY (SELECT 'é'::text AS e, E'\\x41'::text AS bs, '2024-01-01 BC'::date AS bc, true AS t, false AS f) TO STDOUT (FORMAT csv, HEADER)
COPY (SELECT ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid] AS u, ARRAY[1.50, -2]::numeric(6,2)[] AS n, ARRAY[0.1, 1e300]::float8[] AS f, ARRAY[[true, false], [NULL, true]] AS b) TO STDOUT
COPY (SELECT ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid] AS u, ARRAY[1.50, -2]::numeric(6,2)[] AS n, ARRAY['x,y', 'q"'] AS t) TO STDOUT (FORMAT csv, HEADER)
COPY (SELECT ARRAY['x,y', 'q"', NULL, ''] AS t, ARRAY[[1, 2], [3, 4]] AS a, ARRAY[DATE '2024-01-01'] AS d, ARRAY[TIMESTAMP '2024-01-01 10:00:00'] AS ts) TO STDOUT (FORMAT binary)
COPY (SELECT TIMESTAMPTZ '2024-06-01 12:00:00.5+02' AS z, TIMESTAMP '1999-12-31 23:59:59.999999' AS ts, INTERVAL '-1 day 02:03:04' AS i, TIME '00:00:00' AS t) TO STDOUT (FORMAT binary)
COPY (SELECT TIMESTAMPTZ '2024-06-01 12:00:00.5+02' AS z, INTERVAL '1 year 2 months' AS i, '\x00010203'::bytea AS b, 12345.678::numeric(10,3) AS n) TO STDOUT (FORMAT csv)
COPY (SELECT x::int AS x, (x * 2)::int AS y, repeat('ab', x % 7) AS s FROM generate_series(1, 2000) AS g(x)) TO STDOUT (FORMAT binary)
