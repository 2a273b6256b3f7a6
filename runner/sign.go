package runner

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite" (pure Go) for nbsignatures.db
)

// A Notary signs notebooks the way Jupyter's `jupyter trust` does (nbformat's
// NotebookNotary): an HMAC-SHA256 of the notebook's content, keyed with the user's
// notebook_secret, stored in the nbsignatures.db SQLite database of the Jupyter data
// directory. Jupyter front ends then show the notebook's HTML, SVG and JavaScript outputs
// as they are instead of sanitizing them.
type Notary struct {
	// DataDir holds notebook_secret and nbsignatures.db (Jupyter's data directory).
	DataDir string
}

// DefaultNotary returns the notary of Jupyter's data directory: $JUPYTER_DATA_DIR, else
// $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter, as jupyter_core finds it on Linux.
func DefaultNotary() (*Notary, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return &Notary{DataDir: d}, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return &Notary{DataDir: filepath.Join(d, "jupyter")}, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("jupyter data directory: %w", err)
	}
	return &Notary{DataDir: filepath.Join(home, ".local", "share", "jupyter")}, nil
}

// SignFile signs the notebook file at path.
func (n *Notary) SignFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := n.Sign(data); err != nil {
		return fmt.Errorf("sign %s: %w", path, err)
	}
	return nil
}

// Sign records the signature of the notebook JSON in the signature database.
func (n *Notary) Sign(notebook []byte) error {
	secret, err := n.secret()
	if err != nil {
		return err
	}
	sig, err := Signature(secret, notebook)
	if err != nil {
		return err
	}
	return n.store(sig)
}

