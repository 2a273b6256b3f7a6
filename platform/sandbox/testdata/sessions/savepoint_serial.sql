-- ROLLBACK TO SAVEPOINT after serial keys the client saw (RETURNING): the replay
-- takes the same sequence values, and later values follow those handed out after the
-- savepoint, as in PostgreSQL (savepoint_serial.go).
DROP TABLE IF EXISTS sps_item
DROP TABLE IF EXISTS sps_order
CREATE TABLE sps_order (id serial PRIMARY KEY, name text UNIQUE)
CREATE TABLE sps_item (id bigserial PRIMARY KEY, order_id int REFERENCES sps_order (id), sku text)
INSERT INTO sps_order (name) VALUES ('first') RETURNING id
BEGIN
INSERT INTO sps_order (name) VALUES ('a') RETURNING id
INSERT INTO sps_item (order_id, sku) VALUES (2, 'x'), (2, 'y') RETURNING id, sku
SAVEPOINT s1
INSERT INTO sps_order (name) VALUES ('b') RETURNING id
INSERT INTO sps_order (name) VALUES ('a') RETURNING id
ROLLBACK TO SAVEPOINT s1
INSERT INTO sps_order (name) VALUES ('c') RETURNING id
SAVEPOINT s2
INSERT INTO sps_item (order_id, sku) VALUES (99, 'bad') RETURNING id
ROLLBACK TO SAVEPOINT s2
INSERT INTO sps_item (order_id, sku) VALUES (5, 'z') RETURNING id, order_id
RELEASE SAVEPOINT s2
SAVEPOINT s3
INSERT INTO sps_item (order_id, sku) VALUES (5, 'w') RETURNING id
ROLLBACK TO SAVEPOINT s3
ROLLBACK TO SAVEPOINT s1
INSERT INTO sps_order (name) VALUES ('d') RETURNING id
COMMIT
SELECT id, name FROM sps_order ORDER BY id
SELECT id, order_id, sku FROM sps_item ORDER BY id
INSERT INTO sps_order (name) VALUES ('after') RETURNING id
BEGIN
INSERT INTO sps_order (name) VALUES ('e') RETURNING id
SAVEPOINT s4
INSERT INTO sps_order (name) VALUES ('f') RETURNING id
ROLLBACK TO SAVEPOINT s4
ROLLBACK
INSERT INTO sps_order (name) VALUES ('g') RETURNING id
SELECT id, name FROM sps_order ORDER BY id
DROP TABLE sps_item
DROP TABLE sps_order
