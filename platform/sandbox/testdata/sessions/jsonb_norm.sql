-- jsonb values written in transactions, through RETURNING, cursors
-- and temporary tables are jsonb's normal text (jsonb.go). The script runs from the
-- start on new connections, once per protocol.
DROP TABLE IF EXISTS jbn_t
CREATE TABLE jbn_t (id int PRIMARY KEY, jb jsonb, n int)
BEGIN
INSERT INTO jbn_t VALUES (1, '{"b": 1, "a": [1e2, 1.50]}', 0) RETURNING id, jb, jb::text AS t
INSERT INTO jbn_t VALUES (2, '{"a":[100,1.50],"b":1}', 0), (3, '"\u00e9"', 0)
UPDATE jbn_t SET jb = jb || '{"c": {"y": 1, "x": 2}}'::jsonb WHERE id = 2 RETURNING jb::text AS t
COMMIT
SELECT id, jb::text AS t FROM jbn_t ORDER BY id
SELECT count(DISTINCT jb) AS n FROM jbn_t
INSERT INTO jbn_t VALUES (2, '{"z": 0}', 0) ON CONFLICT (id) DO UPDATE SET jb = '{"y":  [true, null], "x": "x"}', n = jbn_t.n + 1 RETURNING id, jb::text AS t, n
SELECT id FROM jbn_t WHERE jb IN ('{"x": "x", "y": [true, null]}', '"é"') ORDER BY id
BEGIN
DECLARE jbn_c CURSOR FOR SELECT jb::text AS t, count(*) AS n FROM jbn_t GROUP BY jb ORDER BY 1
FETCH ALL FROM jbn_c
COMMIT
CREATE TEMP TABLE jbn_tmp (jb jsonb)
INSERT INTO jbn_tmp SELECT jb FROM jbn_t
INSERT INTO jbn_tmp SELECT '{"b":1,"a":[1e2,1.50]}'::jsonb
SELECT jb::text AS t, count(*) AS n FROM jbn_tmp GROUP BY jb ORDER BY 1
DROP TABLE jbn_tmp
DELETE FROM jbn_t WHERE jb = '{"a": [100, 1.50], "b": 1}'::jsonb RETURNING id
DROP TABLE jbn_t
