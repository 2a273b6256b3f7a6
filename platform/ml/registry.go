package ml

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/platform/storage"
	"github.com/sluice-dev/sluice/table"
)

// Registry stores trained models in blob storage. Layout under the storage root:
//
//	models/<name>/v<N>/model.json     metadata (ModelInfo, below)
//	models/<name>/v<N>/payload.json   the model itself (kind-specific JSON)
//	models/<name>/aliases.json        {"production": 3, ...}
//	models/<name>/aliases.lock        held while one writer changes aliases.json
//
// Versions count up from 1 per model name. A version, once written, never changes;
// model.json is written last and only if absent, so a version exists exactly when its
// model.json does, and two writers never get the same number. Loading a version checks
// that model.json's kind matches the payload and that the model is consistent
// (Validate), so a damaged or mislabelled model is refused rather than scored.
type Registry struct {
	bucket *blob.Bucket
	root   string
	store  *storage.Store // closed by Close when OpenRegistry opened it
	local  string         // the directory of a file:// store, where versions are claimed by mkdir
}

// ModelInfo is model.json: the documented, stable description of one model version.
//
//	format        always 1 for this layout
//	name, version the model's name and version number (1, 2, …)
//	kind          "logistic", "gbdt" or "forest": how to read payload.json
//	created       RFC 3339 time the version was registered
//	metrics       evaluation metrics by name (auc, logLoss, accuracy, …)
//	features      the model-input columns in order (inputs, then "<input>_missing" indicators)
//	prep          how to derive them from raw columns: inputs, fillValue, indicators
//	params        the training hyperparameters
//	trainingData  where the training data came from (a storage URL or dataset name)
//	description   free text
//	payload       the payload file name inside the version directory
type ModelInfo struct {
	Format       int                `json:"format"`
	Name         string             `json:"name"`
	Version      int                `json:"version"`
	Kind         string             `json:"kind"`
	Created      time.Time          `json:"created"`
	Metrics      map[string]float64 `json:"metrics"`
	Features     []string           `json:"features"`
	Prep         Prep               `json:"prep"`
	Params       map[string]any     `json:"params"`
	TrainingData string             `json:"trainingData"`
	Description  string             `json:"description,omitempty"`
	Payload      string             `json:"payload"`
}

// RegisterOptions describe a model being registered.
type RegisterOptions struct {
	Metrics      map[string]float64 // e.g. (*Metrics).Map() on the test set
	TrainingData string             // the training data's location
	Description  string
	Aliases      []string // aliases to point at the new version, e.g. "production"
}

// Registered is a model version loaded from (or just written to) a registry.
type Registered struct {
	Info    ModelInfo
	Model   Model
	Aliases []string // aliases pointing at this version
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// OpenRegistry opens the registry under the storage root rootURL ("" means the
// configured root: SLUICE_STORAGE, else file://$SLUICE_HOME/storage; any scheme
// platform/storage opens works). Close it when done.
func OpenRegistry(ctx context.Context, rootURL string) (*Registry, error) {
	st, err := storage.Open(ctx, rootURL)
	if err != nil {
		return nil, fmt.Errorf("ml: open model registry: %w", err)
	}
	r := RegistryOn(st)
	r.store = st
	return r, nil
}

// RegistryOn returns the registry inside an open store; the caller keeps the store.
func RegistryOn(st *storage.Store) *Registry {
	return &Registry{bucket: st.Bucket(), root: st.Root(), local: st.LocalPath("")}
}

// NewRegistry returns a registry in bucket, whose root URL (for display) is rootURL. The
// caller keeps ownership of bucket.
func NewRegistry(bucket *blob.Bucket, rootURL string) *Registry {
	return &Registry{bucket: bucket, root: strings.TrimRight(rootURL, "/")}
}

// Root returns the storage root URL of the registry.
func (r *Registry) Root() string { return r.root }

// Close closes the store when OpenRegistry opened it.
func (r *Registry) Close() error {
	if r.store != nil {
		return r.store.Close()
	}
	return nil
}

func modelDir(name string) string          { return "models/" + name }
func versionDir(name string, v int) string { return fmt.Sprintf("models/%s/v%d", name, v) }
func checkName(name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("ml: model name %q must start with a letter or digit and use only letters, digits, '.', '_' and '-'", name)
	}
	return nil
}

