-- Result column names as PostgreSQL's FigureColname gives them, for every kind of
-- expression (the suite compares the names).
-- setup
DROP TABLE IF EXISTS cn_t
CREATE TABLE cn_t (k int, v int, s text, a int[])
INSERT INTO cn_t VALUES (1, 10, 'x', ARRAY[1,2]), (2, 20, 'y', ARRAY[3])
-- compare
SELECT (SELECT max(v) FROM cn_t)
SELECT (SELECT v AS y FROM cn_t WHERE k = 1)
SELECT (SELECT v + 1 FROM cn_t WHERE k = 1)
SELECT (SELECT 1)
SELECT (SELECT v FROM cn_t WHERE k = 1 UNION SELECT 5 ORDER BY 1 LIMIT 1)
SELECT (SELECT v::text FROM cn_t WHERE k = 1)
SELECT (VALUES (7))
SELECT ARRAY(SELECT v FROM cn_t ORDER BY v), EXISTS (SELECT 1 FROM cn_t), NOT EXISTS (SELECT 1 FROM cn_t)
SELECT k IN (SELECT v FROM cn_t) FROM cn_t ORDER BY k
SELECT CASE WHEN k = 1 THEN 'a' ELSE 'b' END, CASE WHEN k = 1 THEN 'a' ELSE s END, CASE k WHEN 1 THEN v END FROM cn_t ORDER BY k
SELECT k::text, k::int8, CAST(k AS numeric), s::varchar, v::float8, '1'::int, 1::bigint::text, s::text::int4 FROM cn_t WHERE k = 1
SELECT lower(s), pg_catalog.upper(s), count(*), length(s) FROM cn_t GROUP BY s ORDER BY s
SELECT a[1], (a)[1], a[1:1] FROM cn_t ORDER BY k
SELECT ROW(1, 2) IS NOT NULL, (1, 2) = (1, 2)
SELECT COALESCE(s, 'z'), GREATEST(k, v), LEAST(k, v), NULLIF(k, 1) FROM cn_t ORDER BY k
SELECT k, cn_t.v, t2.s FROM cn_t, cn_t AS t2 WHERE cn_t.k = 1 AND t2.k = 2
SELECT k + v, -k, k || s, s LIKE 'x%', k IS NULL, k BETWEEN 1 AND 2 FROM cn_t ORDER BY k
SELECT GROUPING(k), k FROM cn_t GROUP BY ROLLUP (k) ORDER BY k
SELECT current_date IS NOT NULL, current_schema
SELECT 1, 'a', NULL, true, 1.5
SELECT s COLLATE "C" FROM cn_t ORDER BY k
SELECT * FROM cn_t ORDER BY k
SELECT cn_t.*, 1 FROM cn_t ORDER BY k
SELECT x FROM (SELECT (SELECT max(v) FROM cn_t)) AS q(x)
SELECT * FROM (SELECT (SELECT max(v) FROM cn_t)) AS q
SELECT max FROM (SELECT (SELECT max(v) FROM cn_t)) AS q
SELECT (SELECT max(v) FROM cn_t) + 0, ((SELECT max(v) FROM cn_t))
SELECT ARRAY[k, v], array_agg(k) FROM cn_t GROUP BY k, v ORDER BY k
SELECT k FROM cn_t UNION SELECT v FROM cn_t ORDER BY 1
SELECT * FROM (VALUES (1, 'a')) AS v
SELECT extract(year FROM DATE '2024-01-01'), date_part('year', DATE '2024-01-01'), DATE '2024-01-01' + 1
SELECT CAST(NULL AS int), NULL::text, interval '1 day', DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00'
SELECT trim(s), substring(s FROM 1 FOR 1), position('x' IN s), overlay(s PLACING 'q' FROM 1) FROM cn_t ORDER BY k
SELECT * FROM (SELECT ARRAY[1], CASE WHEN true THEN 1 END, EXISTS (SELECT 1), COALESCE(1, 2), NULLIF(1, 2)) AS q
WITH c AS (SELECT count(*), max(v) FROM cn_t) SELECT * FROM c
WITH c AS (SELECT k::text, GREATEST(k, 0) FROM cn_t) SELECT greatest, k FROM c ORDER BY 1
SELECT q.* FROM cn_t JOIN (SELECT k, v * 2 FROM cn_t) AS q ON q.k = cn_t.k ORDER BY 1
SELECT * FROM (SELECT 1 UNION ALL SELECT 2) AS q ORDER BY 1
SELECT * FROM (SELECT lower(s) FROM cn_t ORDER BY lower) AS q
