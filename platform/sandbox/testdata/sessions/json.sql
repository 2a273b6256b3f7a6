-- json and jsonb values through cursors, a transaction and a temporary table (jsontext.go).
-- The script runs from the start on new connections, once per protocol.
DROP TABLE IF EXISTS jss_t
CREATE TABLE jss_t (id int, j json, jb jsonb)
INSERT INTO jss_t VALUES (1, '{"b":1,  "a":[1, 2]}', '{"b":1,  "a":2}'), (2, 'null', 'null'), (3, NULL, NULL)
SELECT id, j, jb FROM jss_t ORDER BY id
BEGIN
DECLARE jc CURSOR FOR SELECT id, j, jb FROM jss_t ORDER BY id
FETCH 2 FROM jc
FETCH ALL FROM jc
COMMIT
SELECT id, j -> 'a' AS a, jb -> 'a' AS b FROM jss_t WHERE j IS NOT NULL ORDER BY id
UPDATE jss_t SET j = '[1,  2]' WHERE id = 3 RETURNING id, j
SELECT json_build_object('id', id, 'j', j) AS o FROM jss_t ORDER BY id
DROP TABLE jss_t
