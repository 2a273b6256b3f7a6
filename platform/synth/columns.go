package synth

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sluice-dev/sluice/table"
)

// Events are generated in two steps. Workers simulate their users and record each
// event compactly (32 bytes, plus its UUIDs in a byte arena); then each column's Arrow
// buffers are allocated once at their exact final size and filled from the records,
// columns in parallel. Nothing grows by doubling and the heap holds no per-value
// strings, so memory and time stay linear in the number of users (the earlier version
// kept 18 slices of Go strings per event, copied them into table builders and again
// for the NULL masks: a heap several times the table's size, with the garbage
// collector's work growing with it).

// noCode marks an event without the detail field.
const noCode = 255

// formPageCode is the page code of web.formFilledOut's page.
var formPageCode = uint8(len(pages))

// evRec is one generated event.
type evRec struct {
	at    int64   // microseconds after the window start
	total float64 // order total, on purchases
	user  int32   // index into the part's users
	typ   uint8
	page  uint8 // index into pages, formPageCode, or noCode on e-mail events
	inter uint8 // index into interactionTypes, or noCode
	ref   uint8 // index into referrerTypes, or noCode
	camp  uint8 // index into campaigns, or noCode
}

// partUser is a generated user's ECID and, when it was sent an e-mail, hashed address.
type partUser struct{ ecid, hashed string }

// eventPart is one worker's users: their events in order, the events' UUIDs (36 bytes
// each) and the e-mail events' message UUIDs, in order.
type eventPart struct {
	recs   []evRec
	ids    []byte
	msgIDs []byte
	users  []partUser
}

func isMarketing(typ uint8) bool { return typ == tSent || typ == tOpened || typ == tClicked }

// generate appends the events of users [from, to) to p, drawing every random value in
// the order the reference generator does.
func (s *simulator) generate(p *eventPart, from, to int) {
	idr := newUserRand()
	for i := from; i < to; i++ {
		id := userIdentity(idr, s.cfg.Seed, i)
		s.simulate(i)
		r := s.r
		u := int32(len(p.users))
		p.users = append(p.users, partUser{ecid: id.ecid})
		for _, e := range s.events {
			p.ids = r.appendUUID(p.ids)
			if isMarketing(uint8(e.typ)) {
				p.msgIDs = r.appendUUID(p.msgIDs)
			}
		}
		for _, e := range s.events {
			rec := evRec{at: e.at, user: u, typ: uint8(e.typ), page: noCode, inter: noCode, ref: noCode, camp: noCode}
			if isMarketing(rec.typ) {
				rec.camp = uint8(r.IntN(len(campaigns)))
				if e.typ == tSent && p.users[u].hashed == "" {
					p.users[u].hashed = hashedEmail(id.email)
				}
			} else {
				rec.page = uint8(r.IntN(len(pages)))
				if e.typ == tForm {
					rec.page = formPageCode
				}
				rec.inter = uint8(r.IntN(len(interactionTypes)))
				rec.ref = uint8(r.IntN(len(referrerTypes)))
			}
			if e.typ == tPurchase {
				rec.total = round2(9.99 + r.Float64()*240)
			}
			p.recs = append(p.recs, rec)
		}
	}
}

// partRec addresses one event across parts.
type evCursor struct {
	parts []eventPart
	n     int
}

// each calls f for every event in order with its part.
func (c *evCursor) each(f func(p *eventPart, r *evRec)) {
	for k := range c.parts {
		p := &c.parts[k]
		for i := range p.recs {
			f(p, &p.recs[i])
		}
	}
}

// validity returns an Arrow validity bitmap of the events for which valid is true, or
// nil when every event is valid, and the NULL count.
func (c *evCursor) validity(valid func(r *evRec) bool) (*memory.Buffer, int) {
	bits := make([]byte, bitutil.BytesForBits(int64(c.n)))
	i, nulls := 0, 0
	c.each(func(_ *eventPart, r *evRec) {
		if valid(r) {
			bitutil.SetBit(bits, i)
		} else {
			nulls++
		}
		i++
	})
	if nulls == 0 {
		return nil, 0
	}
	return memory.NewBufferBytes(bits), nulls
}