// Register writes m as the next version of name with its metadata and points opts.Aliases
// at it.
func (r *Registry) Register(ctx context.Context, name string, m Model, opts RegisterOptions) (*Registered, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("ml: Register needs a model")
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("ml: encode %s model: %w", m.Name(), err)
	}
	v, err := r.latest(ctx, name)
	if err != nil {
		return nil, err
	}
	info := ModelInfo{Format: 1, Name: name, Kind: m.Name(), Created: time.Now().UTC().Truncate(time.Millisecond),
		Metrics: opts.Metrics, Features: m.Prep().Columns(), Prep: m.Prep(), Params: m.Params(),
		TrainingData: opts.TrainingData, Description: opts.Description, Payload: "payload.json"}
	if info.Metrics == nil {
		info.Metrics = map[string]float64{}
	}
	for attempt := 0; attempt < 100; attempt++ {
		v++
		info.Version = v
		dir := versionDir(name, v)
		ok, err := r.claim(ctx, name, v, payload)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // another writer took this version; try the next
		}
		meta, err := json.MarshalIndent(info, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("ml: encode model.json: %w", err)
		}
		err = r.bucket.WriteAll(ctx, dir+"/model.json", append(meta, '\n'), storage.Private(&blob.WriterOptions{ContentType: "application/json", IfNotExist: true}))
		if err != nil {
			return nil, fmt.Errorf("ml: write %s/model.json: %w", dir, err)
		}
		reg := &Registered{Info: info, Model: m}
		for _, a := range opts.Aliases {
			if err := r.SetAlias(ctx, name, a, v); err != nil {
				return nil, err
			}
			reg.Aliases = append(reg.Aliases, a)
		}
		return reg, nil
	}
	return nil, fmt.Errorf("ml: could not claim a new version of %s", name)
}

// claim takes version v of name for this writer by writing its payload there only when
// no other writer has. The payload is written only if absent, which memory and cloud
// buckets check atomically; fileblob checks and then renames, so two writers could both
// pass, and on a file:// store the version's directory is first made with one atomic
// mkdir. It reports false when another writer has the version.
func (r *Registry) claim(ctx context.Context, name string, v int, payload []byte) (bool, error) {
	dir := versionDir(name, v)
	if r.local != "" {
		if err := os.MkdirAll(filepath.Join(r.local, filepath.FromSlash(modelDir(name))), 0o700); err != nil {
			return false, fmt.Errorf("ml: create %s: %w", modelDir(name), err)
		}
		if err := os.Mkdir(filepath.Join(r.local, filepath.FromSlash(dir)), 0o700); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return false, nil
			}
			return false, fmt.Errorf("ml: create %s: %w", dir, err)
		}
	}
	err := r.bucket.WriteAll(ctx, dir+"/payload.json", payload, storage.Private(&blob.WriterOptions{ContentType: "application/json", IfNotExist: true}))
	if gcerrors.Code(err) == gcerrors.FailedPrecondition {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("ml: write %s/payload.json: %w", dir, err)
	}
	return true, nil
}

// latest returns the highest version of name, 0 when there is none.
func (r *Registry) latest(ctx context.Context, name string) (int, error) {
	vs, err := r.versions(ctx, name)
	if err != nil || len(vs) == 0 {
		return 0, err
	}
	return vs[len(vs)-1], nil
}

