-- json and jsonb values as PostgreSQL 15 sends them (jsontext.go, pgsql/jsontext.go):
-- a json null is the json value null, not SQL NULL; json keeps its text as written,
-- jsonb is normalised; json-producing functions with their own spacing.
SELECT 'null'::jsonb AS n, 'null'::json AS j, NULL::jsonb AS sqlnull
SELECT '{"a":null}'::jsonb -> 'a' AS v, '{"a":null}'::jsonb ->> 'a' AS t, '{"a":null}'::jsonb -> 'b' AS missing
SELECT '{"a":null}'::json -> 'a' AS v, '{"a":null}'::json ->> 'a' AS t
SELECT '[null, 1]'::jsonb -> 0 AS first, '{"a":{"b":null}}'::jsonb #> '{a,b}' AS deep
SELECT '{"b":1,  "a":2, "a":3}'::json AS j, '{"b":1,  "a":2, "a":3}'::jsonb AS jb
SELECT '  [1,2 , 3]  '::json AS j, '[1,2 , 3]'::jsonb AS jb, '"x"'::json AS s, '12.50'::json AS num
SELECT '{"aa": 1, "b": [1, {"c": true}]}'::jsonb AS jb
SELECT json_build_object('a', 1) AS o, json_build_object('a', 1, 'b', 'x', 'c', NULL) AS o2
SELECT json_build_object('a', ARRAY[1, 2]) AS o
SELECT json_build_array(1, 2) AS a, json_build_array(1, 'x', NULL, true) AS a2
SELECT jsonb_build_object('b', 1, 'a', 2) AS o, jsonb_build_array(1, 'x') AS a
SELECT row_to_json(t) AS r FROM (SELECT 1 AS a, 'x' AS b) t
SELECT to_json(ARRAY[1, 2]) AS a, to_jsonb(ARRAY[1, 2]) AS b
SELECT json_agg(x) AS a FROM generate_series(1, 3) x
SELECT jsonb_agg(x) AS a FROM generate_series(1, 3) x
SELECT json_agg(t) AS a FROM (VALUES (1, 'a'), (2, 'b')) t(a, b)
SELECT json_object_agg(k, v) AS o FROM (VALUES ('a', 1), ('b', 2)) t(k, v)
SELECT jsonb_object_agg(k, v) AS o FROM (VALUES ('b', 1), ('a', 2)) t(k, v)
SELECT json_build_object('a', 1, 'b', 'x')::text, jsonb_build_object('k', true)::text
SELECT '{"b":1,  "a":2}'::json::text AS j, '{"b":1,  "a":2}'::jsonb::text AS jb
-- setup
CREATE TABLE js_t (id int, j json, jb jsonb)
INSERT INTO js_t VALUES (1, '{"b":1,  "a":2}', '{"b":1,  "a":2}'), (2, 'null', 'null'), (3, NULL, NULL)
-- compare
SELECT id, j::text AS j, jb::text AS jb FROM js_t ORDER BY id
SELECT id, j, jb FROM js_t ORDER BY id
SELECT id, jb -> 'a' AS jba, jb ->> 'a' AS t FROM js_t ORDER BY id
SELECT id, j -> 'a' AS ja, j ->> 'a' AS t FROM js_t ORDER BY id
SELECT j, jb FROM js_t WHERE id = 2
SELECT coalesce(j, '{}'::json) AS j FROM js_t ORDER BY id
SELECT json_agg(jb) AS a FROM js_t
SELECT json_build_object('a', json_build_object('x', NULL)) AS nested
SELECT '{"a": [1, 2]}'::json -> 'a' AS a
SELECT '{"a": {"b":  1}}'::jsonb AS jb, '{"a": {"b":  1}}'::json AS j
SELECT '[]'::jsonb AS a, '{}'::json AS o, '"a\u00e9\n"'::jsonb AS s, '1.50'::jsonb AS n, 'true'::json AS t
COPY (SELECT id, j, jb FROM js_t ORDER BY id) TO STDOUT
SELECT json_agg(a) AS a FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(a)
SELECT json_agg(j::json) AS a FROM (VALUES ('{"a":1}'), ('{"b":2}')) v(j)
SELECT json_agg(j::jsonb) AS a FROM (VALUES ('{"b":1,"a":2}'), ('[1,2]')) v(j)
SELECT json_agg(ROW(1, 2)) AS a
SELECT json_agg(v) AS a FROM (VALUES (1, 'x'), (2, 'y')) v(a, b)
SELECT json_agg(t ORDER BY t.a DESC) AS a FROM (VALUES (1, 'x'), (2, 'y')) t(a, b)
SELECT id FROM js_t WHERE jb = '{"a": 2, "b": 1}'::jsonb ORDER BY id
SELECT '{"a":1}'::json AS j UNION ALL SELECT '[1,  2]'::json
SELECT x FROM (SELECT '{"b":1, "a":2}'::jsonb AS x) s
SELECT $$[1,  "a"]$$::json AS j
