package synth

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sluice-dev/sluice/table"
)

// Events are generated straight into the table's column buffers. Each column is held
// as compactly as table allows, about 80 bytes an event (a table of Arrow utf8 columns
// took 270): the two UUIDs as 16 bytes each (table.UUIDColumn), every text with few
// distinct values as a one-byte dictionary code (event type, page name, URL and
// section share one code buffer; produced_by and decisioning_action read the event
// type's), user_id and marketing_hashed_email as a four-byte user code into a
// dictionary of the users' ECIDs and hashed addresses; the validity bitmaps are
// shared by the columns NULL on the same events.
//
// Workers fill disjoint regions of the same buffers, each sized for its users with a
// margin; once all have finished, the regions are moved down to close the gaps, in
// place. A worker whose users had more events than its region holds grows a buffer of
// its own (append), which is then copied. So generation allocates the table and
// little else: memory and time are linear in the number of events, and the peak is
// the table.

// eventBuffers holds one worker's events (or, once gathered, all of them), one slice
// per stored field, and its users' ECIDs and hashed e-mail addresses.
type eventBuffers struct {
	at     []int64   // microseconds after the window start
	ids    []byte    // 16 bytes an event
	msgIDs []byte    // 16 bytes an event, zero on events that are not e-mails
	totals []float64 // order total on purchases, else NaN
	user   []int32   // the user's index in the range (user_id's and hashed e-mail's code)
	typ    []uint8   // index into eventTypes
	page   []uint8   // index into pages or formPageCode; 0 on e-mails
	inter  []uint8   // index into interactionTypes; 0 on e-mails
	ref    []uint8   // index into referrerTypes; 0 on e-mails
	camp   []uint8   // index into campaigns on e-mails, else 0
	ecids  texts     // one per user
	hashed texts     // one per user, empty when the user got no e-mail
}

// ECIDs are 38 digits; hashed e-mail addresses 32 hex digits.
const ecidLen, hashedLen = 38, 32

// newEventBuffers returns buffers for n events (their length: workers fill regions of
// them) and the texts of users users.
func newEventBuffers(n, users int) eventBuffers {
	return eventBuffers{
		at: make([]int64, n), ids: make([]byte, 16*n), msgIDs: make([]byte, 16*n),
		totals: make([]float64, n), user: make([]int32, n),
		typ: make([]uint8, n), page: make([]uint8, n), inter: make([]uint8, n),
		ref: make([]uint8, n), camp: make([]uint8, n),
		ecids:  texts{data: make([]byte, ecidLen*users), ends: make([]int32, users)},
		hashed: texts{data: make([]byte, hashedLen*users), ends: make([]int32, users)},
	}
}

// region returns empty buffers whose appends fill events [from, to) and users [u0, u1)
// of b.
func (b *eventBuffers) region(from, to, u0, u1 int) eventBuffers {
	n, users := to-from, u1-u0
	return eventBuffers{
		at: region(b.at, from, n), ids: region(b.ids, 16*from, 16*n), msgIDs: region(b.msgIDs, 16*from, 16*n),
		totals: region(b.totals, from, n), user: region(b.user, from, n),
		typ: region(b.typ, from, n), page: region(b.page, from, n), inter: region(b.inter, from, n),
		ref: region(b.ref, from, n), camp: region(b.camp, from, n),
		ecids:  texts{data: region(b.ecids.data, ecidLen*u0, ecidLen*users), ends: region(b.ecids.ends, u0, users)},
		hashed: texts{data: region(b.hashed.data, hashedLen*u0, hashedLen*users), ends: region(b.hashed.ends, u0, users)},
	}
}

