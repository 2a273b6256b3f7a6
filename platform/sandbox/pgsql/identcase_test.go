package pgsql

import "testing"

func TestFoldIdentCase(t *testing.T) {
	for _, c := range [][2]string{
		{`CREATE TABLE CT_Upper (Code int, "Mixed" int)`, `create table ct_upper (code int, "Mixed" int)`},
		{`ALTER TABLE T RENAME COLUMN A TO "B"`, `alter table t rename column a to "B"`},
		{`CREATE TABLE T (S text DEFAULT 'Keep', E text DEFAULT E'It\'s A')`, `create table t (s text default 'Keep', e text default e'It\'s A')`},
		{`CREATE FUNCTION F() RETURNS int AS $Body$ SELECT X $Body$ LANGUAGE sql`, `create function f() returns int as $Body$ SELECT X $Body$ language sql`},
		{`CREATE VIEW V AS SELECT $1 AS A$B -- Note
, 'x''Y' AS "Q""Z" /* Keep /* Nested */ This */ FROM T`, `create view v as select $1 as a$b -- Note
, 'x''Y' as "Q""Z" /* Keep /* Nested */ This */ from t`},
		{`SELECT A AS Total INTO New_T FROM T`, `select a as total into new_t from t`},
		{`  (CREATE SCHEMA S`, `  (create schema s`},
		{`-- Lead
CREATE TYPE Mood AS ENUM ('Sad')`, `-- Lead
create type mood as enum ('Sad')`},
		// statements that create no names are left as sent
		{`SELECT * FROM (SELECT Code AS Value FROM T) S`, `select * from (select code as value from t) s`},
		{`SELECT Code FROM T`, `SELECT Code FROM T`},
		{`INSERT INTO T VALUES ('A')`, `INSERT INTO T VALUES ('A')`},
		{`DROP TABLE T`, `DROP TABLE T`},
		{`create table t ("Already" int)`, `create table t ("Already" int)`},
	} {
		if got := FoldIdentCase(c[0]); got != c[1] {
			t.Errorf("FoldIdentCase(%q)\n got %q\nwant %q", c[0], got, c[1])
		}
	}
	// no copy when nothing folds
	s := "create table t (a int)"
	if got := FoldIdentCase(s); got != s {
		t.Errorf("changed %q", got)
	}
}

func BenchmarkFoldIdentCaseSelect(b *testing.B) {
	for i := 0; i < b.N; i++ {
		FoldIdentCase("SELECT id, name, Total FROM orders WHERE id = $1")
	}
}

func BenchmarkFoldIdentCaseDDL(b *testing.B) {
	for i := 0; i < b.N; i++ {
		FoldIdentCase(`CREATE TABLE Orders (Id int PRIMARY KEY, "Name" text DEFAULT 'X', Total numeric(10,2))`)
	}
}