// strColumn builds a string column whose value for an event is val's (NULL when
// valid says so), sizing its buffers exactly in a first pass.
func (c *evCursor) strColumn(k int, val func(p *eventPart, r *evRec) string, valid func(r *evRec) bool) *table.Column {
	var size int64
	c.each(func(p *eventPart, r *evRec) {
		if valid == nil || valid(r) {
			size += int64(len(val(p, r)))
		}
	})
	var vb *memory.Buffer
	nulls := 0
	if valid != nil {
		vb, nulls = c.validity(valid)
	}
	data := make([]byte, 0, size)
	var dt arrow.DataType
	var offsets []byte
	if size <= math.MaxInt32 {
		off := make([]int32, 1, c.n+1)
		c.each(func(p *eventPart, r *evRec) {
			if valid == nil || valid(r) {
				data = append(data, val(p, r)...)
			}
			off = append(off, int32(len(data)))
		})
		dt, offsets = arrow.BinaryTypes.String, arrow.Int32Traits.CastToBytes(off)
	} else {
		off := make([]int64, 1, c.n+1)
		c.each(func(p *eventPart, r *evRec) {
			if valid == nil || valid(r) {
				data = append(data, val(p, r)...)
			}
			off = append(off, int64(len(data)))
		})
		dt, offsets = arrow.BinaryTypes.LargeString, arrow.Int64Traits.CastToBytes(off)
	}
	d := array.NewData(dt, c.n, []*memory.Buffer{vb, memory.NewBufferBytes(offsets), memory.NewBufferBytes(data)}, nil, nulls, 0)
	return arrowColumn(k, array.MakeFromData(d))
}

// uuidColumn builds a column of UUIDs taken in order from each part's arena (ids or
// message ids), NULL where valid says so.
func (c *evCursor) uuidColumn(k int, arena func(p *eventPart) []byte, valid func(r *evRec) bool) *table.Column {
	var vb *memory.Buffer
	nulls := 0
	if valid != nil {
		vb, nulls = c.validity(valid)
	}
	size := 0
	for k := range c.parts {
		size += len(arena(&c.parts[k]))
	}
	data := make([]byte, 0, size)
	off := make([]int32, 1, c.n+1)
	for k := range c.parts {
		p := &c.parts[k]
		a := arena(p)
		pos := 0
		for i := range p.recs {
			if valid == nil || valid(&p.recs[i]) {
				data = append(data, a[pos:pos+36]...)
				pos += 36
			}
			off = append(off, int32(len(data)))
		}
	}
	d := array.NewData(arrow.BinaryTypes.String, c.n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(off)), memory.NewBufferBytes(data)}, nil, nulls, 0)
	return arrowColumn(k, array.MakeFromData(d))
}

// dropArena lets go of a UUID arena in every part once its column holds the UUIDs.
func (c *evCursor) dropArena(drop func(p *eventPart)) {
	for k := range c.parts {
		drop(&c.parts[k])
	}
}

// arrowColumn names a column after EventFields[k].
func arrowColumn(k int, a arrow.Array) *table.Column {
	c, err := table.ArrowColumn(EventFields[k].Name, EventFields[k].Type, a)
	if err != nil {
		panic(err) // the arrays above are of the types columns hold
	}
	return c
}

