-- Tables that foreign keys reference: ALTER TABLE of their other columns, and TRUNCATE
-- … CASCADE as one transaction (DuckDB cannot drop a foreign key or delete referenced
-- rows after the rows referencing them in one transaction: constraint_recreate.go).
DROP TABLE IF EXISTS fk_gc
DROP TABLE IF EXISTS fk_c
DROP TABLE IF EXISTS fk_p
CREATE TABLE fk_p (id int PRIMARY KEY, code text UNIQUE, n text, m int)
CREATE TABLE fk_c (id serial PRIMARY KEY, pid int NOT NULL REFERENCES fk_p (id), pcode text REFERENCES fk_p (code), note varchar(5) DEFAULT 'x', CONSTRAINT fk_c_note_check CHECK (note <> 'bad'))
CREATE TABLE fk_gc (id int PRIMARY KEY, cid int REFERENCES fk_c (id), w text)
CREATE INDEX fk_c_note_idx ON fk_c (note)
COMMENT ON TABLE fk_c IS 'children'
COMMENT ON COLUMN fk_c.note IS 'a note'
INSERT INTO fk_p VALUES (1, 'a', 'one', 10), (2, 'b', 'two', 20), (3, 'c', 'three', 30)
INSERT INTO fk_c (pid, pcode, note) VALUES (1, 'a', 'n1'), (2, NULL, 'n2'), (2, 'b', DEFAULT)
INSERT INTO fk_gc VALUES (100, 1, 'g1'), (101, 3, 'g3')
ALTER TABLE fk_p RENAME COLUMN n TO name
ALTER TABLE fk_p ALTER COLUMN m TYPE bigint
ALTER TABLE fk_p ALTER COLUMN name SET NOT NULL
ALTER TABLE fk_p DROP COLUMN m
ALTER TABLE fk_p RENAME COLUMN code TO code2
ALTER TABLE fk_p DROP COLUMN id
ALTER TABLE fk_p ADD COLUMN extra int DEFAULT 7
SELECT * FROM fk_p ORDER BY id
SELECT id, pid, pcode, note FROM fk_c ORDER BY id
SELECT id, cid, w FROM fk_gc ORDER BY id
INSERT INTO fk_c (pid) VALUES (9)
INSERT INTO fk_c (pid, note) VALUES (3, 'bad')
INSERT INTO fk_c (pid, note) VALUES (3, 'toolong')
INSERT INTO fk_c (pid) VALUES (3) RETURNING id, note
INSERT INTO fk_gc VALUES (102, 99, 'x')
DELETE FROM fk_p WHERE id = 3
SELECT obj_description('fk_c'::regclass, 'pg_class') AS t, col_description('fk_c'::regclass, 4) AS c
SELECT indexname FROM pg_indexes WHERE tablename = 'fk_c' ORDER BY indexname
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'fk_c'::regclass ORDER BY conname
BEGIN
ALTER TABLE fk_p RENAME COLUMN name TO n2
SELECT count(*) FROM fk_c
ROLLBACK
SELECT * FROM fk_p ORDER BY id
BEGIN
TRUNCATE fk_p CASCADE
SELECT (SELECT count(*) FROM fk_p) AS p, (SELECT count(*) FROM fk_c) AS c, (SELECT count(*) FROM fk_gc) AS g
ROLLBACK
SELECT (SELECT count(*) FROM fk_p) AS p, (SELECT count(*) FROM fk_c) AS c, (SELECT count(*) FROM fk_gc) AS g
TRUNCATE fk_c
TRUNCATE fk_c CASCADE
SELECT (SELECT count(*) FROM fk_p) AS p, (SELECT count(*) FROM fk_c) AS c, (SELECT count(*) FROM fk_gc) AS g
TRUNCATE fk_p CASCADE
SELECT (SELECT count(*) FROM fk_p) AS p, (SELECT count(*) FROM fk_c) AS c, (SELECT count(*) FROM fk_gc) AS g
INSERT INTO fk_p (id, code2, name) VALUES (5, 'e', 'five')
INSERT INTO fk_c (pid, pcode) VALUES (5, 'e'), (5, 'zz')
INSERT INTO fk_c (pid, pcode) VALUES (5, 'e')
SELECT obj_description('fk_c'::regclass, 'pg_class') AS t
ALTER TABLE fk_p RENAME TO fk_p2
INSERT INTO fk_c (pid) VALUES (6)
INSERT INTO fk_p2 (id, code2, name) VALUES (6, 'f', 'six')
INSERT INTO fk_c (pid) VALUES (6)
ALTER TABLE fk_p2 RENAME TO fk_p
SELECT c.id, c.pid, p.name FROM fk_c c JOIN fk_p p ON p.id = c.pid ORDER BY c.id
DROP TABLE fk_gc
DROP TABLE fk_c
DROP TABLE fk_p