// gather closes the gaps between the parts filled in b's regions (events from
// starts[k], users from userStarts[k]), so that b holds every event in order.
func (b *eventBuffers) gather(parts []eventBuffers, starts, userStarts []int) {
	pick := func(f func(p *eventBuffers) []uint8) [][]uint8 {
		out := make([][]uint8, len(parts))
		for k := range parts {
			out[k] = f(&parts[k])
		}
		return out
	}
	var ats [][]int64
	var totals [][]float64
	var users, ecidEnds, hashedEnds [][]int32
	ecidBase, hashedBase := 0, 0
	for k := range parts {
		p := &parts[k]
		ats, totals, users = append(ats, p.at), append(totals, p.totals), append(users, p.user)
		ecidBase = p.ecids.rebase(ecidBase)
		hashedBase = p.hashed.rebase(hashedBase)
		ecidEnds, hashedEnds = append(ecidEnds, p.ecids.ends), append(hashedEnds, p.hashed.ends)
	}
	b.at, b.totals, b.user = gather(b.at, ats, starts), gather(b.totals, totals, starts), gather(b.user, users, starts)
	b.ids = gather(b.ids, pick(func(p *eventBuffers) []uint8 { return p.ids }), times(16, starts))
	b.msgIDs = gather(b.msgIDs, pick(func(p *eventBuffers) []uint8 { return p.msgIDs }), times(16, starts))
	b.typ = gather(b.typ, pick(func(p *eventBuffers) []uint8 { return p.typ }), starts)
	b.page = gather(b.page, pick(func(p *eventBuffers) []uint8 { return p.page }), starts)
	b.inter = gather(b.inter, pick(func(p *eventBuffers) []uint8 { return p.inter }), starts)
	b.ref = gather(b.ref, pick(func(p *eventBuffers) []uint8 { return p.ref }), starts)
	b.camp = gather(b.camp, pick(func(p *eventBuffers) []uint8 { return p.camp }), starts)
	b.ecids.data = gather(b.ecids.data, pick(func(p *eventBuffers) []uint8 { return p.ecids.data }), times(ecidLen, userStarts))
	b.hashed.data = gather(b.hashed.data, pick(func(p *eventBuffers) []uint8 { return p.hashed.data }), times(hashedLen, userStarts))
	b.ecids.ends = gather(b.ecids.ends, ecidEnds, userStarts)
	b.hashed.ends = gather(b.hashed.ends, hashedEnds, userStarts)
}

// times returns the elements of xs multiplied by w.
func times(w int, xs []int) []int {
	out := make([]int, len(xs))
	for k, x := range xs {
		out[k] = w * x
	}
	return out
}

// texts is a list of strings in Arrow's layout: the bytes and the end offsets.
type texts struct {
	data []byte
	ends []int32
}

// add appends s.
func (t *texts) add(s string) {
	t.data = append(t.data, s...)
	t.end()
}

// end ends the string appended to data since the last one.
func (t *texts) end() { t.ends = append(t.ends, int32(len(t.data))) }

// rebase adds base to the end offsets (the strings will follow base bytes of others'
// once gathered) and returns the offset after them.
func (t *texts) rebase(base int) int {
	for k := range t.ends {
		t.ends[k] += int32(base)
	}
	return base + len(t.data)
}

// formPageCode is the page code of web.formFilledOut's page.
var formPageCode = uint8(len(pages))

func isMarketing(typ uint8) bool { return typ == tSent || typ == tOpened || typ == tClicked }