// versions lists the version numbers of name that have a model.json, ascending.
func (r *Registry) versions(ctx context.Context, name string) ([]int, error) {
	objs, err := storage.ListObjects(ctx, r.bucket, &blob.ListOptions{Prefix: modelDir(name) + "/v", Delimiter: "/"})
	if err != nil {
		return nil, fmt.Errorf("ml: list versions of %s: %w", name, err)
	}
	var out []int
	for _, obj := range objs {
		if !obj.IsDir {
			continue
		}
		s := strings.TrimSuffix(strings.TrimPrefix(obj.Key, modelDir(name)+"/v"), "/")
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			continue
		}
		ok, err := r.bucket.Exists(ctx, versionDir(name, v)+"/model.json")
		if err != nil {
			return nil, fmt.Errorf("ml: check %s v%d: %w", name, v, err)
		}
		if ok {
			out = append(out, v)
		}
	}
	sort.Ints(out)
	return out, nil
}

// Aliases returns name's aliases and the versions they point to.
func (r *Registry) Aliases(ctx context.Context, name string) (map[string]int, error) {
	data, err := r.bucket.ReadAll(ctx, modelDir(name)+"/aliases.json")
	if gcerrors.Code(err) == gcerrors.NotFound {
		return map[string]int{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ml: read aliases of %s: %w", name, err)
	}
	out := map[string]int{}
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("ml: %s/aliases.json is not valid JSON: %w", modelDir(name), err)
	}
	return out, nil
}

