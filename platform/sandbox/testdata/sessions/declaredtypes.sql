-- Declared column types follow ALTER TABLE (ADD COLUMN, ALTER COLUMN TYPE, RENAME
-- COLUMN, RENAME TO, DROP COLUMN), ROLLBACK, DROP TABLE and a new table of the same name.
CREATE TABLE dt_t (id int, v varchar(10), j jsonb)
SELECT v, j FROM dt_t
ALTER TABLE dt_t ADD COLUMN c char(3)
ALTER TABLE dt_t ADD COLUMN w varchar(4)
INSERT INTO dt_t VALUES (1, 'a', '[1]', 'x', 'abcd')
SELECT * FROM dt_t
ALTER TABLE dt_t ALTER COLUMN v TYPE varchar(30)
ALTER TABLE dt_t ALTER COLUMN w TYPE text
ALTER TABLE dt_t RENAME COLUMN c TO cc
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'dt_t'::regclass AND attnum > 0 ORDER BY attnum
SELECT v, w, cc FROM dt_t
ALTER TABLE dt_t DROP COLUMN j
ALTER TABLE dt_t RENAME TO dt_u
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'dt_u'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
SELECT * FROM dt_u
BEGIN
CREATE TABLE dt_r (id int, v varchar(7))
SELECT v FROM dt_r
ROLLBACK
CREATE TABLE dt_r (id int, v text)
SELECT v AS v2 FROM dt_r
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'dt_r'::regclass AND attnum > 0 ORDER BY attnum
CREATE VIEW dt_w AS SELECT v, cc FROM dt_u
ALTER VIEW dt_w RENAME TO dt_x
SELECT * FROM dt_x
DROP VIEW dt_x
CREATE VIEW dt_x AS SELECT 1 AS v
SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'dt_x'::regclass AND attnum > 0
DROP VIEW dt_x
DROP TABLE dt_u
CREATE TABLE dt_u (v text, cc int)
SELECT * FROM dt_u
DROP TABLE dt_u
DROP TABLE dt_r
CREATE TABLE dt_f (v varchar(9))
BEGIN
SELECT 1 / 0
SELECT v FROM dt_f
ROLLBACK
SELECT v FROM dt_f
SELECT * FROM dt_f
DROP TABLE dt_f
