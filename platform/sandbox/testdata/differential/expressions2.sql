-- Everyday expressions DuckDB computed otherwise, silently (pgsql/floaterr.go,
-- exprs_text.go), and text order under the collation the sandbox announces (C.UTF-8).
-- setup
CREATE TABLE x2_t (id int, s text, d text, n int)
INSERT INTO x2_t VALUES (1, 'a,b,c', ',', 2), (2, 'abc', '', 1), (3, 'abc', '', 2), (4, 'x-y', '-', -1), (5, NULL, ',', 1)
CREATE TABLE x2_names (name text)
INSERT INTO x2_names VALUES ('apple'), ('Banana'), ('banana'), ('Apple'), ('_x'), ('Zebra'), ('éclair'), ('Éclair'), ('zebra'), ('10'), ('9'), ('a b'), ('ab')
-- compare
-- split_part: an empty delimiter makes the string its only field; negative positions count from the end
SELECT split_part('abc', '', 1), split_part('abc', '', 2), split_part('abc', '', -1), split_part('abc', '', -2)
SELECT split_part('a,b,c', ',', -1), split_part('a,b,c', ',', -3), split_part('a,b,c', ',', -4), split_part('a,b,c', ',', 4)
SELECT id, split_part(s, d, n) FROM x2_t ORDER BY id
SELECT id, split_part(s, ',', n) FROM x2_t ORDER BY id
SELECT split_part(NULL, '', 1), split_part('abc', NULL, 1), split_part('abc', '', NULL)
-- upper and lower of non-ASCII letters (C.UTF-8: Unicode case mapping, ß has no upper case)
SELECT upper('straße'), upper('éàü ǆ'), lower('ÉÀÜ Ǆ'), upper('ẞ'), lower('ẞ'), initcap('élan vital')
SELECT upper(s), lower(upper(s)) FROM x2_t WHERE id = 2
SELECT upper(name) FROM x2_names WHERE name LIKE '%clair' ORDER BY 1
-- ROW(…) as text
SELECT ROW(1, 'abc')::text
SELECT ROW(1, NULL, 'a b', '')::text AS r, ROW(2.5, true)::varchar AS v
SELECT (1, 'x')::text
-- text order and comparison under C.UTF-8 (code point order)
SELECT name FROM x2_names ORDER BY name
SELECT name FROM x2_names ORDER BY name DESC
SELECT min(name), max(name) FROM x2_names
SELECT 'B' < 'a', 'é' > 'z', 'Z' < 'a', 'a b' < 'ab', '10' < '9'
SELECT name FROM x2_names WHERE name > 'Z' ORDER BY 1
SELECT name FROM x2_names ORDER BY name COLLATE "C"
SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()
SHOW lc_collate
SHOW lc_ctype
-- geometric types: the sandbox has none
SELECT '(1,2)'::point
