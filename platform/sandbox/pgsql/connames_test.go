package pgsql

import (
	"fmt"
	"testing"
)

func TestTableChange(t *testing.T) {
	for sql, want := range map[string]string{
		`CREATE TABLE public.t (a int CONSTRAINT t_pk PRIMARY KEY, b int CHECK (b > 0), c int CONSTRAINT c_pos CHECK (c > 0),
			CONSTRAINT bc UNIQUE (b, c), CONSTRAINT fk FOREIGN KEY (c) REFERENCES u (id))`: `main.t false [{PRIMARY KEY a 0 t_pk} {CHECK  2 c_pos} {UNIQUE b,c 0 bc} {FOREIGN KEY c 0 fk}] []`,
		`CREATE TABLE IF NOT EXISTS s.t (a int PRIMARY KEY)`:   `s.t true [] []`,
		`CREATE TEMP TABLE t (a int CONSTRAINT k PRIMARY KEY)`: `none`,
		`CREATE TABLE t2 AS SELECT 1 AS a`:                     `main.t2 false [] []`,
		`DROP TABLE IF EXISTS t, s.u CASCADE`:                  `. false [] [[main t] [s u]]`,
		`DROP VIEW v`:                                          `none`,
		`SELECT 1`:                                             `none`,
	} {
		d, ok := TableChange(sql)
		got := "none"
		if ok {
			got = fmt.Sprintf("%s.%s %v %v %v", d.Schema, d.Table, d.IfNotExists, d.Constraints, d.Dropped)
			if d.RenamedTo != "" {
				got += " " + d.RenamedTo
			}
		}
		if got != want {
			t.Errorf("TableChange(%q)\n got %s\nwant %s", sql, got, want)
		}
	}
}