// Check reports whether the notebook JSON's signature is in the signature database.
func (n *Notary) Check(notebook []byte) (bool, error) {
	raw, err := os.ReadFile(filepath.Join(n.DataDir, "notebook_secret"))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	sig, err := Signature(raw, notebook)
	if err != nil {
		return false, err
	}
	db, err := n.open()
	if err != nil {
		return false, err
	}
	defer db.Close()
	var id int64
	err = db.QueryRow(`SELECT id FROM nbsignatures WHERE algorithm = ? AND signature = ?`, signAlgorithm, sig).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// signAlgorithm is nbformat's default (and the only one a Notary uses).
const signAlgorithm = "sha256"

// signCacheSize is nbformat's default size of the database; beyond it the oldest quarter
// of the signatures are dropped.
const signCacheSize = 65535

// secret reads notebook_secret, creating it as nbformat does (1024 random bytes in
// base64, 76-character lines, mode 0600) when it does not exist.
func (n *Notary) secret() ([]byte, error) {
	path := filepath.Join(n.DataDir, "notebook_secret")
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(n.DataDir, 0o700); err != nil {
		return nil, err
	}
	raw := make([]byte, 1024)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	enc := base64.StdEncoding.EncodeToString(raw)
	var b strings.Builder
	for len(enc) > 0 {
		k := min(76, len(enc))
		b.WriteString(enc[:k] + "\n")
		enc = enc[k:]
	}
	// Written whole to a temporary file, then linked into place: a concurrent run never
	// reads a half-written secret, and the first link wins.
	tmp, err := os.CreateTemp(n.DataDir, ".notebook_secret-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, err
	}
	if _, err := tmp.WriteString(b.String()); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return os.ReadFile(path) // another process made it first: use theirs
	} else if err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// open opens nbsignatures.db, creating its table and index as nbformat does.
func (n *Notary) open() (*sql.DB, error) {
	if err := os.MkdirAll(n.DataDir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(n.DataDir, "nbsignatures.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	for _, stmt := range []string{
		`CREATE TABLE IF NOT EXISTS nbsignatures (id integer PRIMARY KEY AUTOINCREMENT, algorithm text, signature text, path text, last_seen timestamp)`,
		`CREATE INDEX IF NOT EXISTS algosig ON nbsignatures(algorithm, signature)`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return db, nil
}

// store inserts sig, or refreshes its last_seen, and culls the database past its size.
func (n *Notary) store(sig string) error {
	db, err := n.open()
	if err != nil {
		return err
	}
	defer db.Close()
	// Python's datetime.isoformat() of an aware UTC time, as nbformat stores it.
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000000-07:00")
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.Exec(`UPDATE nbsignatures SET last_seen = ? WHERE algorithm = ? AND signature = ?`, now, signAlgorithm, sig)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		if _, err := tx.Exec(`INSERT INTO nbsignatures (algorithm, signature, last_seen) VALUES (?, ?, ?)`, signAlgorithm, sig, now); err != nil {
			return err
		}
	}
	var count int
	if err := tx.QueryRow(`SELECT count(*) FROM nbsignatures`).Scan(&count); err != nil {
		return err
	}
	if count > signCacheSize {
		if _, err := tx.Exec(`DELETE FROM nbsignatures WHERE id IN (SELECT id FROM nbsignatures ORDER BY last_seen DESC LIMIT -1 OFFSET ?)`,
			signCacheSize*3/4); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Signature computes the hex HMAC-SHA256 nbformat computes for a notebook: the notebook
// as nbformat reads it (multi-line strings joined, transient fields and the signature
// removed) fed to the HMAC as every dictionary key (sorted) and every leaf value, strings
// as UTF-8 and other values as Python's str() prints them.
func Signature(secret, notebook []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(notebook))
	dec.UseNumber()
	var nb map[string]any
	if err := dec.Decode(&nb); err != nil {
		return "", fmt.Errorf("notebook JSON: %w", err)
	}
	if v, _ := nb["nbformat"].(json.Number); v.String() != "4" {
		return "", fmt.Errorf("only nbformat 4 notebooks can be signed (this one is nbformat %v)", nb["nbformat"])
	}
	normalizeForSigning(nb)
	mac := hmac.New(sha256.New, secret)
	if err := feed(mac, nb); err != nil {
		return "", err
	}
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// normalizeForSigning does what nbformat's v4 reader does before a notebook is signed or
// checked: rejoin_lines and strip_transient.
func normalizeForSigning(nb map[string]any) {
	if md, ok := nb["metadata"].(map[string]any); ok {
		delete(md, "orig_nbformat")
		delete(md, "orig_nbformat_minor")
		delete(md, "signature")
	}
	cells, _ := nb["cells"].([]any)
	for _, c := range cells {
		cell, ok := c.(map[string]any)
		if !ok {
			continue
		}
		if s, ok := joinLines(cell["source"]); ok {
			cell["source"] = s
		}
		if att, ok := cell["attachments"].(map[string]any); ok {
			for _, a := range att {
				if bundle, ok := a.(map[string]any); ok {
					rejoinBundle(bundle)
				}
			}
		}
		if cell["cell_type"] == "code" {
			outs, _ := cell["outputs"].([]any)
			for _, o := range outs {
				out, ok := o.(map[string]any)
				if !ok {
					continue
				}
				switch t, _ := out["output_type"].(string); t {
				case "execute_result", "display_data":
					if data, ok := out["data"].(map[string]any); ok {
						rejoinBundle(data)
					}
				case "":
				default:
					if s, ok := joinLines(out["text"]); ok {
						out["text"] = s
					}
				}
			}
		}
		if md, ok := cell["metadata"].(map[string]any); ok {
			delete(md, "trusted")
		}
	}
}

// rejoinBundle joins the line lists of a MIME bundle's non-JSON types.
func rejoinBundle(data map[string]any) {
	for mime, v := range data {
		if mime == "application/json" || (strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json")) {
			continue
		}
		if s, ok := joinLines(v); ok {
			data[mime] = s
		}
	}
}

// joinLines joins v when it is a list of strings.
func joinLines(v any) (string, bool) {
	list, ok := v.([]any)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// feed writes v to h as nbformat's yield_everything does.
func feed(h hash.Hash, v any) error {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // UTF-8 byte order is Python's code point order
		for _, k := range keys {
			h.Write([]byte(k))
			if err := feed(h, v[k]); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range v {
			if err := feed(h, e); err != nil {
				return err
			}
		}
	case string:
		h.Write([]byte(v))
	case json.Number:
		s, err := pyNumber(v.String())
		if err != nil {
			return err
		}
		h.Write([]byte(s))
	case bool:
		if v {
			h.Write([]byte("True"))
		} else {
			h.Write([]byte("False"))
		}
	case nil:
		h.Write([]byte("None"))
	default:
		return fmt.Errorf("unexpected JSON value %T", v)
	}
	return nil
}

// pyNumber prints a JSON number literal as Python's str() prints what json.loads makes of
// it: an int for a literal without fraction or exponent, else a float.
func pyNumber(lit string) (string, error) {
	if !strings.ContainsAny(lit, ".eE") {
		i, ok := new(big.Int).SetString(lit, 10)
		if !ok {
			return "", fmt.Errorf("bad JSON number %q", lit)
		}
		return i.String(), nil
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return "", fmt.Errorf("bad JSON number %q", lit)
	}
	return pyFloat(f), nil
}

// pyFloat is Python's repr of a float: the shortest digits that round-trip, in positional
// notation with at least one decimal when the decimal exponent is in [-4, 16), else in
// scientific notation with a signed exponent of at least two digits.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	sign := ""
	if math.Signbit(f) {
		sign, f = "-", -f
	}
	if f == 0 {
		return sign + "0.0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	decpt := x + 1 // value = 0.digits × 10^decpt
	if decpt <= -4 || decpt > 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if x < 0 {
			es, x = "-", -x
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, x)
	}
	switch {
	case decpt <= 0:
		return sign + "0." + strings.Repeat("0", -decpt) + digits
	case decpt >= len(digits):
		return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
	default:
		return sign + digits[:decpt] + "." + digits[decpt:]
	}
}

// signOutput signs the notebook a run wrote, unless opts.NoSign or it went to standard
// output. A notebook that cannot be signed is still a good result: the failure is only
// logged, and the notebook opens untrusted (`sluice trust` signs it later).
func signOutput(opts Options, res *Result) {
	if opts.NoSign || res.Output == StdoutPath {
		return
	}
	n, err := DefaultNotary()
	if err == nil {
		err = n.SignFile(res.Output)
	}
	if err != nil {
		opts.Logger.Warn("the executed notebook is not signed: Jupyter will not trust its HTML and SVG outputs", "path", res.Output, "err", err)
	}
}