// generate appends the events of users [from, to) to b, drawing every random value in
// the order the reference generator does; user codes count from base.
func (s *simulator) generate(b *eventBuffers, from, to int, base int32) {
	idr := newUserRand()
	var h hasher
	var email []byte
	for i := from; i < to; i++ {
		_, email = drawIdentity(idr, s.cfg.Seed, i, email[:0])
		s.simulate(i)
		r := s.r
		u := base + int32(i-from)
		var zero [16]byte
		for _, e := range s.events {
			b.ids = r.appendRawUUID(b.ids)
			if isMarketing(uint8(e.typ)) {
				b.msgIDs = r.appendRawUUID(b.msgIDs)
			} else {
				b.msgIDs = append(b.msgIDs, zero[:]...)
			}
		}
		hashed := false
		for _, e := range s.events {
			typ := uint8(e.typ)
			var page, inter, ref, camp uint8
			total := math.NaN()
			if isMarketing(typ) {
				camp = uint8(r.IntN(len(campaigns)))
				if e.typ == tSent && !hashed {
					hashed = true
					b.hashed.data = h.appendHashedEmail(b.hashed.data, email)
				}
			} else {
				page = uint8(r.IntN(len(pages)))
				if e.typ == tForm {
					page = formPageCode
				}
				inter = uint8(r.IntN(len(interactionTypes)))
				ref = uint8(r.IntN(len(referrerTypes)))
			}
			if e.typ == tPurchase {
				total = round2(9.99 + r.Float64()*240)
			}
			b.at = append(b.at, e.at)
			b.totals = append(b.totals, total)
			b.user = append(b.user, u)
			b.typ = append(b.typ, typ)
			b.page = append(b.page, page)
			b.inter = append(b.inter, inter)
			b.ref = append(b.ref, ref)
			b.camp = append(b.camp, camp)
		}
		b.ecids.data = h.appendECID(b.ecids.data, email)
		b.ecids.end()
		b.hashed.end()
	}
}

// eventsFor is the number of events a range of users is given room for: the mean
// per user with a margin of six standard deviations and a little more, so that a
// region rarely overflows (when one does, its worker's append grows a copy).
func eventsFor(users int, keepAll bool) int {
	mean, sd := 10.7, 3.7 // per user, measured over 20,000 users (KeepAllDraws: 38.2, 20.7)
	if keepAll {
		mean, sd = 38.2, 20.7
	}
	return int(float64(users)*mean+6*sd*math.Sqrt(float64(users))) + 64
}

// region returns buf[at:at:at+n]: an empty slice whose appends fill that region of buf.
func region[T any](buf []T, at, n int) []T { return buf[at : at : at+n] }

