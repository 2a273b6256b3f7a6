// Package catalog keeps the platform's metadata in the query service itself: datasets
// (a table plus its typed schema, tags and identity field), ingestion batches (one
// all-or-nothing load each, with status loading, success or failed) and query templates
// (named SQL with typed parameters, optionally run incrementally over new batches).
//
// # Storage
//
// Everything lives in ordinary tables of the connection's current schema, created on
// first use with portable SQL that runs unchanged on the sandbox (DuckDB behind the
// PostgreSQL wire protocol) and on PostgreSQL: sluice_datasets, sluice_batches,
// sluice_templates and sluice_watermarks. A dataset's rows live in a table of the same
// name, with every schema field as a column plus _batch_id, the id of the batch that
// loaded the row.
//
// # Field types and nested fields
//
// A field's Type is one of string, int, float, bool, timestamp, date or json; they map to
// TEXT, BIGINT, FLOAT8, BOOLEAN, TIMESTAMP (UTC, without time zone), DATE and JSON.
// The one convention for nested data: nested objects are flattened into top-level fields
// whose names join the path with an underscore — homeAddress.city becomes
// homeAddress_city — so every attribute is a plain column that SQL can filter and index.
// Free-form documents whose shape varies (arrays, maps of custom properties) are kept
// whole in a json field instead. FlattenName builds the flattened name.
//
// Field and dataset names are SQL identifiers. Dataset names are lower case
// (a-z, 0-9, _) so they need no quoting; field names may use mixed case (eventType) and
// are created quoted, so on PostgreSQL a query must write them in double quotes
// ("eventType"); DuckDB matches them without quotes too.
//
// # Ingestion
//
// Ingest loads one table as one batch: rows are checked against the schema first (a bad
// row is reported with its line and field, and the batch fails before anything is
// loaded); then the batch record is committed as "loading", and the rows are copied (COPY
// FROM STDIN) inside one transaction that also marks the batch "success", so rows and
// status become visible together. Any failure rolls the rows back and records the batch
// as failed with the reason. A batch left "loading" by a process that died is reported
// and recorded as failed the next time a catalog looks at it (see Batch.Status).
package catalog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
)

// Catalog is the metadata catalog of one query service.
type Catalog struct {
	db *qs.Client

	// StaleAfter is how long a "loading" batch may go without a heartbeat from its
	// loader before it is considered abandoned and marked failed (default 2 minutes).
	// Batches whose loader ran on this host and is no longer alive are marked failed at
	// once.
	StaleAfter time.Duration

	mu    sync.Mutex
	ready bool

	// afterChunk, when set (tests), runs inside the load transaction after each COPY
	// chunk; an error from it aborts the batch.
	afterChunk func(batch int64, chunk int) error
}

// New returns the catalog kept in db. Its tables are created on first use.
func New(db *qs.Client) *Catalog {
	return &Catalog{db: db, StaleAfter: 2 * time.Minute}
}

// DB returns the query-service client the catalog works on.
func (c *Catalog) DB() *qs.Client { return c.db }

// Open returns the catalog kept in db after creating its tables when needed and
// recovering batches abandoned by dead loaders.
func Open(ctx context.Context, db *qs.Client) (*Catalog, error) {
	c := New(db)
	if err := c.init(ctx); err != nil {
		return nil, err
	}
	if _, err := c.Recover(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

var metadataDDL = []string{
	`CREATE TABLE IF NOT EXISTS sluice_datasets (
		name TEXT PRIMARY KEY,
		fields TEXT NOT NULL,
		tags TEXT NOT NULL,
		identity_field TEXT,
		description TEXT,
		managed BOOLEAN NOT NULL,
		created TIMESTAMP NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS sluice_batches (
		id BIGINT PRIMARY KEY,
		dataset TEXT NOT NULL,
		status TEXT NOT NULL,
		row_count BIGINT NOT NULL,
		source TEXT,
		started TIMESTAMP NOT NULL,
		finished TIMESTAMP,
		heartbeat TIMESTAMP,
		owner TEXT,
		reason TEXT)`,
	`CREATE TABLE IF NOT EXISTS sluice_templates (
		name TEXT PRIMARY KEY,
		sql_text TEXT NOT NULL,
		params TEXT NOT NULL,
		dataset TEXT,
		description TEXT,
		created TIMESTAMP NOT NULL,
		updated TIMESTAMP NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS sluice_watermarks (
		name TEXT PRIMARY KEY,
		batch_id BIGINT NOT NULL,
		updated TIMESTAMP NOT NULL)`,
}

// init creates the metadata tables once per Catalog.
func (c *Catalog) init(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ready {
		return nil
	}
	for _, ddl := range metadataDDL {
		if _, err := c.db.Exec(ctx, ddl); err != nil {
			return fmt.Errorf("catalog: create metadata tables: %w", err)
		}
	}
	c.ready = true
	return nil
}

// now is the catalog's clock: UTC with microsecond precision, the precision both engines
// store, so a time read back compares equal to the one written.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// processToken identifies this process as a batch owner: host, pid and a random nonce
// (pids are reused), written "host/pid/nonce".
var processToken = func() string {
	host, _ := os.Hostname()
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}()

// active holds the ids of batches this process is loading right now.
var active = struct {
	sync.Mutex
	ids map[int64]bool
}{ids: map[int64]bool{}}

func setActive(id int64, on bool) {
	active.Lock()
	defer active.Unlock()
	if on {
		active.ids[id] = true
	} else {
		delete(active.ids, id)
	}
}

func isActive(id int64) bool {
	active.Lock()
	defer active.Unlock()
	return active.ids[id]
}
