-- A query string holding several statements runs in PostgreSQL's implicit transaction
-- block: DECLARE without HOLD may run in it (its cursor closes when the string ends),
-- an error rolls back the statements before it, COMMIT/ROLLBACK end the block (with a
-- warning) and the statements after them start a new one, BEGIN makes it explicit.
-- In the extended protocol each string is refused (42601) on both servers.
CREATE TEMP TABLE imp_t (a int)
DECLARE c CURSOR FOR SELECT 1 AS n; FETCH ALL FROM c
FETCH ALL FROM c
DECLARE c2 CURSOR FOR SELECT 1 AS n
SELECT 1 AS one; DECLARE c3 CURSOR FOR SELECT 2 AS n; FETCH ALL FROM c3
INSERT INTO imp_t VALUES (1); SELECT 1/0
SELECT count(*) FROM imp_t
INSERT INTO imp_t VALUES (2); ROLLBACK; INSERT INTO imp_t VALUES (3)
INSERT INTO imp_t VALUES (4); COMMIT; INSERT INTO imp_t VALUES (5); SELECT 1/0
SELECT a FROM imp_t ORDER BY a
DECLARE c4 CURSOR FOR SELECT 1 AS n; COMMIT; FETCH ALL FROM c4
DECLARE d CURSOR FOR SELECT a FROM imp_t ORDER BY a; BEGIN; FETCH 1 FROM d
FETCH ALL FROM d
COMMIT
FETCH ALL FROM d
BEGIN; INSERT INTO imp_t VALUES (6); SELECT 1/0
SELECT 1
ROLLBACK
DECLARE h CURSOR WITH HOLD FOR SELECT a FROM imp_t ORDER BY a; SELECT 1
FETCH ALL FROM h
CLOSE h
SELECT a FROM imp_t ORDER BY a
