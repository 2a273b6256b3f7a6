-- Constraint names as CREATE TABLE gives them (DuckDB keeps none; the sandbox keeps
-- them), PostgreSQL's defaults for unnamed ones, and the names following the table
-- through ALTER TABLE … RENAME, ROLLBACK, DROP TABLE and a new table of the same name.
CREATE TABLE cn_team (id int PRIMARY KEY)
CREATE TABLE cn_t (a int CONSTRAINT cn_pk PRIMARY KEY, b int CONSTRAINT b_pos CHECK (b > 0), c text, d int CHECK (d > 1), CONSTRAINT cd_uniq UNIQUE (c, d), CONSTRAINT cn_team_fk FOREIGN KEY (d) REFERENCES cn_team (id), CONSTRAINT d_small CHECK (d < 100))
SELECT conname::text, contype::text FROM pg_constraint WHERE conrelid = 'cn_t'::regclass ORDER BY 1
SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'cn_t'::regclass ORDER BY 1
CREATE TABLE cn_r (a int CONSTRAINT r_key PRIMARY KEY, b int CONSTRAINT r_check CHECK (b <> 0))
ALTER TABLE cn_r RENAME TO cn_s
SELECT conname::text FROM pg_constraint WHERE conrelid = 'cn_s'::regclass ORDER BY 1
BEGIN
CREATE TABLE cn_v (a int CONSTRAINT v_key PRIMARY KEY)
ROLLBACK
CREATE TABLE cn_v (a int PRIMARY KEY)
SELECT conname::text FROM pg_constraint WHERE conrelid = 'cn_v'::regclass
DROP TABLE cn_s
CREATE TABLE cn_s (a int, b int, CONSTRAINT other CHECK (a > b))
SELECT conname::text FROM pg_constraint WHERE conrelid = 'cn_s'::regclass ORDER BY 1
DROP TABLE cn_s
DROP TABLE cn_v
DROP TABLE cn_t
DROP TABLE cn_team
