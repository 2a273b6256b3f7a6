-- Text and binary encodings of arrays and edge values.
SELECT ARRAY['a b', 'c,d', NULL, '', 'q"x', 'back\slash'] AS a
SELECT ARRAY['{braces}', 'NULL', 'null'] AS a
SELECT ARRAY[DATE '2024-01-01', NULL] AS a
SELECT ARRAY[TIMESTAMP '2024-01-01 10:00:00.5'] AS a
SELECT ARRAY[1.5, 2.25]::numeric[] AS a
SELECT ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid] AS a
SELECT ARRAY[1::smallint, 2::smallint] AS a, ARRAY[1.5::real] AS r
SELECT ARRAY[true, NULL, false] AS a
SELECT ARRAY[[1, 2], [3, 4]] AS a
SELECT ARRAY[NULL::int] AS a
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS u
SELECT 123456789012.123456::numeric(18,6) AS n, -0.5::numeric(3,1) AS m, 100::numeric(5,0) AS h
SELECT 0.000001::numeric(10,8) AS small, 99999999.99::numeric(10,2) AS big
SELECT 1::numeric(10,2) AS one, 0::numeric(10,2) AS zero, -0.01::numeric(10,2) AS neg
SELECT 'infinity'::timestamp AS i, '-infinity'::timestamp AS ni
SELECT 'infinity'::date AS i
SELECT TIMESTAMP '0001-01-01 00:00:00' AS first, TIMESTAMP '9999-12-31 23:59:59.999999' AS last
SELECT TIMESTAMPTZ '1900-01-01 00:00:00+00' AS old
SELECT TIME '00:00:00' AS midnight, TIME '12:00:00.000001' AS us
SELECT INTERVAL '1 year -1 day' AS i, INTERVAL '1.5 days' AS d, INTERVAL '-1.5 hours' AS h
SELECT INTERVAL '100 years' AS c, INTERVAL '11 months' AS m
SELECT true AND NULL AS a, false OR NULL AS b, NOT NULL::boolean AS c
SELECT repeat('x', 10000) = repeat('x', 10000) AS eq, length(repeat('ab', 5000)) AS n
SELECT '日本語テキスト' AS ja, 'emoji 😀' AS e, E'tab\there' AS t
SELECT ''::text AS empty, ' '::text AS space
SELECT NULL AS n
SELECT NULL::int AS i, NULL::text AS t, NULL::timestamptz AS tz
SELECT '{"a": [1, {"b": null}]}'::jsonb AS j
SELECT 'NaN'::numeric AS n
SELECT 1e-10::float8 AS tiny, 123456789.123::float8 AS mid, 1.7976931348623157e308::float8 AS max
SELECT 3.4e38::float4 AS f, 1e-30::float4 AS tiny
SELECT -9223372036854775808::int8 AS min8, 32767::int2 AS max2
