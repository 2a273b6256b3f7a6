-- varchar(n) and char(n): a value too long for a column is refused (22001) unless what
-- is beyond n is blanks, which are cut; an explicit cast truncates; char(n) is padded,
-- and its trailing blanks do not count (pgsql/varlen.go, varlen.go).
DROP TABLE IF EXISTS vl_t
CREATE TABLE vl_t (id int PRIMARY KEY, v varchar(3), c char(3), t text, u varchar)
INSERT INTO vl_t VALUES (1, 'abc', 'xyz', 'long text', 'unbounded')
INSERT INTO vl_t VALUES (2, 'abcd', 'x', NULL, NULL)
INSERT INTO vl_t VALUES (3, 'ab', 'wxyz', NULL, NULL)
INSERT INTO vl_t VALUES (4, 'abc   ', 'ab     ', NULL, NULL)
INSERT INTO vl_t VALUES (5, 'a', 'b', NULL, NULL), (6, 'toolong', 'c', NULL, NULL)
INSERT INTO vl_t VALUES (5, 'a', 'b', NULL, NULL), (6, 'abc  ', 'c  ', NULL, NULL)
INSERT INTO vl_t VALUES (7, 'é€ü', 'ñçà', NULL, NULL)
INSERT INTO vl_t VALUES (8, 'é€üx', 'a', NULL, NULL)
INSERT INTO vl_t VALUES (9, 12, 345, NULL, NULL)
INSERT INTO vl_t VALUES (10, 1234, 'a', NULL, NULL)
INSERT INTO vl_t (id, v) VALUES (11, 'abcdef'::varchar(3))
INSERT INTO vl_t (id, v) VALUES (12, 'ab' || 'cd')
INSERT INTO vl_t (id, v) VALUES (13, 'ab' || '   ')
INSERT INTO vl_t (id, c) VALUES (14, ' a ')
INSERT INTO vl_t (id, c) VALUES (15, '')
SELECT id, v, c, length(v) AS lv, length(c) AS lc, c::text AS ct, c || '|' AS cc, octet_length(v::text) AS ov FROM vl_t ORDER BY id
SELECT id FROM vl_t WHERE c = 'ab' ORDER BY id
SELECT id FROM vl_t WHERE c = 'a' ORDER BY id
UPDATE vl_t SET v = 'wxyz' WHERE id = 1
UPDATE vl_t SET v = 'wxy  ' WHERE id = 1 RETURNING id, length(v)
UPDATE vl_t SET v = v || 'z' WHERE id = 5 RETURNING id, v, c, vl_t.c AS c2, length(c) AS lc
UPDATE vl_t SET v = v || 'zz' WHERE id = 5
UPDATE vl_t SET (v, c) = ('q', 'toolong') WHERE id = 5
UPDATE vl_t SET (v, c) = ('q', 'r  ') WHERE id = 5
UPDATE vl_t SET t = 'any length is fine here', u = 'and here too' WHERE id = 5
SELECT id, v, c, t, u FROM vl_t WHERE id = 5
INSERT INTO vl_t VALUES (5, 'zz', 'zz') ON CONFLICT (id) DO UPDATE SET v = excluded.v || 'zzz'
INSERT INTO vl_t VALUES (5, 'zz', 'zz') ON CONFLICT (id) DO UPDATE SET v = excluded.v || 'z' RETURNING *
INSERT INTO vl_t VALUES (21, 'zz', 'zz') ON CONFLICT (id) DO UPDATE SET v = excluded.v || 'zzz'
INSERT INTO vl_t VALUES (5, 'zzzz', 'zz') ON CONFLICT (id) DO NOTHING
INSERT INTO vl_t VALUES (20, 'ok', 'ok'), (5, 'x', 'x') ON CONFLICT (id) DO NOTHING RETURNING id
INSERT INTO vl_t (id, v, c) SELECT 30 + g, repeat('x', g), repeat('y', g) FROM generate_series(1, 3) g
INSERT INTO vl_t (id, v, c) SELECT 35 + g, repeat('x', g), 'a' FROM generate_series(1, 4) g
INSERT INTO vl_t (id, v) SELECT 40, 'abc' || '  '
INSERT INTO vl_t SELECT 41, 'abcd', 'a'
INSERT INTO vl_t SELECT 42, 'abc', 'a', 'x', 'y'
SELECT id, v, c FROM vl_t WHERE id >= 30 ORDER BY id
DELETE FROM vl_t WHERE id >= 40 RETURNING id, v, c
DELETE FROM vl_t t WHERE id = 36 RETURNING t.*
-- a column's type changed to varchar(n) or char(n): values too long are refused,
-- blanks beyond n cut, char(n) values lose their trailing blanks
DROP TABLE IF EXISTS vl_a
CREATE TABLE vl_a (id int, v text, w text)
INSERT INTO vl_a VALUES (1, 'abcd', 'ab  '), (2, 'ab   ', 'x')
ALTER TABLE vl_a ALTER COLUMN v TYPE varchar(2)
ALTER TABLE vl_a ALTER COLUMN v TYPE varchar(4)
ALTER TABLE vl_a ALTER COLUMN w TYPE char(2)
ALTER TABLE vl_a ALTER COLUMN v TYPE char(2) USING upper(v)
ALTER TABLE vl_a ALTER COLUMN v TYPE varchar(3) USING v || '!'
SELECT id, v, w, length(v) AS lv, w::text || '|' AS wt FROM vl_a ORDER BY id
CREATE INDEX vl_a_w ON vl_a (w)
ALTER TABLE vl_a ALTER COLUMN v TYPE varchar(1)
ALTER TABLE vl_a ALTER COLUMN w TYPE varchar(1)
SELECT id, v, w FROM vl_a ORDER BY id
UPDATE vl_a SET v = x.v || 'zzz' FROM (SELECT 1 AS id, 'a' AS v) x WHERE vl_a.id = x.id
UPDATE vl_a SET v = x.v FROM (SELECT 1 AS id, 'a' AS v) x WHERE vl_a.id = x.id RETURNING vl_a.id, vl_a.v
WITH s AS (SELECT 'abcd' AS v) INSERT INTO vl_a (id, v) SELECT 3, v FROM s
WITH s AS (SELECT 'abc ' AS v) INSERT INTO vl_a (id, v) SELECT 3, v FROM s RETURNING id, v
DROP TABLE vl_a
-- char(n) compared with a literal or a parameter: trailing blanks do not count
DROP TABLE IF EXISTS vl_c
CREATE TABLE vl_c (id int, c char(4), t text)
INSERT INTO vl_c VALUES (1, 'ab', 'ab'), (2, 'ab  ', 'ab  '), (3, 'abc', 'abc ')
SELECT id FROM vl_c WHERE c = 'ab ' ORDER BY id
SELECT id FROM vl_c WHERE c = 'ab' ORDER BY id
SELECT id FROM vl_c WHERE t = 'ab ' ORDER BY id
SELECT id FROM vl_c WHERE 'abc   ' = c ORDER BY id
SELECT id FROM vl_c x WHERE x.c IN ('ab  ', 'zz ') ORDER BY id
SELECT id FROM vl_c WHERE c <> 'ab   ' ORDER BY id
SELECT id FROM vl_c WHERE c > 'ab ' ORDER BY id
UPDATE vl_c SET t = 'x' WHERE c = 'abc ' RETURNING id, c, t
DELETE FROM vl_c WHERE c = 'abc  ' RETURNING id
DROP TABLE vl_c
-- explicit casts truncate, char(n) pads
SELECT 'abcdef'::varchar(3) AS a, CAST('abcdef' AS character varying(2)) AS b, 'ab'::char(4) AS c, 'abcdef'::char(2) AS d, 'a'::char AS e, 'xyz'::character AS f
SELECT length('ab  '::char(4)) AS l, 'ab'::char(4) = 'ab  '::char(4) AS eq, ('ab'::char(4))::text || '|' AS t, 12345::varchar(2) AS n
SELECT 'abcdef'::varchar AS unbounded, 'é€üx'::varchar(2) AS multibyte, NULL::varchar(2) AS n
SELECT v::varchar(1) AS v1, c::char(1) AS c1 FROM vl_t WHERE id = 1
DROP TABLE vl_t
