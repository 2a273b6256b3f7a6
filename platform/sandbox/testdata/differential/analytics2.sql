-- Analytic SQL that still differs from PostgreSQL (DIFFERENCES.md lists each statement):
-- window frames and defaults, aggregates' floating-point rounding, set operations'
-- type resolution, arrays of arrays, regular-expression dialects, text functions' edges.
-- setup
CREATE TABLE an2_t (id integer, g text, x integer, f double precision, a integer[])
INSERT INTO an2_t VALUES (1, 'a', 10, 1.5, ARRAY[1,2]), (2, 'a', 20, NULL, NULL), (3, 'a', 20, 2.5, ARRAY[3]), (4, 'b', NULL, 0.5, ARRAY[]::integer[]), (5, 'b', 5, 3.0, ARRAY[5,6,7]), (6, 'b', 5, NULL, NULL), (7, 'c', 1, 1.0, ARRAY[8]), (8, NULL, 7, 7.0, ARRAY[9])
-- compare
-- windows
SELECT id, lag(x, 1, 1.5) OVER (ORDER BY id) AS l FROM an2_t ORDER BY id
SELECT id, count(DISTINCT x) OVER () AS c FROM an2_t ORDER BY id
-- aggregates
SELECT covar_pop(x, f) AS cp, covar_samp(x, f) AS cs, corr(x, f) AS c, regr_intercept(f, x) AS ri, regr_r2(f, x) AS r2 FROM an2_t
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM an2_t
SELECT g, count(*) FROM an2_t GROUP BY DISTINCT GROUPING SETS ((g), (g)) ORDER BY 1
-- LIMIT, FETCH, recursive search, ORDER BY USING
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SEARCH DEPTH FIRST BY n SET ord SELECT n FROM t
-- set operations and VALUES resolve a string literal against a column as text
SELECT 10 UNION SELECT '9' ORDER BY 1
SELECT x FROM an2_t UNION SELECT '100' ORDER BY 1
SELECT * FROM (VALUES ('1'), (2)) v(x)
-- arrays
SELECT array_length(ARRAY[1, 2], 2)
SELECT cardinality(ARRAY[[1, 2], [3, 4]]) AS c, (ARRAY[[1, 2], [3, 4]])[2] AS r
SELECT unnest(ARRAY[[1, 2], [3, 4]])
SELECT x IS NULL AS n FROM (SELECT ROW(NULL::int, NULL::int) AS x) s
-- regular expressions: PostgreSQL's dialect (ARE) against RE2
SELECT regexp_replace('abcabc', 'b', 'X', 1, 2)
SELECT regexp_replace('a b', 'a b', 'X', 'x')
-- arithmetic errors
SELECT (-2147483648) % -1
