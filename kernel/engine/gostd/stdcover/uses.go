package stdcover

// A Use exercises one generic name of the standard library from cell code: an explicit
// instantiation (a reference with type arguments) and a real call on small data whose
// printed output the test compares with the same code compiled by the go command.
type Use struct {
	Imports []string // besides fmt and the package itself
	Code    string
}

// Uses maps "importpath.Name" to its use, for every generic name the symbol tables
// cannot carry (exceptions.txt names the few that cells cannot use).
var Uses = map[string]Use{
	// slices
	"slices.All":              {nil, "_ = slices.All[[]string, string]\nfor i, v := range slices.All([]string{\"a\", \"b\"}) {\n\tfmt.Println(i, v)\n}"},
	"slices.AppendSeq":        {nil, "_ = slices.AppendSeq[[]int, int]\nfmt.Println(slices.AppendSeq([]int{1}, slices.Values([]int{2, 3})))"},
	"slices.Backward":         {nil, "_ = slices.Backward[[]int, int]\nfor i, v := range slices.Backward([]int{7, 8, 9}) {\n\tfmt.Println(i, v)\n}"},
	"slices.BinarySearch":     {nil, "_ = slices.BinarySearch[[]int, int]\nfmt.Println(slices.BinarySearch([]int{1, 3, 5}, 3))\nfmt.Println(slices.BinarySearch([]float64{1, 3, 5}, 4))"},
	"slices.BinarySearchFunc": {[]string{"strings"}, "_ = slices.BinarySearchFunc[[]string, string, string]\nfmt.Println(slices.BinarySearchFunc([]string{\"a\", \"B\", \"c\"}, \"b\", func(e, t string) int { return strings.Compare(strings.ToLower(e), t) }))"},
	"slices.Chunk":            {nil, "_ = slices.Chunk[[]int, int]\nfor c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {\n\tfmt.Println(c, len(c), cap(c))\n}"},
	"slices.Clip":             {nil, "_ = slices.Clip[[]int, int]\nclipped := slices.Clip(make([]int, 2, 10))\nfmt.Println(len(clipped), cap(clipped))"},
	"slices.Clone":            {nil, "_ = slices.Clone[[]int, int]\nfmt.Println(slices.Clone([]int{1, 2}), slices.Clone([]int(nil)) == nil)"},
	"slices.Collect":          {nil, "_ = slices.Collect[int]\nfmt.Println(slices.Collect(slices.Values([]int{3, 1, 2})))"},
	"slices.Compact":          {nil, "_ = slices.Compact[[]int, int]\nfmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}))"},
	"slices.CompactFunc":      {[]string{"strings"}, "_ = slices.CompactFunc[[]string, string]\nfmt.Println(slices.CompactFunc([]string{\"a\", \"A\", \"b\", \"B\", \"a\"}, strings.EqualFold))"},
	"slices.Compare":          {nil, "_ = slices.Compare[[]int, int]\nfmt.Println(slices.Compare([]int{1, 2}, []int{1, 3}), slices.Compare([]string{\"b\"}, []string{\"a\", \"z\"}))"},
	"slices.CompareFunc":      {[]string{"cmp"}, "_ = slices.CompareFunc[[]int, []float64, int, float64]\nfmt.Println(slices.CompareFunc([]int{1, 2}, []float64{1, 2.5}, func(a int, b float64) int { return cmp.Compare(float64(a), b) }))"},
	"slices.Concat":           {nil, "_ = slices.Concat[[]int, int]\nfmt.Println(slices.Concat([]int{1}, nil, []int{2, 3}), slices.Concat[[]int]() == nil)"},
	"slices.Contains":         {nil, "_ = slices.Contains[[]string, string]\nfmt.Println(slices.Contains([]string{\"x\", \"y\"}, \"y\"), slices.Contains([]int{}, 0))"},
	"slices.ContainsFunc":     {nil, "_ = slices.ContainsFunc[[]int, int]\nfmt.Println(slices.ContainsFunc([]int{1, 3, 4}, func(v int) bool { return v%2 == 0 }))"},
	"slices.Delete":           {nil, "_ = slices.Delete[[]int, int]\nfmt.Println(slices.Delete([]int{0, 1, 2, 3, 4}, 1, 3))"},
	"slices.DeleteFunc":       {nil, "_ = slices.DeleteFunc[[]int, int]\nfmt.Println(slices.DeleteFunc([]int{0, 1, 2, 3, 4}, func(v int) bool { return v%2 == 1 }))"},
	"slices.Equal":            {[]string{"math"}, "_ = slices.Equal[[]int, int]\nfmt.Println(slices.Equal([]int{1, 2}, []int{1, 2}), slices.Equal([]float64{math.NaN()}, []float64{math.NaN()}))"},
	"slices.EqualFunc":        {[]string{"strconv"}, "_ = slices.EqualFunc[[]int, []string, int, string]\nfmt.Println(slices.EqualFunc([]int{1, 2}, []string{\"1\", \"2\"}, func(a int, b string) bool { return strconv.Itoa(a) == b }))"},
	"slices.Grow":             {nil, "_ = slices.Grow[[]int, int]\ngrown := slices.Grow([]int{1}, 10)\nfmt.Println(len(grown), cap(grown) >= 11)"},
	"slices.Index":            {nil, "_ = slices.Index[[]int, int]\nfmt.Println(slices.Index([]int{5, 6, 7}, 7), slices.Index([]int{5}, 1))"},
	"slices.IndexFunc":        {nil, "_ = slices.IndexFunc[[]int, int]\nfmt.Println(slices.IndexFunc([]int{5, 6, 7}, func(v int) bool { return v > 5 }))"},
	"slices.Insert":           {nil, "_ = slices.Insert[[]int, int]\nfmt.Println(slices.Insert([]int{1, 4}, 1, 2, 3))\nfunc() {\n\tdefer func() { fmt.Println(\"recovered:\", recover()) }()\n\tslices.Insert([]int{1}, 3, 9)\n}()"},
	"slices.IsSorted":         {nil, "_ = slices.IsSorted[[]int, int]\nfmt.Println(slices.IsSorted([]int{1, 2, 2}), slices.IsSorted([]string{\"b\", \"a\"}))"},
	"slices.IsSortedFunc":     {nil, "_ = slices.IsSortedFunc[[]int, int]\nfmt.Println(slices.IsSortedFunc([]int{3, 2, 1}, func(a, b int) int { return b - a }))"},
	"slices.Max":              {[]string{"math"}, "_ = slices.Max[[]int, int]\nfmt.Println(slices.Max([]int{3, 9, 2}), slices.Max([]float64{1, math.NaN()}))"},
	"slices.MaxFunc":          {nil, "_ = slices.MaxFunc[[]int, int]\nfmt.Println(slices.MaxFunc([]int{-9, 3, 9}, func(a, b int) int { return a*a - b*b }))"},
	"slices.Min":              {nil, "_ = slices.Min[[]string, string]\nfmt.Println(slices.Min([]string{\"b\", \"a\", \"c\"}))\nfunc() {\n\tdefer func() { fmt.Println(\"recovered:\", recover()) }()\n\tslices.Min([]int{})\n}()"},
	"slices.MinFunc":          {nil, "_ = slices.MinFunc[[]int, int]\nfmt.Println(slices.MinFunc([]int{-9, 3, 9, -3}, func(a, b int) int { return a*a - b*b }))"},
	"slices.Repeat":           {nil, "_ = slices.Repeat[[]int, int]\nfmt.Println(slices.Repeat([]int{1, 2}, 3))"},
	"slices.Replace":          {nil, "_ = slices.Replace[[]int, int]\nfmt.Println(slices.Replace([]int{0, 1, 2, 3}, 1, 3, 7))"},
	"slices.Reverse":          {nil, "_ = slices.Reverse[[]int, int]\nrev := []int{1, 2, 3}\nslices.Reverse(rev)\nfmt.Println(rev)"},
	"slices.Sort":             {[]string{"math"}, "_ = slices.Sort[[]float64, float64]\nfs := []float64{3, math.NaN(), -1, 2}\nslices.Sort(fs)\nfmt.Println(fs)"},
	"slices.SortFunc":         {[]string{"strings"}, "_ = slices.SortFunc[[]string, string]\nws := []string{\"b\", \"C\", \"a\"}\nslices.SortFunc(ws, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })\nfmt.Println(ws)"},
	"slices.SortStableFunc":   {nil, "_ = slices.SortStableFunc[[]string, string]\nst := []string{\"bb\", \"a\", \"cc\", \"d\"}\nslices.SortStableFunc(st, func(a, b string) int { return len(a) - len(b) })\nfmt.Println(st)"},
	"slices.Sorted":           {[]string{"maps"}, "_ = slices.Sorted[string]\nfmt.Println(slices.Sorted(maps.Keys(map[string]int{\"b\": 1, \"a\": 2})))"},
	"slices.SortedFunc":       {nil, "_ = slices.SortedFunc[int]\nfmt.Println(slices.SortedFunc(slices.Values([]int{1, 3, 2}), func(a, b int) int { return b - a }))"},
	"slices.SortedStableFunc": {nil, "_ = slices.SortedStableFunc[string]\nfmt.Println(slices.SortedStableFunc(slices.Values([]string{\"bb\", \"a\", \"cc\"}), func(a, b string) int { return len(a) - len(b) }))"},
	"slices.Values":           {nil, "_ = slices.Values[[]int, int]\nfor v := range slices.Values([]int{4, 5, 6}) {\n\tif v == 6 {\n\t\tbreak\n\t}\n\tfmt.Println(v)\n}"},

	// maps
	"maps.All":        {nil, "_ = maps.All[map[string]int, string, int]\nfor k, v := range maps.All(map[string]int{\"one\": 1}) {\n\tfmt.Println(k, v)\n}"},
	"maps.Clone":      {nil, "_ = maps.Clone[map[string]int, string, int]\nfmt.Println(maps.Clone(map[string]int{\"a\": 1}), maps.Clone(map[string]int(nil)) == nil)"},
	"maps.Collect":    {[]string{"slices"}, "_ = maps.Collect[int, string]\nfmt.Println(maps.Collect(slices.All([]string{\"x\", \"y\"})))"},
	"maps.Copy":       {nil, "_ = maps.Copy[map[string]int, map[string]int, string, int]\ndst := map[string]int{\"a\": 1}\nmaps.Copy(dst, map[string]int{\"a\": 2, \"b\": 3})\nfmt.Println(dst)"},
	"maps.DeleteFunc": {nil, "_ = maps.DeleteFunc[map[string]int, string, int]\nmd := map[string]int{\"a\": 1, \"b\": 2, \"c\": 3}\nmaps.DeleteFunc(md, func(k string, v int) bool { return v%2 == 1 })\nfmt.Println(md)"},
	"maps.Equal":      {nil, "_ = maps.Equal[map[string]int, map[string]int, string, int]\nfmt.Println(maps.Equal(map[string]int{\"a\": 1}, map[string]int{\"a\": 1}), maps.Equal(map[string]int{}, map[string]int{\"a\": 0}))"},
	"maps.EqualFunc":  {[]string{"strconv"}, "_ = maps.EqualFunc[map[string]int, map[string]string, string, int, string]\nfmt.Println(maps.EqualFunc(map[string]int{\"a\": 1}, map[string]string{\"a\": \"1\"}, func(v int, s string) bool { return strconv.Itoa(v) == s }))"},
	"maps.Insert":     {[]string{"slices"}, "_ = maps.Insert[map[int]string, int, string]\nmi := map[int]string{9: \"z\"}\nmaps.Insert(mi, slices.All([]string{\"a\"}))\nfmt.Println(mi)"},
	"maps.Keys":       {[]string{"slices"}, "_ = maps.Keys[map[string]bool, string, bool]\nfmt.Println(slices.Sorted(maps.Keys(map[string]bool{\"q\": true, \"p\": false})))"},
	"maps.Values":     {[]string{"slices"}, "_ = maps.Values[map[string]int, string, int]\nfmt.Println(slices.Sorted(maps.Values(map[string]int{\"q\": 2, \"p\": 1})))"},

	// cmp
	"cmp.Compare": {[]string{"math"}, "_ = cmp.Compare[int]\nfmt.Println(cmp.Compare(1, 2), cmp.Compare(\"b\", \"a\"), cmp.Compare(math.NaN(), 0))"},
	"cmp.Less":    {[]string{"math"}, "_ = cmp.Less[float64]\nfmt.Println(cmp.Less(1.5, 2), cmp.Less(math.NaN(), math.Inf(-1)))"},
	"cmp.Or":      {nil, "_ = cmp.Or[string]\nfmt.Println(cmp.Or(\"\", \"fallback\", \"other\"), cmp.Or(0, 0))"},

	// iter
	"iter.Seq":   {nil, "var evens iter.Seq[int] = func(yield func(int) bool) {\n\tfor i := 0; i < 6; i += 2 {\n\t\tif !yield(i) {\n\t\t\treturn\n\t\t}\n\t}\n}\nfor v := range evens {\n\tfmt.Println(v)\n}"},
	"iter.Seq2":  {nil, "var pairs iter.Seq2[string, int] = func(yield func(string, int) bool) {\n\t_ = yield(\"a\", 1) && yield(\"b\", 2)\n}\nfor k, v := range pairs {\n\tfmt.Println(k, v)\n}"},
	"iter.Pull":  {[]string{"slices"}, "_ = iter.Pull[int]\nnext, stop := iter.Pull(slices.Values([]int{10, 20, 30}))\nfmt.Println(next())\nfmt.Println(next())\nstop()\nfmt.Println(next())"},
	"iter.Pull2": {[]string{"maps"}, "_ = iter.Pull2[string, int]\nnext2, stop2 := iter.Pull2(maps.All(map[string]int{\"k\": 7}))\nfmt.Println(next2())\nfmt.Println(next2())\nstop2()"},

	// sync and sync/atomic
	"sync.OnceValue":      {nil, "_ = sync.OnceValue[int]\ncalls := 0\nonce := sync.OnceValue(func() int { calls++; return 42 })\nfmt.Println(once(), once(), calls)"},
	"sync.OnceValues":     {[]string{"strconv"}, "_ = sync.OnceValues[int, error]\nparse := sync.OnceValues(func() (int, error) { return strconv.Atoi(\"12\") })\nfmt.Println(parse())"},
	"sync/atomic.Pointer": {nil, "var ptr atomic.Pointer[string]\nfirst, second := \"first\", \"second\"\nfmt.Println(ptr.Load() == nil)\nptr.Store(&first)\nfmt.Println(*ptr.Swap(&second), ptr.CompareAndSwap(&second, &first), *ptr.Load())"},

	// errors
	"errors.AsType": {[]string{"io/fs", "os"}, "_ = errors.AsType[*fs.PathError]\n_, openErr := os.Open(\"/nonexistent/sluice\")\nif pe, ok := errors.AsType[*fs.PathError](fmt.Errorf(\"wrapped: %w\", openErr)); ok {\n\tfmt.Println(pe.Op, pe.Path)\n}"},

	// unique
	"unique.Handle": {nil, "var h unique.Handle[string] = unique.Make(\"x\")\nfmt.Println(h.Value())"},
	"unique.Make":   {nil, "_ = unique.Make[string]\nfmt.Println(unique.Make(\"go\") == unique.Make(\"g\"+\"o\"), unique.Make(1) == unique.Make(2))"},

	// math/rand/v2
	"math/rand/v2.N": {[]string{"time"}, "_ = rand.N[int]\nfmt.Println(rand.N(1), rand.N(time.Nanosecond))"},

	// reflect
	"reflect.TypeFor":    {nil, "_ = reflect.TypeFor[int]\nfmt.Println(reflect.TypeFor[map[string][]int](), reflect.TypeFor[error]().Kind())"},
	"reflect.TypeAssert": {nil, "_ = reflect.TypeAssert[int]\nfmt.Println(reflect.TypeAssert[int](reflect.ValueOf(7)))\nfmt.Println(reflect.TypeAssert[string](reflect.ValueOf(7)))"},

	// crypto
	"crypto/hkdf.Extract": {[]string{"crypto/sha256", "hash"}, "_ = hkdf.Extract[hash.Hash]\nprk, _ := hkdf.Extract(sha256.New, []byte(\"secret\"), []byte(\"salt\"))\nfmt.Printf(\"%x\\n\", prk)"},
	"crypto/hkdf.Expand":  {[]string{"crypto/sha256", "hash"}, "_ = hkdf.Expand[hash.Hash]\nokm, _ := hkdf.Expand(sha256.New, []byte(\"0123456789abcdef0123456789abcdef\"), \"info\", 16)\nfmt.Printf(\"%x\\n\", okm)"},
	"crypto/hkdf.Key":     {[]string{"crypto/sha256", "hash"}, "_ = hkdf.Key[hash.Hash]\nkey, err := hkdf.Key(sha256.New, []byte(\"secret\"), nil, \"ctx\", 24)\nfmt.Printf(\"%x %v\\n\", key, err)"},
	"crypto/pbkdf2.Key":   {[]string{"crypto/sha256", "hash"}, "_ = pbkdf2.Key[hash.Hash]\ndk, err := pbkdf2.Key(sha256.New, \"password\", []byte(\"salt\"), 4, 20)\nfmt.Printf(\"%x %v\\n\", dk, err)"},

	// hash/maphash
	"hash/maphash.Comparable":      {nil, "_ = maphash.Comparable[string]\nseed := maphash.MakeSeed()\nfmt.Println(maphash.Comparable(seed, \"k\") == maphash.Comparable(seed, \"k\"))"},
	"hash/maphash.WriteComparable": {nil, "_ = maphash.WriteComparable[int]\nvar h1, h2 maphash.Hash\nh2.SetSeed(h1.Seed())\nmaphash.WriteComparable(&h1, 5)\nmaphash.WriteComparable(&h2, 5)\nfmt.Println(h1.Sum64() == h2.Sum64())"},

	// database/sql
	"database/sql.Null": {nil, "var n sql.Null[int64]\nfmt.Println(n.Scan(\"42\"), n.V, n.Valid)\nfmt.Println(n.Value())\nfmt.Println(n.Scan(nil), n.Valid)"},

	// runtime and weak (through the compiled helper package gostd/native)
	"runtime.AddCleanup": {nil, "_ = runtime.AddCleanup[int, string]\nobj := new(int)\ncleanup := runtime.AddCleanup(obj, func(s string) { fmt.Println(s) }, \"cleaned\")\ncleanup.Stop()\nruntime.KeepAlive(obj)\nfmt.Println(\"added and stopped\")"},
	"weak.Make":          {nil, "_ = weak.Make[int]\nwv := 5\nwp := weak.Make(&wv)\nfmt.Println(*wp.Value(), wp == weak.Make(&wv))"},
	"weak.Pointer":       {nil, "var wz weak.Pointer[string]\nfmt.Println(wz.Value() == nil)"},
}
