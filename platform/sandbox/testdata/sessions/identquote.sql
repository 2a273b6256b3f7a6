-- Quoted names in upper or mixed case name only objects in that exact case (42703,
-- 42P01 otherwise), as in PostgreSQL; DuckDB alone finds names regardless of case.
CREATE TABLE iq_upper (code int, "Mixed" int, label text)
INSERT INTO iq_upper VALUES (1, 2, 'a'), (3, 4, 'b')
SELECT "Label" FROM iq_upper
SELECT "Mixed", "Code" FROM iq_upper
SELECT "Mixed" FROM iq_upper ORDER BY 1
SELECT "MIXED" FROM iq_upper
SELECT code AS "Total" FROM iq_upper ORDER BY "Total"
SELECT "T" FROM (SELECT code AS "T" FROM iq_upper) s ORDER BY 1
SELECT s."X" FROM iq_upper AS s("X", y, z) ORDER BY 1
WITH "W" AS (SELECT 1 AS a) SELECT * FROM "W"
WITH w ("V") AS (SELECT code FROM iq_upper) SELECT "V" FROM w ORDER BY 1
SELECT * FROM "Iq_Upper"
SELECT * FROM "IQ_UPPER"
SELECT count(*) FROM iq_upper u JOIN "Iq_Upper" v ON u.code = v.code
UPDATE iq_upper SET "Label" = 'z'
INSERT INTO iq_upper ("Code") VALUES (5)
DELETE FROM iq_upper WHERE "Code" = 1
SELECT "Nosuch" FROM iq_upper
SELECT label FROM iq_upper ORDER BY 1
CREATE TABLE "IQ_Quoted" ("ID" int, name text)
INSERT INTO "IQ_Quoted" VALUES (1, 'q')
SELECT "ID", name FROM "IQ_Quoted"
SELECT "Id" FROM "IQ_Quoted"
SELECT * FROM "Iq_Quoted"
-- names that differ only in case cannot exist side by side in the sandbox
CREATE TABLE iq_two ("A" int, a int)
DROP TABLE IF EXISTS iq_two
ALTER TABLE iq_upper ADD COLUMN "Code" int
ALTER TABLE iq_upper DROP COLUMN IF EXISTS "Code"
DROP TABLE "IQ_Quoted"
DROP TABLE iq_upper
