-- INSERT … ON CONFLICT over tables with several unique keys: PostgreSQL takes the
-- proposed rows one after the other, so a row that repeats the key of an earlier row
-- that was itself left out is inserted (pgsql/upsert_keys.go).
DROP TABLE IF EXISTS uk_a
CREATE TABLE uk_a (id int PRIMARY KEY, k int UNIQUE, v text)
INSERT INTO uk_a VALUES (1, 10, 'a')
INSERT INTO uk_a VALUES (1, 20, 'b'), (2, 20, 'c') ON CONFLICT DO NOTHING RETURNING id, k, v
INSERT INTO uk_a VALUES (3, 10, 'd'), (3, 30, 'e') ON CONFLICT DO NOTHING RETURNING id, k, v
INSERT INTO uk_a VALUES (4, NULL, 'f'), (4, 40, 'g'), (5, NULL, 'h') ON CONFLICT DO NOTHING RETURNING id, k, v
INSERT INTO uk_a VALUES (6, 60, 'a'), (7, 60, 'b'), (7, 70, 'c') ON CONFLICT DO NOTHING RETURNING id, k, v
INSERT INTO uk_a VALUES (8, 80, 'a'), (8, 81, 'b'), (9, 81, 'c'), (9, 90, 'd'), (10, 90, 'e') ON CONFLICT DO NOTHING RETURNING id, k, v
INSERT INTO uk_a VALUES (1, 99, 'x') ON CONFLICT DO NOTHING
INSERT INTO uk_a VALUES (99, 10, 'x') ON CONFLICT DO NOTHING RETURNING id
INSERT INTO uk_a VALUES (11, 110, 'a'), (11, 110, 'b') ON CONFLICT DO NOTHING RETURNING v
INSERT INTO uk_a (k, id) VALUES (120, 1), (120, 12), (121, 12) ON CONFLICT DO NOTHING RETURNING id, k
INSERT INTO uk_a (id, v) VALUES (13, 'a'), (13, 'b'), (1, 'c'), (14, 'd') ON CONFLICT DO NOTHING RETURNING id, v
INSERT INTO uk_a SELECT g, 10 * g + 1000, 's' FROM generate_series(1, 4) g ON CONFLICT DO NOTHING RETURNING id, k
INSERT INTO uk_a SELECT 20 + g % 2, 2000 + g, 's' FROM generate_series(1, 4) g ORDER BY g ON CONFLICT DO NOTHING RETURNING id, k
INSERT INTO uk_a SELECT id + 100, k, v FROM uk_a WHERE id < 3 ON CONFLICT DO NOTHING RETURNING id
INSERT INTO uk_a VALUES (30, '300', 'a'), ('30', 301, 'b'), (31, 300.0, 'c') ON CONFLICT DO NOTHING RETURNING id, k
INSERT INTO uk_a VALUES (1, 20, 'x'), (2, 20, 'y') ON CONFLICT (id) DO NOTHING
INSERT INTO uk_a VALUES (1, 10, 'x'), (40, 10, 'y') ON CONFLICT (k) DO NOTHING RETURNING id
SELECT id, k, v FROM uk_a ORDER BY id
-- three keys, two of them over several columns that overlap
DROP TABLE IF EXISTS uk_m
CREATE TABLE uk_m (id int PRIMARY KEY, a int, b int, c text, UNIQUE (a, b), UNIQUE (b, c))
INSERT INTO uk_m VALUES (1, 1, 1, 'x')
INSERT INTO uk_m VALUES (2, 1, 1, 'y'), (3, 2, 1, 'x'), (4, 2, 1, 'y'), (5, 3, 2, 'y') ON CONFLICT DO NOTHING RETURNING id
INSERT INTO uk_m VALUES (6, 1, NULL, 'x'), (7, 1, NULL, 'x'), (8, NULL, 5, 'z'), (9, 4, 5, 'z'), (10, 4, 5, NULL) ON CONFLICT DO NOTHING RETURNING id, a, b, c
INSERT INTO uk_m VALUES (2, 9, 9, 'q'), (11, 9, 9, 'q'), (11, 9, 8, 'q') ON CONFLICT DO NOTHING RETURNING id
INSERT INTO uk_m VALUES (12, 7, 7, ''), (13, 8, 7, ''), (14, 8, 7, 'e') ON CONFLICT DO NOTHING RETURNING id, c
SELECT id, a, b, c FROM uk_m ORDER BY id
-- keys of text, dates and a serial key the statement does not write
DROP TABLE IF EXISTS uk_s
CREATE TABLE uk_s (id serial PRIMARY KEY, email text NOT NULL UNIQUE, day date, code varchar(4), UNIQUE (day, code))
INSERT INTO uk_s (email, day, code) VALUES ('a@x', '2024-01-01', 'A'), ('a@x', '2024-01-02', 'B'), ('b@x', '2024-01-02', 'B'), ('c@x', '2024-01-01', 'A') ON CONFLICT DO NOTHING RETURNING email, day
INSERT INTO uk_s (email, day, code) VALUES ('d@x', '2024-01-01', 'A'), ('d@x', NULL, 'A'), ('e@x', NULL, 'A') ON CONFLICT DO NOTHING RETURNING email, day
SELECT email, day, code FROM uk_s ORDER BY email
-- DO UPDATE names its arbiter: conflicts on other keys are errors, WHERE filters the update
DROP TABLE IF EXISTS uk_u
CREATE TABLE uk_u (id int PRIMARY KEY, k int NOT NULL UNIQUE, v text)
INSERT INTO uk_u VALUES (1, 10, 'a'), (2, 20, 'b')
INSERT INTO uk_u VALUES (1, 10, 'x') ON CONFLICT (k) DO UPDATE SET v = 'upd' WHERE uk_u.v = 'zz'
INSERT INTO uk_u VALUES (1, 10, 'x') ON CONFLICT (k) DO UPDATE SET v = 'upd' WHERE uk_u.v = 'a' RETURNING id, k, v
INSERT INTO uk_u VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 30, 'z') ON CONFLICT (id) DO UPDATE SET v = excluded.v || '!' WHERE excluded.k > 15 RETURNING id, v
INSERT INTO uk_u VALUES (5, 10, 'x') ON CONFLICT (id) DO UPDATE SET v = 'no'
INSERT INTO uk_u VALUES (1, 99, 'x') ON CONFLICT (k) DO UPDATE SET v = 'no'
INSERT INTO uk_u VALUES (1, 99, 'x') ON CONFLICT (k) DO NOTHING
INSERT INTO uk_u VALUES (6, 60, 'a'), (7, 60, 'b') ON CONFLICT (id) DO NOTHING
INSERT INTO uk_u VALUES (1, 10, 'w') ON CONFLICT (id) DO UPDATE SET k = 20
INSERT INTO uk_u VALUES (1, 10, 'w'), (1, 11, 'v') ON CONFLICT (id) DO UPDATE SET v = excluded.v
SELECT id, k, v FROM uk_u ORDER BY id
-- DO UPDATE's SET and WHERE apply to the rows that conflict only: a value that
-- fails for a row that does not conflict does not fail the statement
DROP TABLE IF EXISTS uk_dz
CREATE TABLE uk_dz (id int PRIMARY KEY, v text, n int)
INSERT INTO uk_dz VALUES (1, 'a', 1)
INSERT INTO uk_dz VALUES (2, 'b') ON CONFLICT (id) DO UPDATE SET v = excluded.v::int::text
INSERT INTO uk_dz VALUES (1, 'c') ON CONFLICT (id) DO UPDATE SET v = excluded.v::int::text
INSERT INTO uk_dz AS d VALUES (1, '7'), (3, 'x') ON CONFLICT (id) DO UPDATE SET v = excluded.v::int::text, n = d.n + 1 RETURNING id, v, n
INSERT INTO uk_dz VALUES (1, '8'), (4, 'x') ON CONFLICT (id) DO UPDATE SET (v, n) = (excluded.v::int::text, 5) WHERE uk_dz.v::int > 0 RETURNING id, v, n
INSERT INTO uk_dz VALUES (1, '9'), (5, 'y') ON CONFLICT ON CONSTRAINT uk_dz_pkey DO UPDATE SET v = excluded.v::int::text WHERE uk_dz.v::int > 100 RETURNING id, v, n
INSERT INTO uk_dz VALUES (6, 'z') ON CONFLICT (id) DO UPDATE SET v = DEFAULT, n = NULL RETURNING id, v
SELECT id, v, n FROM uk_dz ORDER BY id
DROP TABLE uk_dz
BEGIN
INSERT INTO uk_u VALUES (8, 80, 'a'), (8, 81, 'b'), (9, 81, 'c') ON CONFLICT DO NOTHING RETURNING id, k
SELECT count(*) FROM uk_u
ROLLBACK
SELECT count(*) FROM uk_u
DROP TABLE uk_a
DROP TABLE uk_m
DROP TABLE uk_s
DROP TABLE uk_u
