-- PostgreSQL functions and operators DuckDB lacks or reads otherwise (pgsql/missing*.go,
-- pgfuncs_*.go): strings, regular expressions, json/jsonb, arrays, intervals, rows, sizes.
-- setup
CREATE TABLE miss_sz (id int PRIMARY KEY, t text)
INSERT INTO miss_sz SELECT g, 'row ' || g FROM generate_series(1, 1000) g
CREATE TABLE miss_docs (id int, doc jsonb, tags text[])
INSERT INTO miss_docs VALUES (1, '{"a": "x", "b": {"c": 5}, "n": null}', '{a,b}'), (2, '{"b": 2, "list": [1, 2, 3]}', '{c}'), (3, NULL, NULL)
-- compare
-- strings
SELECT initcap('hello wORLD-foo bar_baz 1abc'), initcap('ÉCOLE élève'), initcap(lower('JOHN o''REILLY'))
SELECT btrim('xxhixx', 'x'), btrim('  hi  '), btrim(''), btrim('abc', '')
SELECT quote_ident('abc'), quote_ident('Abc'), quote_ident('a b'), quote_ident('select'), quote_ident('Foo"bar'), quote_ident('user'), quote_ident('name'), quote_ident('_x1'), quote_ident('json'), quote_ident('int')
SELECT quote_literal('it''s'), quote_literal(42), quote_literal(E'a\\b'), quote_literal(1.5), quote_literal(true), quote_literal(DATE '2024-01-02')
SELECT quote_nullable(NULL), quote_nullable('x'), quote_nullable(5)
SELECT quote_literal(t) FROM miss_sz WHERE id = 1
SELECT encode('abc'::bytea, 'hex'), encode('abc'::bytea, 'base64'), encode(E'a\\000b'::bytea, 'escape')
SELECT encode('\x00ff10'::bytea, 'hex'), encode(repeat('x', 60)::bytea, 'base64'), encode('\x5c01'::bytea, 'escape')
SELECT decode('616263', 'hex'), decode('YWJj', 'base64'), decode('a\000b', 'escape'), decode('aGVsbG8=', 'base64')
SELECT string_to_array('a,b,,c', ','), string_to_array('a,b,NA', ',', 'NA'), string_to_array('abc', NULL), string_to_array('', ',')
SELECT string_to_array('a.b', '.'), string_to_array('a..b', '.', ''), string_to_array(NULL, ','), string_to_array('abc', '')
SELECT string_to_array('1,2,3', ',')::int[] AS a
SELECT unnest(string_to_array('x y z', ' ')) AS w
SELECT array_to_string(ARRAY['a', NULL, 'c'], ','), array_to_string(ARRAY['a', NULL, 'c'], ',', '*')
SELECT array_to_string(ARRAY[1, NULL, 3], '-', 'x'), array_to_string(ARRAY[]::int[], ','), array_to_string(ARRAY[[1,2],[3,4]], ',')
SELECT lpad('hello', 3), lpad('hi', 0), rpad('hello', 2, 'x'), lpad('hi', -1), lpad('hi', 5)
SELECT lpad('abc', 5, 'xy'), rpad('abc', 6, 'xy'), lpad('abc', 2, 'x'), lpad('abc', 5, ''), rpad('', 3, 'z')
SELECT lpad(id::text, 4, '0') FROM miss_sz WHERE id = 7
SELECT split_part('a,b,c', ',', -1), split_part('a,b,c', ',', 5), split_part('a.b.c', '.', -2)
SELECT md5('abc'), md5(''), sha256('abc'::bytea), encode(sha256('abc'), 'hex')
SELECT sha224('abc'), sha384('abc'), sha512('abc')
SELECT convert_to('abc', 'UTF8'), convert_from('\x616263'::bytea, 'UTF8'), convert_from(convert_to('héllo', 'LATIN1'), 'LATIN1'), convert_to('é', 'UTF8')
SELECT encode(convert_to('ü', 'UTF8'), 'hex')
SELECT starts_with('alphabet', 'alph'), starts_with('abc', 'b'), left('abc', -1), right('abc', -1)
SELECT to_hex(255), to_hex(-1), to_hex(9223372036854775807), to_hex(0), to_hex(255::bigint), to_hex(-255::bigint), to_hex(2147483647)
SELECT chr(65), ascii('A'), ascii(''), chr(8364), ascii('é'), chr(233)
SELECT chr(0)
-- regular expressions
SELECT regexp_replace('Hello World', 'o', '0', 'g'), regexp_replace('Hello', 'h', 'J', 'i'), regexp_replace('aaa', 'a', 'b')
SELECT regexp_replace('a.b.c', '\.', '-', 'g'), regexp_replace('ABC', 'b', 'x', 'gi'), regexp_replace('foo bar', '(\w+) (\w+)', '\2 \1')
SELECT regexp_matches('foobarbequebaz', '(bar)(beque)')
SELECT regexp_matches('a1b22c333', '[0-9]+', 'g')
SELECT regexp_matches('abc', '(a)(b)?'), regexp_matches('x', 'y')
SELECT regexp_matches('aXbX', 'x', 'gi')
SELECT id, regexp_matches(t, '[0-9]', 'g') FROM miss_sz WHERE id IN (12, 3) ORDER BY 1, 2
SELECT * FROM regexp_matches('a1b22', '[0-9]+', 'g') AS m
SELECT regexp_match('foobarbequebaz', 'bar.*que'), regexp_match('abc', 'z'), regexp_match('abc', '(a)(x)?'), regexp_match('ABC', 'b', 'i')
SELECT regexp_count('abcabc', 'b'), regexp_count('aaa', 'a', 2), regexp_count('AbAb', 'a', 1, 'i')
SELECT regexp_split_to_table('hello world  foo', '\s+')
SELECT regexp_split_to_array('hello world', '\s+'), regexp_split_to_array('a1b2c', '[0-9]')
SELECT substring('foobar' from 'o.b'), substring('foobar' from 'o(.)b'), substring('hello123' from '[0-9]+'), substring('abc' from 'z'), substring('hello' FROM 2)
SELECT substring('abc123', '[0-9]+') AS s, substring('2024-05-06' from '^[0-9]{4}') AS y
SELECT substr('hello', 2, 3), substring('hello', 2), substring('hello', 2, 2)
-- json and jsonb
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '{"a":1}'::jsonb ?| ARRAY['x','a'], '{"a":1}'::jsonb ?& ARRAY['x','a']
SELECT '["a","b"]'::jsonb ? 'a', '"a"'::jsonb ? 'a', '{"a":null}'::jsonb ? 'a', '{"a":1}'::jsonb ?| '{b,a}', '{"a":1}'::jsonb ?& '{a}'
SELECT '{"a":1,"b":2}'::jsonb @> '{"a":1}'::jsonb, '{"a":1}'::jsonb <@ '{"a":1,"b":2}'::jsonb, '{"a":1}'::jsonb @> '{}'
SELECT '[1,2,3]'::jsonb @> '[3,1]', '[1,[2]]'::jsonb @> '[[2]]', '{"a":[1,2]}'::jsonb @> '{"a":[2]}', '[1,2]'::jsonb @> '1'
SELECT '{"tags":["x","y"]}'::jsonb @> '{"tags":["y"]}', '["a"]'::jsonb <@ '["a","b"]'
SELECT '{"a":{"b":[1,2]}}'::jsonb #> '{a,b}', '{"a":{"b":[1,2]}}'::jsonb #>> '{a,b,1}'
SELECT '{"a":[1,{"b":2}]}'::jsonb #>> '{a,1}', '{"a":[1,2]}'::jsonb #> '{a,-1}', '{"a":1}'::jsonb #> '{x}', '{"a":[1,2,{"b":null}]}'::jsonb #> '{a,2}'
SELECT '{"a":1,"b":2}'::jsonb - 'a', '[1,2,3]'::jsonb - 1, '{"a":1,"b":2,"c":3}'::jsonb - ARRAY['a','b']
SELECT '[1,2,3]'::jsonb - -1, '["a","b","a"]'::jsonb - 'a', '{"a":1}'::jsonb || '[2]'::jsonb
SELECT '{"a":{"b":1,"c":2}}'::jsonb #- '{a,b}'
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb, '[1]'::jsonb || '[2]'::jsonb
SELECT jsonb_build_object('a', 1) || jsonb_build_object('b', 2) AS m, jsonb_build_object('a', 1, 'b', 2) - 'b' AS d
SELECT jsonb_set('{"a":1}'::jsonb, '{b}', '2'), jsonb_set('{"a":[1,2]}', '{a,0}', '9')
SELECT jsonb_set('{"a":1}', '{b,c}', '2'), jsonb_set('{"a":1}', '{b}', '2', false), jsonb_set('[1,2]', '{-1}', '9'), jsonb_set('[1,2]', '{5}', '9')
SELECT jsonb_insert('{"a":[1,2]}', '{a,1}', '9'), jsonb_insert('{"a":[1,2]}', '{a,1}', '9', true)
SELECT jsonb_array_elements('[1,"a",{"b":2}]'::jsonb)
SELECT * FROM jsonb_array_elements_text('[1,"a",null]'::jsonb)
SELECT value FROM jsonb_array_elements_text('["x","y"]') ORDER BY 1
SELECT x, n FROM jsonb_array_elements_text('["a","b"]') WITH ORDINALITY AS t(x, n)
SELECT id, jsonb_array_elements_text(j) AS e FROM (VALUES (1, '["a","b"]'::jsonb), (2, '[]'::jsonb)) v(id, j) ORDER BY 1, 2
SELECT count(*) FROM miss_sz, jsonb_array_elements('[1,2]'::jsonb) e
SELECT e.value FROM jsonb_array_elements('[1,2]'::jsonb) AS e
SELECT * FROM jsonb_each('{"a":1,"b":"x"}'::jsonb)
SELECT * FROM jsonb_each_text('{"a":1,"b":"x"}'::jsonb)
SELECT * FROM jsonb_each_text('{"a":{"b":1},"c":"d","e":null}')
SELECT * FROM json_each('{"a":1,"b":"x"}'::json)
SELECT * FROM json_each_text('{"b":1,"a":"x"}')
SELECT key FROM jsonb_each('{"b":1,"a":2}') ORDER BY key DESC
SELECT d.id, e.key FROM miss_docs d, jsonb_each(d.doc) e ORDER BY 1, 2
SELECT jsonb_object_keys('{"b":1,"a":2}'::jsonb)
SELECT k FROM jsonb_object_keys('{"b":1,"a":2}') AS k
SELECT * FROM jsonb_object_keys('{"b":1,"a":2}')
SELECT count(*) FROM jsonb_object_keys('{"a":1,"b":2}') k
SELECT jsonb_typeof('1'::jsonb), jsonb_typeof('"a"'), jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('null'), jsonb_typeof('true')
SELECT jsonb_typeof('1.5'), json_typeof('{"a":1}'::json), jsonb_array_length('[]'), jsonb_array_length('[1,2,3]'::jsonb)
SELECT jsonb_array_length(j), jsonb_typeof(j -> 0) FROM (VALUES ('[1,"a"]'::jsonb)) v(j)
SELECT jsonb_strip_nulls('{"a":1,"b":null}'::jsonb), jsonb_strip_nulls('[{"a":null},null]')
SELECT jsonb_pretty('{"a":1,"b":[1,2]}'::jsonb), jsonb_pretty('[]'), jsonb_pretty('{"a":{}}'), jsonb_pretty('"x"')
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (1), (2)) v(x)
SELECT jsonb_agg(x ORDER BY x DESC), json_agg(x) FILTER (WHERE x > 1), jsonb_agg(DISTINCT x) FROM (VALUES (1), (2), (3), (3)) v(x)
SELECT json_agg(x ORDER BY x) FROM (VALUES ('a'), (NULL)) v(x)
SELECT jsonb_agg(x ORDER BY x) FROM (VALUES (1)) v(x) WHERE false
SELECT jsonb_object_agg(k, v) FROM (VALUES ('a', 1), ('b', 2)) t(k, v)
SELECT jsonb_object_agg(k, v ORDER BY k) FROM (VALUES ('b', 2), ('a', 1)) t(k, v)
SELECT to_json('a'::text), to_jsonb(1), to_jsonb('x'::text), to_jsonb(true), to_jsonb(1.5)
SELECT to_jsonb(ROW(1, 'a')) AS j
SELECT row_to_json(t) FROM (SELECT 1 AS a, 'x' AS b) t
SELECT doc ->> 'a' AS a, doc #>> '{b,c}' AS c, (doc #>> '{b,c}')::int + 1 AS n FROM miss_docs WHERE id = 1
SELECT id, doc ? 'a' AS has, doc @> '{"b":{"c":5}}' AS c FROM miss_docs ORDER BY id
SELECT id FROM miss_docs WHERE doc ? 'list' OR doc @> '{"a":"x"}' ORDER BY id
SELECT id, doc::jsonb - 'a' AS rest FROM miss_docs WHERE id = 1
SELECT '{"a":{"b":1}}'::jsonb -> 'a', '{"a":{"b":1}}'::jsonb ->> 'a'
SELECT 'null'::jsonb AS n
-- arrays
SELECT '{1,2}'::int[] @> '{1}', '{1}'::int[] <@ '{1,2}', ARRAY[1,2] && ARRAY[2,3]
SELECT ARRAY[1,2,3] @> ARRAY[2], ARRAY['a'] <@ ARRAY['a','b'], ARRAY[1] && ARRAY[2], ARRAY[1,NULL] @> ARRAY[NULL]::int[]
SELECT '{a,b}'::text[] @> '{a}', '{1,2}'::int[] && '{2}', ARRAY['a','b'] <@ '{a,b,c}'
SELECT ARRAY[1,2] @> ARRAY[1,1] AS a, ARRAY[]::int[] <@ ARRAY[1] AS b, ARRAY[1,2] && ARRAY[]::int[] AS c
SELECT id, tags @> ARRAY['a'] AS x, tags && '{b,z}' AS y FROM miss_docs ORDER BY id
SELECT array_upper(ARRAY[1,2,3], 1), array_lower(ARRAY[1,2,3], 1), array_ndims(ARRAY[1,2]), array_dims(ARRAY[1,2,3])
SELECT array_dims(ARRAY[[1,2],[3,4]]), array_ndims(ARRAY[[1],[2]]), array_upper(ARRAY[[1,2,3],[4,5,6]], 2), array_lower(ARRAY[]::int[], 1)
SELECT array_remove(ARRAY[1,2,1], 1), array_replace(ARRAY[1,2,1], 1, 9)
SELECT array_replace(ARRAY['a','b'], 'a', NULL), array_fill('x'::text, ARRAY[2]), array_positions(ARRAY['a','b','a'], 'a')
SELECT array_position(ARRAY['a','b','c'], 'b'), array_positions(ARRAY[1,2,1], 1), array_position(ARRAY[1,2,3], 3)
SELECT array_remove(ARRAY['a', NULL], NULL) AS r, array_cat(ARRAY['a'], ARRAY['b','c']) AS c
SELECT array_cat(ARRAY[1,2], ARRAY[3]), array_fill(7, ARRAY[3])
SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) AS t(x, y)
SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) WITH ORDINALITY AS t(x, y, n)
SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY AS t(x, n)
SELECT t.id, x FROM (VALUES (1, ARRAY[1,2]), (2, ARRAY[3])) t(id, a), unnest(t.a) x ORDER BY 1, 2
SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c'])
-- aggregates, dates and intervals
SELECT bool_and(x), bool_or(x), every(x) FROM (VALUES (true), (false)) v(x)
SELECT bool_and(x > 0), bool_or(x > 2), every(x < 10) FROM (VALUES (1), (2)) v(x)
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(5, 0, 10, 5)
SELECT width_bucket(-1, 0, 10, 5), width_bucket(10, 0, 10, 5), width_bucket(5, 10, 0, 5)
SELECT width_bucket(x, 0, 100, 4) AS b, count(*) FROM (VALUES (5), (30), (99), (100), (-1)) v(x) GROUP BY 1 ORDER BY 1
SELECT setseed(0.5)
SELECT clock_timestamp() IS NOT NULL, timeofday() IS NOT NULL, statement_timestamp() IS NOT NULL, transaction_timestamp() IS NOT NULL
SELECT clock_timestamp() >= now() AS c, length(timeofday()) > 20 AS t, transaction_timestamp() = now()
SELECT justify_hours(INTERVAL '27 hours'), justify_days(INTERVAL '35 days'), justify_interval(INTERVAL '1 mon -1 hour')
SELECT justify_hours(INTERVAL '-27 hours'), justify_days(INTERVAL '-35 days'), justify_interval(INTERVAL '-1 mon 40 days 30 hours')
SELECT justify_days(INTERVAL '60 days'), justify_hours(INTERVAL '50 hours 10 minutes'), justify_interval(INTERVAL '35 days 25 hours')
SELECT extract(hour FROM INTERVAL '3 hours 20 minutes'), date_part('minute', INTERVAL '3 hours 20 minutes'), extract(epoch FROM INTERVAL '1 day')
SELECT age(TIMESTAMP '2024-03-01', TIMESTAMP '2023-01-15 10:00')
SELECT age(TIMESTAMP '2024-03-01 12:00', TIMESTAMP '2023-01-15 10:30:15'), age(DATE '2024-03-01', DATE '2024-02-01')
SELECT age(TIMESTAMP '2024-02-29', TIMESTAMP '2023-02-28'), age(TIMESTAMP '2024-01-31', TIMESTAMP '2024-03-01')
SELECT age(TIMESTAMP '2000-01-01') > INTERVAL '1 year'
SELECT make_interval(days => 10), make_interval(1, 2, 3, 4, 5, 6, 7.5)
SELECT make_interval(hours => 2, mins => 30), make_interval(weeks => 1), make_interval(secs => 1.5), make_interval(0, 0, 0, 1)
SELECT date_bin('15 minutes', TIMESTAMP '2020-02-11 15:44:17', TIMESTAMP '2001-01-01')
SELECT date_bin('1 hour', TIMESTAMPTZ '2024-01-01 10:35:00+00', TIMESTAMPTZ '2024-01-01 00:00:00+00'), date_bin('1 day', TIMESTAMP '2024-01-01 12:00', TIMESTAMP '2000-01-01 06:00')
SELECT date_bin(INTERVAL '15 minutes', ts, TIMESTAMP '2000-01-01') AS b FROM (VALUES (TIMESTAMP '2024-05-05 10:07:00'), (TIMESTAMP '2024-05-05 10:16:00')) v(ts) ORDER BY 1
SELECT isfinite(DATE '2024-01-01'), isfinite(TIMESTAMP 'infinity'), isfinite(INTERVAL '1 day'), isfinite(DATE 'infinity')
-- rows
SELECT ROW(1, 'a')
SELECT ROW(1, NULL, 'a b', '') AS r
SELECT (1, 2) = (1, 2), (1, 2) < (1, 3), ROW(1, NULL) = ROW(1, 2)
SELECT (1, 2) <> (1, 3), (1, 2) >= (1, 2), (2, NULL) > (1, 5), (1, NULL) < (1, 5), ROW(1, 2) = ROW(1, 2) AS eq
SELECT (1, 'a') = (1, 'a') AS eq, (1, 'a') IS DISTINCT FROM (1, 'b') AS d
SELECT id FROM miss_sz WHERE (id, t) = (5, 'row 5')
SELECT id FROM miss_sz WHERE (id, t) > (998, 'row 998') ORDER BY id
-- misc
SELECT num_nonnulls(1, NULL, 2), num_nulls(1, NULL, 2), num_nonnulls(NULL::int)
SELECT num_nonnulls(id, t, NULL) FROM miss_sz WHERE id = 1
SELECT gen_random_uuid() IS NOT NULL, gen_random_uuid()::text ~ '^[0-9a-f-]{36}$'
SELECT pg_size_pretty(1024::bigint), pg_size_pretty(123456789::bigint), pg_size_pretty(10::bigint)
SELECT pg_size_pretty(10240::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(1048576::bigint), pg_size_pretty(-123456789::bigint), pg_size_pretty(1099511627776::bigint)
SELECT pg_size_pretty(5368709120::bigint), pg_size_pretty(999999999999999::bigint)
SELECT pg_relation_size('miss_sz') > 0 AS r, pg_total_relation_size('miss_sz') >= pg_relation_size('miss_sz') AS t, pg_table_size('miss_sz') > 0 AS ts, pg_indexes_size('miss_sz') > 0 AS i
SELECT pg_relation_size('miss_sz'::regclass) > 0 AS r, pg_size_pretty(pg_total_relation_size('miss_sz')) IS NOT NULL AS p
SELECT relname, pg_total_relation_size(c.oid) > 0 AS big FROM pg_class c WHERE relname = 'miss_sz'
SELECT pg_database_size(current_database()) > 0 AS d
SELECT jsonb_extract_path('{"a":{"b":[1,2]}}', 'a', 'b'), jsonb_extract_path_text('{"a":{"b":[1,2]}}', 'a', 'b', '1'), json_extract_path_text('{"a":{"b":1}}', 'a', 'b')
SELECT regexp_like('Hello', 'ell'), regexp_like('Hello', 'ELL', 'i'), regexp_like('a', 'b')
SELECT regexp_substr('abc123def45', '[0-9]+'), regexp_substr('abc123def45', '[0-9]+', 1, 2), regexp_substr('ab12', '([a-z])([0-9])', 1, 1, '', 2), regexp_substr('abc', 'z')
SELECT regexp_instr('abc123', '[0-9]'), regexp_instr('abc123', '[0-9]+', 1, 1, 1), regexp_instr('aéb1', '[0-9]'), regexp_instr('abc', 'z')
SELECT '{"a":{"b":1},"c":[1,2],"d":"x","e":null}'::jsonb ->> 'a', '{"c":[1,2]}'::jsonb ->> 'c', '{"d":"x"}'::jsonb ->> 'd', '{"e":null}'::jsonb ->> 'e', '[1,{"x":2}]'::jsonb ->> 1
SELECT doc ->> 'b' AS b, doc ->> 'list' AS l FROM miss_docs ORDER BY id
SELECT chr(1114112)