// SetAlias points alias (such as "production") at version of name. Writers setting
// aliases of one model at once take turns, so none loses another's change.
func (r *Registry) SetAlias(ctx context.Context, name, alias string, version int) error {
	if err := checkName(name); err != nil {
		return err
	}
	if !nameRE.MatchString(alias) || alias == "latest" || (strings.HasPrefix(alias, "v") && isDigits(alias[1:])) || isDigits(alias) {
		return fmt.Errorf("ml: alias %q must be a name like \"production\" (not \"latest\", a number or v<N>)", alias)
	}
	ok, err := r.bucket.Exists(ctx, versionDir(name, version)+"/model.json")
	if err != nil {
		return fmt.Errorf("ml: check %s v%d: %w", name, version, err)
	}
	if !ok {
		return fmt.Errorf("ml: model %s has no version %d", name, version)
	}
	unlock, err := r.lockAliases(ctx, name)
	if err != nil {
		return err
	}
	defer unlock()
	al, err := r.Aliases(ctx, name)
	if err != nil {
		return err
	}
	al[alias] = version
	data, _ := json.MarshalIndent(al, "", "  ")
	if err := r.bucket.WriteAll(ctx, modelDir(name)+"/aliases.json", append(data, '\n'), storage.Private(&blob.WriterOptions{ContentType: "application/json"})); err != nil {
		return fmt.Errorf("ml: write aliases of %s: %w", name, err)
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Load reads model name at ref: an alias ("production"), "latest" (or ""), a version
// number ("3") or "v3".
func (r *Registry) Load(ctx context.Context, name, ref string) (*Registered, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	al, err := r.Aliases(ctx, name)
	if err != nil {
		return nil, err
	}
	var v int
	switch {
	case ref == "" || ref == "latest":
		if v, err = r.latest(ctx, name); err != nil {
			return nil, err
		}
		if v == 0 {
			return nil, fmt.Errorf("ml: no model called %q in the registry at %s", name, r.root)
		}
	case isDigits(ref):
		v, _ = strconv.Atoi(ref)
	case strings.HasPrefix(ref, "v") && isDigits(ref[1:]):
		v, _ = strconv.Atoi(ref[1:])
	default:
		var ok bool
		if v, ok = al[ref]; !ok {
			names := make([]string, 0, len(al))
			for a := range al {
				names = append(names, a)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("ml: model %s has no alias %q (aliases: %s)", name, ref, strings.Join(names, ", "))
		}
	}
	return r.LoadVersion(ctx, name, v)
}

// LoadVersion reads version v of model name.
func (r *Registry) LoadVersion(ctx context.Context, name string, v int) (*Registered, error) {
	dir := versionDir(name, v)
	meta, err := r.bucket.ReadAll(ctx, dir+"/model.json")
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, fmt.Errorf("ml: model %s has no version %d in the registry at %s", name, v, r.root)
	}
	if err != nil {
		return nil, fmt.Errorf("ml: read %s/model.json: %w", dir, err)
	}
	var info ModelInfo
	if err := json.Unmarshal(meta, &info); err != nil {
		return nil, fmt.Errorf("ml: %s/model.json is not valid: %w", dir, err)
	}
	if info.Format != 1 {
		return nil, fmt.Errorf("ml: %s/model.json has format %d; this version reads format 1", dir, info.Format)
	}
	payload, err := r.bucket.ReadAll(ctx, dir+"/"+info.Payload)
	if err != nil {
		return nil, fmt.Errorf("ml: read %s/%s: %w", dir, info.Payload, err)
	}
	m, err := DecodeModel(info.Kind, payload)
	if err != nil {
		return nil, fmt.Errorf("ml: %s: %w", dir, err)
	}
	if err := checkFeatures(info.Kind, info.Features, m.Prep().Columns()); err != nil {
		return nil, fmt.Errorf("ml: %s: model.json and the payload disagree: %w", dir, err)
	}
	reg := &Registered{Info: info, Model: m}
	al, err := r.Aliases(ctx, name)
	if err != nil {
		return nil, err
	}
	for a, av := range al {
		if av == v {
			reg.Aliases = append(reg.Aliases, a)
		}
	}
	sort.Strings(reg.Aliases)
	return reg, nil
}

// DecodeModel reads a model payload of the given kind ("logistic", "gbdt" or "forest"). It
// refuses a payload of another kind and one that Validate finds inconsistent.
func DecodeModel(kind string, payload []byte) (Model, error) {
	var m Model
	switch kind {
	case "logistic":
		m = &Logistic{}
	case "gbdt":
		m = &GBDT{}
	case "forest":
		m = &Forest{}
	default:
		return nil, fmt.Errorf("unknown model kind %q (known: logistic, gbdt, forest)", kind)
	}
	if err := decodeStrict(kind, payload, m); err != nil {
		return nil, err
	}
	if err := Validate(m); err != nil {
		return nil, err
	}
	return m, nil
}

// Models returns every model name in the registry with its latest version and aliases.
func (r *Registry) Models(ctx context.Context) (*table.Table, error) {
	objs, err := storage.ListObjects(ctx, r.bucket, &blob.ListOptions{Prefix: "models/", Delimiter: "/"})
	if err != nil {
		return nil, fmt.Errorf("ml: list models: %w", err)
	}
	var names []string
	for _, obj := range objs {
		if obj.IsDir {
			names = append(names, strings.TrimSuffix(strings.TrimPrefix(obj.Key, "models/"), "/"))
		}
	}
	sort.Strings(names)
	var latest []int64
	var aliases []string
	for _, n := range names {
		v, err := r.latest(ctx, n)
		if err != nil {
			return nil, err
		}
		al, err := r.Aliases(ctx, n)
		if err != nil {
			return nil, err
		}
		latest = append(latest, int64(v))
		aliases = append(aliases, formatAliases(al))
	}
	t := table.New(table.StringColumn("model", names), table.IntColumn("latest version", latest),
		table.StringColumn("aliases", aliases))
	t.Title = "Models in " + r.root
	return t, nil
}

// Versions returns one row per version of name: created time, kind, AUC and aliases.
func (r *Registry) Versions(ctx context.Context, name string) (*table.Table, error) {
	vs, err := r.versions(ctx, name)
	if err != nil {
		return nil, err
	}
	al, err := r.Aliases(ctx, name)
	if err != nil {
		return nil, err
	}
	var ver []int64
	var created []time.Time
	var kind, aliases []string
	var auc []float64
	for _, v := range vs {
		reg, err := r.LoadVersion(ctx, name, v)
		if err != nil {
			return nil, err
		}
		ver = append(ver, int64(v))
		created = append(created, reg.Info.Created)
		kind = append(kind, reg.Info.Kind)
		a, ok := reg.Info.Metrics["auc"]
		if !ok {
			a = math.NaN()
		}
		auc = append(auc, a)
		var mine []string
		for k, av := range al {
			if av == v {
				mine = append(mine, k)
			}
		}
		sort.Strings(mine)
		aliases = append(aliases, strings.Join(mine, ", "))
	}
	t := table.New(table.IntColumn("version", ver), table.TimeColumn("created", created),
		table.StringColumn("kind", kind), table.FloatColumn("auc", auc), table.StringColumn("aliases", aliases))
	t.Title = "Versions of " + name
	return t, nil
}

// formatAliases renders aliases as "alias→vN, …" in alias order.
func formatAliases(al map[string]int) string {
	return formatPairs(al, func(k string, v int) string { return fmt.Sprintf("%s→v%d", k, v) })
}

// Predict scores ds with the registered model.
func (g *Registered) Predict(ds *Dataset) ([]float64, error) { return g.Model.Predict(ds) }

// String summarizes the version on one line.
func (g *Registered) String() string {
	s := fmt.Sprintf("%s v%d (%s", g.Info.Name, g.Info.Version, g.Info.Kind)
	if len(g.Aliases) > 0 {
		s += "; " + strings.Join(g.Aliases, ", ")
	}
	s += ")"
	if a, ok := g.Info.Metrics["auc"]; ok {
		s += fmt.Sprintf(" AUC %.4f", a)
	}
	return s
}

// Card returns the model card as a table of fields.
func (g *Registered) Card() *table.Table {
	var k, v []string
	add := func(key, val string) { k = append(k, key); v = append(v, val) }
	add("name", g.Info.Name)
	add("version", strconv.Itoa(g.Info.Version))
	add("aliases", strings.Join(g.Aliases, ", "))
	add("kind", g.Info.Kind)
	add("created", g.Info.Created.Format(time.RFC3339))
	add("training data", g.Info.TrainingData)
	if g.Info.Description != "" {
		add("description", g.Info.Description)
	}
	mk := make([]string, 0, len(g.Info.Metrics))
	for m := range g.Info.Metrics {
		mk = append(mk, m)
	}
	sort.Strings(mk)
	for _, m := range mk {
		add("metric: "+m, strconv.FormatFloat(g.Info.Metrics[m], 'f', 4, 64))
	}
	add("features", strings.Join(g.Info.Features, ", "))
	missing := fmt.Sprintf("filled with %g", g.Info.Prep.FillValue)
	if len(g.Info.Prep.Indicators) > 0 {
		missing += "; indicator columns for " + strings.Join(g.Info.Prep.Indicators, ", ")
	}
	add("missing values", missing)
	add("params", formatParams(g.Info.Params))
	t := table.New(table.StringColumn("field", k), table.StringColumn("value", v))
	t.Title = "Model card: " + g.String()
	t.Limit = len(k)
	return t
}

// HTML renders the model card.
func (g *Registered) HTML() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div style="border:1px solid #ccc;border-radius:6px;padding:8px 12px;max-width:760px">`)
	fmt.Fprintf(&b, `<div style="font-size:1.2em;font-weight:bold">%s <span style="color:#666">v%d</span>`,
		html.EscapeString(g.Info.Name), g.Info.Version)
	for _, a := range g.Aliases {
		fmt.Fprintf(&b, ` <span style="background:#0072B2;color:white;border-radius:4px;padding:1px 6px;font-size:0.75em">%s</span>`, html.EscapeString(a))
	}
	b.WriteString(`</div><table>`)
	row := func(k, v string) {
		fmt.Fprintf(&b, `<tr><th style="text-align:left;padding-right:12px">%s</th><td style="text-align:left">%s</td></tr>`,
			html.EscapeString(k), html.EscapeString(v))
	}
	card := g.Card()
	keys := card.Strings("field")
	vals := card.Strings("value")
	for i := 2; i < len(keys); i++ { // name and version are in the heading
		row(keys[i], vals[i])
	}
	b.WriteString(`</table></div>`)
	return b.String()
}

// Bundle renders the model card as HTML with a text/plain form.
func (g *Registered) Bundle() display.Bundle {
	return display.Bundle{Data: map[string]any{display.MIMEHTML: g.HTML(), display.MIMEText: g.String()}}
}