// table assembles the parts' events into a table with EventFields' columns; start is
// the window's start. Columns are built on up to workers goroutines.
func assemble(parts []eventPart, startUs int64, workers int) (*table.Table, error) {
	c := &evCursor{parts: parts}
	for k := range parts {
		c.n += len(parts[k].recs)
	}
	web := func(r *evRec) bool { return r.page != noCode }
	marketing := func(r *evRec) bool { return r.camp != noCode }
	purchase := func(r *evRec) bool { return r.typ == tPurchase }
	action := func(r *evRec) bool { return actions[r.typ] != "" }
	hashed := func(r *evRec) bool { return r.typ == tSent }
	page := func(r *evRec) struct{ name, url, section string } {
		if r.page == formPageCode {
			return formPage
		}
		return pages[r.page]
	}
	ints := func(k int, val func(r *evRec) int64, valid func(r *evRec) bool) *table.Column {
		v := make([]int64, 0, c.n)
		c.each(func(_ *eventPart, r *evRec) {
			if valid == nil || valid(r) {
				v = append(v, val(r))
			} else {
				v = append(v, 0)
			}
		})
		var vb *memory.Buffer
		nulls := 0
		if valid != nil {
			vb, nulls = c.validity(valid)
		}
		dt := arrow.DataType(arrow.PrimitiveTypes.Int64)
		if EventFields[k].Kind == table.KindTime {
			dt = table.TimestampType
		}
		d := array.NewData(dt, c.n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(v))}, nil, nulls, 0)
		return arrowColumn(k, array.MakeFromData(d))
	}
	cols := make([]*table.Column, len(EventFields))
	build := []func() *table.Column{
		func() *table.Column {
			col := c.uuidColumn(0, func(p *eventPart) []byte { return p.ids }, nil)
			c.dropArena(func(p *eventPart) { p.ids = nil })
			return col
		},
		func() *table.Column { return ints(1, func(r *evRec) int64 { return startUs + r.at }, nil) },
		func() *table.Column {
			return c.strColumn(2, func(_ *eventPart, r *evRec) string { return eventTypes[r.typ].Name }, nil)
		},
		func() *table.Column {
			return c.strColumn(3, func(p *eventPart, r *evRec) string { return p.users[r.user].ecid }, nil)
		},
		func() *table.Column {
			return c.strColumn(4, func(_ *eventPart, _ *evRec) string { return producedBy }, nil)
		},
		func() *table.Column {
			return c.strColumn(5, func(_ *eventPart, r *evRec) string { return page(r).name }, web)
		},
		func() *table.Column {
			return c.strColumn(6, func(_ *eventPart, r *evRec) string { return page(r).url }, web)
		},
		func() *table.Column {
			return c.strColumn(7, func(_ *eventPart, r *evRec) string { return page(r).section }, web)
		},
		func() *table.Column { return ints(8, func(r *evRec) int64 { return b2i(r.typ == tPageView) }, web) },
		func() *table.Column { return ints(9, func(r *evRec) int64 { return b2i(linkClickTypes[r.typ]) }, web) },
		func() *table.Column {
			return c.strColumn(10, func(_ *eventPart, r *evRec) string { return interactionTypes[r.inter] }, web)
		},
		func() *table.Column {
			return c.strColumn(11, func(_ *eventPart, r *evRec) string { return referrerTypes[r.ref] }, web)
		},
		func() *table.Column {
			bits := make([]byte, bitutil.BytesForBits(int64(c.n)))
			i := 0
			c.each(func(_ *eventPart, r *evRec) {
				if r.page != noCode && page(r).name == "home" {
					bitutil.SetBit(bits, i)
				}
				i++
			})
			vb, nulls := c.validity(web)
			d := array.NewData(arrow.FixedWidthTypes.Boolean, c.n, []*memory.Buffer{vb, memory.NewBufferBytes(bits)}, nil, nulls, 0)
			return arrowColumn(12, array.MakeFromData(d))
		},
		func() *table.Column {
			v := make([]float64, 0, c.n)
			c.each(func(_ *eventPart, r *evRec) {
				if purchase(r) {
					v = append(v, r.total)
				} else {
					v = append(v, math.NaN())
				}
			})
			vb, nulls := c.validity(purchase)
			d := array.NewData(arrow.PrimitiveTypes.Float64, c.n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.Float64Traits.CastToBytes(v))}, nil, nulls, 0)
			return arrowColumn(13, array.MakeFromData(d))
		},
		func() *table.Column {
			return c.strColumn(14, func(_ *eventPart, r *evRec) string { return actions[r.typ] }, action)
		},
		func() *table.Column {
			col := c.uuidColumn(15, func(p *eventPart) []byte { return p.msgIDs }, marketing)
			c.dropArena(func(p *eventPart) { p.msgIDs = nil })
			return col
		},
		func() *table.Column {
			return c.strColumn(16, func(_ *eventPart, r *evRec) string { return campaigns[r.camp] }, marketing)
		},
		func() *table.Column {
			return c.strColumn(17, func(p *eventPart, r *evRec) string { return p.users[r.user].hashed }, hashed)
		},
	}
	// the UUID columns first: their arenas are dropped once copied, and the memory is
	// reused by the columns built after them
	order := []int{0, 15}
	for k := range build {
		if k != 0 && k != 15 {
			order = append(order, k)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstPanic *PanicError
	for w := 0; w < max(1, min(workers, len(build))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(order) {
					return
				}
				k := order[i]
				if p := protect("assembling column "+EventFields[k].Name, func() { cols[k] = build[k]() }); p != nil {
					mu.Lock()
					if firstPanic == nil {
						firstPanic = p
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstPanic != nil {
		return nil, firstPanic
	}
	return table.New(cols...), nil
}