// gather moves the parts' slices, each filling a region of buf that starts at
// starts[k], down so that they follow each other, and returns buf cut to their total.
// When a part outgrew its region (its slice is no longer in buf), every part is copied
// into a new buffer of the exact size instead.
func gather[T any](buf []T, parts [][]T, starts []int) []T {
	total := 0
	inPlace := true
	for k, p := range parts {
		total += len(p)
		if len(p) > 0 && &p[0] != &buf[starts[k]] {
			inPlace = false
		}
	}
	if !inPlace {
		out := make([]T, 0, total)
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	pos := 0
	for _, p := range parts {
		pos += copy(buf[pos:], p) // moves down (or stays), never over a part not yet moved
	}
	return buf[:total:total]
}

// validity is a shared validity bitmap and its NULL count (nil: no NULLs).
type validity struct {
	bits  *memory.Buffer
	nulls int
}

// The validity bitmaps of the event columns that are NULL on some events.
const (
	vWeb      = iota // web fields: every event but the e-mails
	vMail            // marketing fields: the e-mails
	vPurchase        // order total
	vAction          // decisioning action
	vSent            // hashed e-mail address: emailSent
	numValidities
)

// validIn tells, per event type, in which of the bitmaps its events are valid.
var validIn = func() (v [numTypes][numValidities]bool) {
	for t := range v {
		v[t][vWeb] = !isMarketing(uint8(t))
		v[t][vMail] = isMarketing(uint8(t))
		v[t][vPurchase] = t == tPurchase
		v[t][vAction] = actions[t] != ""
		v[t][vSent] = t == tSent
	}
	return v
}()

// derived holds what assemble computes from the stored fields.
type derived struct {
	bits          [numValidities][]byte
	nulls         [numValidities]atomic.Int64
	views, clicks []int64
	home          []byte
}

// derive fills events [from, to) of d (from a multiple of 8, so that chunks share no
// byte of a bitmap) and shifts their timestamps by startUs.
func (d *derived) derive(b *eventBuffers, from, to int, startUs int64) {
	var nulls [numValidities]int64
	for i := from; i < to; i++ {
		t := b.typ[i]
		b.at[i] += startUs
		for v, ok := range validIn[t] {
			if ok {
				bitutil.SetBit(d.bits[v], i)
			} else {
				nulls[v]++
			}
		}
		if validIn[t][vWeb] {
			d.views[i], d.clicks[i] = b2i(t == tPageView), b2i(linkClickTypes[t])
			if b.page[i] != formPageCode && pages[b.page[i]].name == "home" {
				bitutil.SetBit(d.home, i)
			}
		}
	}
	for v := range nulls {
		d.nulls[v].Add(nulls[v])
	}
}

// parallel calls f(0), …, f(n-1) on up to GOMAXPROCS goroutines and returns the first
// panic among them.
func parallel(where string, n int, f func(k int)) *PanicError {
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first *PanicError
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				if p := protect(where, func() { f(k) }); p != nil {
					mu.Lock()
					if first == nil {
						first = p
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// dictColumn returns column k as the dictionary of values indexed by codes (a uint8
// or int32 buffer of n codes), NULL where v says.
func dictColumn(k, n int, index arrow.DataType, codes *memory.Buffer, values arrow.Array, v validity) *table.Column {
	dt := &arrow.DictionaryType{IndexType: index, ValueType: arrow.BinaryTypes.String}
	d := array.NewDataWithDictionary(dt, n, []*memory.Buffer{v.bits, codes}, v.nulls, 0, values.Data().(*array.Data))
	return arrowColumn(k, array.MakeFromData(d))
}

// stringArray returns an Arrow utf8 array of vals.
func stringArray(vals []string) arrow.Array {
	var t texts
	for _, s := range vals {
		t.add(s)
	}
	return t.array()
}

// array returns the texts as an Arrow utf8 array (sharing their memory).
func (t *texts) array() arrow.Array {
	off := append([]int32{0}, t.ends...)
	d := array.NewData(arrow.BinaryTypes.String, len(t.ends), []*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(off)), memory.NewBufferBytes(t.data)}, nil, 0, 0)
	return array.MakeFromData(d)
}

// arrowColumn names a column after EventFields[k].
func arrowColumn(k int, a arrow.Array) *table.Column {
	c, err := table.ArrowColumn(EventFields[k].Name, EventFields[k].Type, a)
	if err != nil {
		panic(err) // the arrays above are of the types columns hold
	}
	return c
}

// uuidColumn returns column k over UUIDs of 16 bytes each, NULL where v says.
func uuidColumn(k, n int, raw []byte, v validity) *table.Column {
	d := array.NewData(&arrow.FixedSizeBinaryType{ByteWidth: 16}, n, []*memory.Buffer{v.bits, memory.NewBufferBytes(raw)}, nil, v.nulls, 0)
	c, err := table.UUIDColumn(EventFields[k].Name, EventFields[k].Type, array.MakeFromData(d))
	if err != nil {
		panic(err)
	}
	return c
}

// assemble makes the table of EventFields' columns over the gathered events b; start
// is the window's start in microseconds since the epoch. The derived fields and then
// the columns are made on all cores.
func assemble(b *eventBuffers, startUs int64) (*table.Table, *PanicError) {
	n := len(b.typ)
	d := &derived{views: make([]int64, n), clicks: make([]int64, n), home: make([]byte, bitutil.BytesForBits(int64(n)))}
	for v := range d.bits {
		d.bits[v] = make([]byte, bitutil.BytesForBits(int64(n)))
	}
	const chunk = 1 << 16 // events, a multiple of 8
	if p := parallel("deriving the event fields", (n+chunk-1)/chunk, func(k int) {
		d.derive(b, k*chunk, min(n, (k+1)*chunk), startUs)
	}); p != nil {
		return nil, p
	}
	valid := func(v int) validity {
		return validity{memory.NewBufferBytes(d.bits[v]), int(d.nulls[v].Load())}
	}
	webV, mail, purchase, action, sent := valid(vWeb), valid(vMail), valid(vPurchase), valid(vAction), valid(vSent)

	buf := func(p []uint8) *memory.Buffer { return memory.NewBufferBytes(p) }
	typ, page := buf(b.typ), buf(b.page)
	users := memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(b.user))
	u8, i32 := arrow.PrimitiveTypes.Uint8, arrow.PrimitiveTypes.Int32
	var names, produced, acts []string
	for t := range eventTypes {
		names = append(names, eventTypes[t].Name)
		produced = append(produced, producedBy)
		acts = append(acts, actions[t])
	}
	var pageNames, urls, sections []string
	for _, p := range append(pages[:len(pages):len(pages)], formPage) {
		pageNames, urls, sections = append(pageNames, p.name), append(urls, p.url), append(sections, p.section)
	}
	ints := func(k int, dt arrow.DataType, v []int64, valid validity) *table.Column {
		d := array.NewData(dt, n, []*memory.Buffer{valid.bits, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(v))}, nil, valid.nulls, 0)
		return arrowColumn(k, array.MakeFromData(d))
	}
	build := []func() *table.Column{
		func() *table.Column { return uuidColumn(0, n, b.ids, validity{}) },
		func() *table.Column { return ints(1, table.TimestampType, b.at, validity{}) },
		func() *table.Column { return dictColumn(2, n, u8, typ, stringArray(names), validity{}) },
		func() *table.Column { return dictColumn(3, n, i32, users, b.ecids.array(), validity{}) },
		func() *table.Column { return dictColumn(4, n, u8, typ, stringArray(produced), validity{}) },
		func() *table.Column { return dictColumn(5, n, u8, page, stringArray(pageNames), webV) },
		func() *table.Column { return dictColumn(6, n, u8, page, stringArray(urls), webV) },
		func() *table.Column { return dictColumn(7, n, u8, page, stringArray(sections), webV) },
		func() *table.Column { return ints(8, arrow.PrimitiveTypes.Int64, d.views, webV) },
		func() *table.Column { return ints(9, arrow.PrimitiveTypes.Int64, d.clicks, webV) },
		func() *table.Column { return dictColumn(10, n, u8, buf(b.inter), stringArray(interactionTypes), webV) },
		func() *table.Column { return dictColumn(11, n, u8, buf(b.ref), stringArray(referrerTypes), webV) },
		func() *table.Column {
			return arrowColumn(12, array.MakeFromData(array.NewData(arrow.FixedWidthTypes.Boolean, n, []*memory.Buffer{webV.bits, memory.NewBufferBytes(d.home)}, nil, webV.nulls, 0)))
		},
		func() *table.Column {
			return arrowColumn(13, array.MakeFromData(array.NewData(arrow.PrimitiveTypes.Float64, n, []*memory.Buffer{purchase.bits, memory.NewBufferBytes(arrow.Float64Traits.CastToBytes(b.totals))}, nil, purchase.nulls, 0)))
		},
		func() *table.Column { return dictColumn(14, n, u8, typ, stringArray(acts), action) },
		func() *table.Column { return uuidColumn(15, n, b.msgIDs, mail) },
		func() *table.Column { return dictColumn(16, n, u8, buf(b.camp), stringArray(campaigns), mail) },
		func() *table.Column { return dictColumn(17, n, i32, users, b.hashed.array(), sent) },
	}
	cols := make([]*table.Column, len(build))
	if p := parallel("assembling the events table", len(build), func(k int) { cols[k] = build[k]() }); p != nil {
		return nil, p
	}
	return table.New(cols...), nil
}
