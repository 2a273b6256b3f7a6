-- Names in mixed case: PostgreSQL folds unquoted names to lower case and keeps quoted
-- ones as written, in tables, columns, views, indexes, schemas, types, sequences,
-- CREATE TABLE AS and result column names; the catalog shows the folded names.
CREATE TABLE IC_Upper (Code int, "Mixed" int, Label TEXT)
INSERT INTO ic_upper VALUES (1, 2, 'a'), (3, 4, 'b')
SELECT * FROM ic_upper ORDER BY 1
SELECT * FROM IC_UPPER ORDER BY CODE
SELECT Code, "Mixed", Code AS Total, Code + 1 AS "Plus" FROM Ic_Upper ORDER BY 1
SELECT code AS Total, count(*) AS N FROM ic_upper GROUP BY code ORDER BY 1
SELECT 'ic_upper'::regclass::text
SELECT 'IC_Upper'::regclass::text
SELECT '"IC_Upper"'::regclass::text
SELECT relname::text FROM pg_class WHERE relname ILIKE 'ic\_%' AND relkind = 'r' ORDER BY 1
SELECT attname::text FROM pg_attribute WHERE attrelid = 'ic_upper'::regclass AND attnum > 0 ORDER BY attnum
SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_name = 'ic_upper' ORDER BY ordinal_position
SELECT "Mixed" FROM ic_upper ORDER BY 1
SELECT "Label" FROM ic_upper
CREATE TABLE "IC_Quoted" ("ID" int, Name text)
INSERT INTO "IC_Quoted" VALUES (1, 'q')
SELECT * FROM "IC_Quoted"
SELECT * FROM ic_quoted
SELECT relname::text FROM pg_class WHERE relname ILIKE 'ic\_quoted' ORDER BY 1
SELECT attname::text FROM pg_attribute WHERE attrelid = '"IC_Quoted"'::regclass AND attnum > 0 ORDER BY attnum
ALTER TABLE IC_Upper ADD COLUMN Extra int
ALTER TABLE ic_upper ADD COLUMN "MoreCase" int
ALTER TABLE IC_UPPER RENAME COLUMN Label TO NewLabel
ALTER TABLE ic_upper RENAME COLUMN "MoreCase" TO "EvenMore"
SELECT attname::text FROM pg_attribute WHERE attrelid = 'ic_upper'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum
SELECT * FROM ic_upper ORDER BY 1
SELECT * FROM (SELECT Code AS Total, NewLabel AS Value FROM ic_upper) s ORDER BY 1
SELECT Total FROM (SELECT Code AS Total FROM ic_upper) S ORDER BY 1
CREATE VIEW IC_View AS SELECT Code AS Total, "Mixed", NewLabel FROM IC_Upper
SELECT * FROM ic_view ORDER BY 1
SELECT attname::text FROM pg_attribute WHERE attrelid = 'ic_view'::regclass AND attnum > 0 ORDER BY attnum
SELECT table_name::text FROM information_schema.views WHERE table_name ILIKE 'ic\_%' ORDER BY 1
CREATE TABLE IC_Ctas AS SELECT Code, Code * 2 AS Doubled, "Mixed" AS "KeepMe" FROM ic_upper
SELECT * FROM ic_ctas ORDER BY 1
SELECT attname::text FROM pg_attribute WHERE attrelid = 'ic_ctas'::regclass AND attnum > 0 ORDER BY attnum
CREATE INDEX IC_Upper_Code ON IC_Upper (Code)
CREATE INDEX "IC_Upper_Mixed" ON ic_upper ("Mixed")
SELECT indexname::text FROM pg_indexes WHERE tablename = 'ic_upper' ORDER BY 1
CREATE SCHEMA IC_Schema
CREATE TABLE IC_Schema.Inner_T (Val int)
INSERT INTO ic_schema.inner_t VALUES (5)
SELECT * FROM IC_SCHEMA.INNER_T
SELECT nspname::text FROM pg_namespace WHERE nspname ILIKE 'ic\_%' ORDER BY 1
SELECT table_schema::text, table_name::text FROM information_schema.tables WHERE table_schema = 'ic_schema' ORDER BY 2
CREATE TYPE IC_Mood AS ENUM ('Sad', 'OK')
SELECT 'OK'::ic_mood::text
SELECT 'OK'::IC_Mood::text
SELECT typname::text FROM pg_type WHERE typname ILIKE 'ic\_mood' ORDER BY 1
CREATE SEQUENCE IC_Seq
SELECT nextval('ic_seq')
SELECT nextval('IC_Seq')
SELECT relname::text FROM pg_class WHERE relname ILIKE 'ic\_seq' ORDER BY 1
DROP SEQUENCE ic_seq
DROP TYPE IC_MOOD
DROP TABLE ic_schema.inner_t
DROP SCHEMA Ic_Schema
DROP VIEW IC_View
DROP TABLE IC_Ctas
DROP TABLE "IC_Quoted"
DROP TABLE Ic_Upper
SELECT count(*) FROM pg_class WHERE relname ILIKE 'ic\_%'
