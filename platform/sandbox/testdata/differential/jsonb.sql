-- jsonb compares, groups and deduplicates as PostgreSQL's does: every jsonb value the
-- sandbox makes or stores is jsonb's normal text (jsonb.go, pgsql/jsonb*.go).
SELECT '{"b": 1, "a": 2}'::jsonb = '{"a":2,"b":1}'::jsonb AS eq, '{"a": 1, "a": 2}'::jsonb = '{"a": 2}'::jsonb AS dup
SELECT '{"bb": 1, "a": {"d": [1, 2], "c": null}, "aaa": true}'::jsonb AS nested
SELECT '{"a": 1e2, "b": 1.50, "c": -0, "d": 12345678901234567890123, "e": 1.5e-3, "f": 1.50e1, "g": -0.0, "h": 1E+2}'::jsonb AS nums
SELECT '[1e2, 0.1e1, 10e-1, 123.456e5, -1.5E-10]'::jsonb::text AS nums
SELECT '"\u00e9\u0041\ud83d\ude00\t\n\"\\\/"'::jsonb AS s, '{"\u0061": "\u002f"}'::jsonb AS k
SELECT '"a\u001fb\u007f"'::jsonb AS ctl
SELECT '{"a":"\u0000"}'::jsonb
SELECT '"\ud83d"'::jsonb
SELECT '{"a":}'::jsonb
SELECT '[1, 2'::jsonb
SELECT '01'::jsonb
SELECT '[1e131072]'::jsonb
SELECT '1e-16384'::jsonb
SELECT length('1e1001'::jsonb::text) AS n, length('1e-16383'::jsonb::text) AS m
SELECT '  {"a"  :  [ ]  , "b" : { } }  '::jsonb AS empty
SELECT jsonb_build_object('b', 1, 'a', 'x') = '{"a": "x", "b": 1}'::jsonb AS eq
SELECT to_jsonb(ARRAY[1, 2]) = '[1,2]'::jsonb AS eq
SELECT jsonb_build_array(1, 'a', NULL)::text AS t
SELECT '{"b":1}'::jsonb || '{"a":2}'::jsonb AS c, '{"b":1,"a":2}'::jsonb - 'b' AS d
SELECT jsonb_set('{"b":1}'::jsonb, '{a}', '2') AS s
SELECT '{"b":1, "a":2}'::json::jsonb AS j
SELECT x FROM (SELECT '{"b":1, "a":2}'::jsonb::text AS x) s
-- setup
CREATE TABLE jb_t (id int PRIMARY KEY, jb jsonb, j json)
INSERT INTO jb_t VALUES (1, '{"b": 1, "a": 2}', '{"b": 1, "a" : 2}'), (2, '{"a":2,"b":1}', '[1,2]'), (3, '{"a": 1e2, "c": 1.50, "a": -0}', '{"x":1}'), (4, '[1, 2]', '[1, 2]'), (5, NULL, NULL), (6, 'null', 'null'), (7, '"x"', '"x"'), (8, '{"a": {"d": 1, "c": 2}}', NULL)
INSERT INTO jb_t SELECT id + 10, jb, j FROM jb_t WHERE id IN (1, 3)
INSERT INTO jb_t (id, jb) SELECT 20, '{"z":  [1e1, "\u00e9"], "y": 1}'
INSERT INTO jb_t (id, jb) VALUES (21, '{"k": 1}'::json), (22, CAST('{"k":  2}' AS text)::jsonb)
UPDATE jb_t SET jb = '[ 1,2 ]' WHERE id = 22
UPDATE jb_t SET (j, jb) = ('{"q":1}', '{"q" : 1}') WHERE id = 21
INSERT INTO jb_t (id, jb) VALUES (21, '{"n": 0}') ON CONFLICT (id) DO UPDATE SET jb = '{"y": 2, "x": 1}'
CREATE TABLE jb_u (jb jsonb, label text)
INSERT INTO jb_u VALUES ('{"a":2,"b":1}', 'ab'), ('[1,2]', 'list'), ('{"a":100,"c":1.50}', 'hundred')
-- compare
SELECT id, jb, jb::text AS t FROM jb_t ORDER BY id
SELECT id FROM jb_t WHERE jb = '{"a": 2, "b": 1}'::jsonb ORDER BY id
SELECT id FROM jb_t WHERE jb = '{"a": 0, "c": 1.50}' ORDER BY id
SELECT id FROM jb_t WHERE jb <> '[1,2]'::jsonb ORDER BY id
SELECT id FROM jb_t WHERE jb IN ('{"a":2, "b":1}'::jsonb, '"x"'::jsonb) ORDER BY id
SELECT jb::text AS jb, count(*) AS n FROM jb_t GROUP BY jb ORDER BY 2, 1
SELECT count(DISTINCT jb) AS n FROM jb_t
SELECT DISTINCT jb::text AS jb FROM jb_t ORDER BY 1
SELECT jb::text AS jb FROM jb_t WHERE id < 5 UNION SELECT jb::text FROM jb_u ORDER BY 1
SELECT count(*) AS n FROM (SELECT jb FROM jb_t UNION SELECT jb FROM jb_u) s
SELECT t.id, u.label FROM jb_t t JOIN jb_u u ON t.jb = u.jb ORDER BY t.id, u.label
SELECT t.id FROM jb_t t WHERE t.jb IN (SELECT jb FROM jb_u) ORDER BY t.id
SELECT x::text AS x FROM (SELECT jb AS x FROM jb_t WHERE id = 3) s
SELECT jsonb_build_object('k', jb) AS o FROM jb_t WHERE id = 3
SELECT row_to_json(t) AS r FROM jb_t t WHERE id = 3
SELECT (SELECT json_agg(jb ORDER BY id) FROM jb_t WHERE id IN (3, 4)) AS s
SELECT CASE jb WHEN '[1,2]' THEN 'y' ELSE 'n' END AS c FROM jb_t WHERE id = 4
SELECT json_agg(jb ORDER BY id) AS a FROM jb_t WHERE id < 5
SELECT jsonb_agg(jb ORDER BY id) AS a FROM jb_t WHERE id < 5
SELECT json_agg(j ORDER BY id) AS a FROM jb_t WHERE id < 5
SELECT jb -> 'a' AS a FROM jb_t WHERE id = 8
SELECT id, jb -> 'a' AS a, jb ->> 'a' AS t, jb #> '{a,c}' AS p, jb #>> '{a,d}' AS q FROM jb_t WHERE id IN (1, 3, 8) ORDER BY id
SELECT id FROM jb_t WHERE jb @> '{"a": 2}' ORDER BY id
SELECT id FROM jb_t WHERE '{"a": 2}' <@ jb ORDER BY id
SELECT id FROM jb_t WHERE jb ? 'a' ORDER BY id
SELECT jb - 'a' AS d, jb || '{"z": 1.50}' AS c, jb #- '{b}' AS e FROM jb_t WHERE id = 1
SELECT t.jb -> 'b' AS b FROM jb_t t WHERE t.id = 1
SELECT jb FROM jb_t ORDER BY jb, id
SELECT id, jb::text AS t FROM jb_t ORDER BY jb DESC NULLS LAST, id
SELECT t.id FROM jb_t t ORDER BY t.jb, t.id LIMIT 5
SELECT id AS jb FROM jb_t ORDER BY jb
SELECT DISTINCT jb FROM jb_t ORDER BY jb
SELECT jb FROM jb_t UNION SELECT jb FROM jb_u ORDER BY jb
SELECT max(jb::text) AS m FROM jb_t
SELECT x FROM (VALUES ('null'::jsonb), ('[]'), ('{}'), ('1'), ('"a"')) v(x) ORDER BY x
SELECT id FROM jb_t WHERE jb IN ('[1,2]', '"x"', '{"b":1, "a":2}') ORDER BY id
SELECT t.id FROM jb_t t WHERE '{"b":1,"a":2}' = t.jb ORDER BY t.id
SELECT id FROM jb_t WHERE jb <> '[1,2]' ORDER BY id
SELECT '[1.0]'::jsonb = '[1.00]'::jsonb AS eq
SELECT jb FROM jb_t WHERE id = 3 AND jb = '{"a": 0, "c": 1.5}'::jsonb
-- setup
ALTER TABLE jb_u ALTER COLUMN label TYPE jsonb USING to_jsonb(label)
CREATE TABLE jb_v (id int, v text)
INSERT INTO jb_v VALUES (1, '{"b": 1,  "a": 2}'), (2, '[1e2]')
ALTER TABLE jb_v ALTER COLUMN v TYPE jsonb USING v::jsonb
-- compare
SELECT label::text AS l FROM jb_u ORDER BY 1
SELECT id, v::text AS v FROM jb_v ORDER BY id
SELECT id FROM jb_v WHERE v = '{"a":2,"b":1}' ORDER BY id
UPDATE jb_v SET id = id + 10 WHERE v = '[1e2]'
DELETE FROM jb_v WHERE v = '{"b":1,"a":2}'
SELECT id, v::text AS v FROM jb_v ORDER BY id
-- setup
DROP TABLE jb_v
DROP TABLE jb_u
DROP TABLE jb_t
