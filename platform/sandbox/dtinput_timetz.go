package sandbox

import (
	"encoding/binary"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// time with time zone: DuckDB's TIMETZ reaches the sandbox as a time.Time on 0001-01-01
// in a fixed zone; PostgreSQL sends it as timetz (OID 1266), "10:00:00.5-07:30" in
// text and microseconds since midnight plus the zone's seconds west of UTC in binary.
// pgx has no codec for it, so the sandbox registers one.

const oidTimetz = 1266

// timetzValue is a time of day in microseconds and its zone offset in seconds east.
type timetzValue struct {
	micros int64
	offset int
}

// toPGTimetz converts DuckDB's TIMETZ value for the wire.
func toPGTimetz(v any) any {
	t, ok := v.(time.Time)
	if !ok {
		return v
	}
	_, off := t.Zone()
	us := int64(t.Hour())*3600e6 + int64(t.Minute())*60e6 + int64(t.Second())*1e6 + int64(t.Nanosecond())/1e3
	return timetzValue{micros: us, offset: off}
}

// registerTimetz lets a connection's type map encode timetz.
func registerTimetz(m *pgtype.Map) {
	m.RegisterType(&pgtype.Type{Name: "timetz", OID: oidTimetz,
		Codec: pgTextCodec{Codec: pgtype.TextCodec{}, text: timetzText, binary: timetzBinary}})
}

// timetzText writes PostgreSQL's text: the clock, then the offset as +HH[:MM[:SS]].
func timetzText(v any) ([]byte, bool) {
	t, ok := v.(timetzValue)
	if !ok {
		return nil, false
	}
	us := t.micros
	h := us / 3600e6
	us -= h * 3600e6
	mi := us / 60e6
	us -= mi * 60e6
	s := us / 1e6
	b := appendClock(nil, h, int(mi), int(s), int(us-s*1e6))
	off := t.offset
	if off < 0 {
		b, off = append(b, '-'), -off
	} else {
		b = append(b, '+')
	}
	b = append2(b, off/3600)
	if off%3600 != 0 {
		b = append2(append(b, ':'), off%3600/60)
		if off%60 != 0 {
			b = append2(append(b, ':'), off%60)
		}
	}
	return b, true
}

// timetzBinary writes PostgreSQL's binary form: int64 microseconds, int32 seconds west.
func timetzBinary(v any) ([]byte, bool) {
	t, ok := v.(timetzValue)
	if !ok {
		return nil, false
	}
	b := binary.BigEndian.AppendUint64(nil, uint64(t.micros))
	return binary.BigEndian.AppendUint32(b, uint32(int32(-t.offset))), true
}
