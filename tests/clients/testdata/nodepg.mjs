// node-postgres (pg) against a PostgreSQL-wire server: simple and extended queries,
// parameters, types as pg parses them, a transaction, a named prepared statement, the
// pool, errors and TLS (ssl: {rejectUnauthorized: false} when asked). One line per result.
import pg from "pg";

const [tls, dsn] = process.argv.slice(2);
const config = { connectionString: dsn.replace(/[?&]sslmode=[^&]*/, "") };
if (tls === "tls") config.ssl = { rejectUnauthorized: false };
const out = (key, value) => console.log(key, JSON.stringify(value));

const client = new pg.Client(config);
await client.connect();
out("tls", client.connection.stream.encrypted === true);
await client.query("DROP TABLE IF EXISTS node_items");
await client.query(`CREATE TABLE node_items (id serial PRIMARY KEY, name text NOT NULL, score double precision,
  amount numeric(10,2), seen timestamptz, day date, raw bytea, tags text[], meta json, ok boolean)`);
const ins = await client.query(
  "INSERT INTO node_items (name, score, amount, seen, day, raw, tags, meta, ok) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
  ["one", 0.1, "12.50", new Date(Date.UTC(2024, 1, 29, 13, 14, 15, 123)), "2024-02-29", Buffer.from([0, 1, 255]),
    ["a", "b c", ""], { k: [1, 2] }, true]);
out("insert", [ins.command, ins.rowCount, ins.rows]);
await client.query("BEGIN");
await client.query("INSERT INTO node_items (name) VALUES ('rolled back')");
await client.query("ROLLBACK");
await client.query("BEGIN");
for (const n of ["two", "three"]) {
  await client.query({ name: "add-item", text: "INSERT INTO node_items (name, score) VALUES ($1, $2)", values: [n, n.length] });
}
await client.query("COMMIT");
const sel = await client.query("SELECT id, name, score, amount, seen, day, raw, tags, meta, ok FROM node_items ORDER BY id");
out("fields", sel.fields.map((f) => [f.name, f.dataTypeID]));
for (const r of sel.rows) {
  out("row", { ...r, seen: r.seen && r.seen.toISOString(), day: r.day && r.day.toISOString(), raw: r.raw && r.raw.toString("hex") });
}
const arr = await client.query({ text: "SELECT id, name FROM node_items WHERE id > $1 ORDER BY id", values: [1], rowMode: "array" });
out("array_mode", arr.rows);
const simple = await client.query("SELECT count(*), sum(score), 1/2 AS half, now() IS NOT NULL AS now FROM node_items; SELECT 'x' AS y");
out("multi", simple.map((r) => r.rows));
for (const q of ["SELECT * FROM node_nope", "SELECT 1/0", "INSERT INTO node_items (id, name) VALUES (1, 'dup')"]) {
  try {
    await client.query(q);
    out("error", null);
  } catch (e) {
    out("error", [e.code, e.severity]);
  }
}
const after = await client.query("SELECT $1::int + 1 AS n", [41]);
out("after_errors", after.rows);
await client.end();

const pool = new pg.Pool({ ...config, max: 3 });
const counts = await Promise.all([1, 2, 3, 4, 5].map((i) => pool.query("SELECT $1::int * 2 AS v", [i])));
out("pool", counts.map((r) => r.rows[0].v));
await pool.query("DROP TABLE node_items");
await pool.end();
out("done", true);
