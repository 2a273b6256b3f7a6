package qs

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sluice-dev/sluice/table"
)

// pgEpoch is PostgreSQL's binary epoch for dates and timestamps.
var pgEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// decoder decodes one result column's raw wire values into a column builder.
type decoder struct {
	name, typName string
	kind          table.Kind
	b             *table.Builder
	oid           uint32
	format        int16
	m             *pgtype.Map
	typ           *pgtype.Type
}

// kindOf returns the column kind a PostgreSQL type OID is stored as.
func kindOf(oid uint32) table.Kind {
	switch oid {
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.OIDOID, pgtype.XIDOID, pgtype.CIDOID:
		return table.KindInt
	case pgtype.Float4OID, pgtype.Float8OID, pgtype.NumericOID:
		return table.KindFloat
	case pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID, pgtype.QCharOID, pgtype.UUIDOID, unknownOID:
		return table.KindString
	case pgtype.BoolOID:
		return table.KindBool
	case pgtype.DateOID, pgtype.TimestampOID, pgtype.TimestamptzOID:
		return table.KindTime
	}
	return table.KindAny
}

// unknownOID is PostgreSQL's "unknown" pseudo-type (untyped literals).
const unknownOID = 705

// typeName returns the PostgreSQL name of a type OID.
func typeName(m *pgtype.Map, oid uint32) string {
	if oid == unknownOID {
		return "unknown"
	}
	if t, ok := m.TypeForOID(oid); ok {
		return t.Name
	}
	return "oid " + strconv.FormatUint(uint64(oid), 10)
}

func newDecoders(fds []pgconn.FieldDescription, m *pgtype.Map) []*decoder {
	out := make([]*decoder, len(fds))
	for i, fd := range fds {
		d := &decoder{
			name:    fd.Name,
			typName: typeName(m, fd.DataTypeOID),
			kind:    kindOf(fd.DataTypeOID),
			oid:     fd.DataTypeOID,
			format:  fd.Format,
			m:       m,
		}
		d.b = table.NewBuilder(d.name, d.typName, d.kind)
		d.typ, _ = m.TypeForOID(fd.DataTypeOID)
		out[i] = d
	}
	return out
}

// finish returns the column decoded so far and starts a new one.
func (d *decoder) finish() *table.Column { return d.b.Finish() }

// append decodes one raw value (nil means NULL) and appends it.
func (d *decoder) append(raw []byte) error {
	if raw == nil {
		d.b.AppendNull()
		return nil
	}
	switch d.kind {
	case table.KindString:
		if d.oid == pgtype.UUIDOID {
			d.b.AppendString(d.str(raw))
		} else {
			d.b.AppendBytes(raw)
		}
		return nil
	case table.KindInt:
		v, err := d.int(raw)
		d.b.AppendInt(v)
		return err
	case table.KindFloat:
		v, err := d.float(raw)
		d.b.AppendFloat(v)
		return err
	case table.KindBool:
		d.b.AppendBool(d.bool(raw))
		return nil
	case table.KindTime:
		v, err := d.time(raw)
		d.b.AppendTime(v)
		return err
	default:
		v, err := d.value(raw)
		d.b.AppendAny(v)
		return err
	}
}

// decode decodes one raw value as the Go value its column holds (nil for NULL).
func (d *decoder) decode(raw []byte) (any, error) {
	if raw == nil {
		return nil, nil
	}
	switch d.kind {
	case table.KindString:
		return d.str(raw), nil
	case table.KindInt:
		return d.int(raw)
	case table.KindFloat:
		return d.float(raw)
	case table.KindBool:
		return d.bool(raw), nil
	case table.KindTime:
		return d.time(raw)
	default:
		return d.value(raw)
	}
}

func (d *decoder) bool(raw []byte) bool {
	if d.format == pgtype.BinaryFormatCode {
		return len(raw) == 1 && raw[0] != 0
	}
	return len(raw) > 0 && (raw[0] == 't' || raw[0] == 'T' || raw[0] == '1' || raw[0] == 'y')
}

func (d *decoder) str(raw []byte) string {
	if d.oid == pgtype.UUIDOID && d.format == pgtype.BinaryFormatCode && len(raw) == 16 {
		h := hex.EncodeToString(raw)
		return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	}
	return string(raw)
}

func (d *decoder) int(raw []byte) (int64, error) {
	if d.format == pgtype.BinaryFormatCode {
		switch len(raw) {
		case 2:
			return int64(int16(binary.BigEndian.Uint16(raw))), nil
		case 4:
			if d.oid == pgtype.Int4OID {
				return int64(int32(binary.BigEndian.Uint32(raw))), nil
			}
			return int64(binary.BigEndian.Uint32(raw)), nil
		case 8:
			return int64(binary.BigEndian.Uint64(raw)), nil
		}
		return 0, fmt.Errorf("column %q: %d-byte integer", d.name, len(raw))
	}
	v, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("column %q: %w", d.name, err)
	}
	return v, nil
}

func (d *decoder) float(raw []byte) (float64, error) {
	if d.format == pgtype.BinaryFormatCode {
		switch {
		case d.oid == pgtype.Float8OID && len(raw) == 8:
			return math.Float64frombits(binary.BigEndian.Uint64(raw)), nil
		case d.oid == pgtype.Float4OID && len(raw) == 4:
			return float64(math.Float32frombits(binary.BigEndian.Uint32(raw))), nil
		case d.oid == pgtype.NumericOID:
			var n pgtype.Numeric
			if err := d.m.PlanScan(d.oid, d.format, &n).Scan(raw, &n); err != nil {
				return 0, fmt.Errorf("column %q: %w", d.name, err)
			}
			f, err := n.Float64Value()
			if err != nil {
				return 0, fmt.Errorf("column %q: %w", d.name, err)
			}
			return f.Float64, nil
		}
		return 0, fmt.Errorf("column %q: %d-byte float", d.name, len(raw))
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return 0, fmt.Errorf("column %q: %w", d.name, err)
	}
	return v, nil
}

func (d *decoder) time(raw []byte) (time.Time, error) {
	if d.format == pgtype.BinaryFormatCode {
		switch {
		case d.oid == pgtype.DateOID && len(raw) == 4:
			days := int32(binary.BigEndian.Uint32(raw))
			if days != math.MaxInt32 && days != math.MinInt32 {
				return pgEpoch.AddDate(0, 0, int(days)), nil
			}
		case len(raw) == 8:
			us := int64(binary.BigEndian.Uint64(raw))
			if us != math.MaxInt64 && us != math.MinInt64 {
				return pgEpoch.Add(time.Duration(us/1e6)*time.Second + time.Duration(us%1e6)*time.Microsecond), nil
			}
		}
	}
	v, err := d.value(raw)
	if err != nil {
		return time.Time{}, err
	}
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case pgtype.InfinityModifier:
		if t > 0 {
			return time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), nil
		}
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("column %q: cannot read %T as a time", d.name, v)
}

// value decodes any type with pgx's codec for it, or keeps the text when the type is
// unknown to pgx.
func (d *decoder) value(raw []byte) (any, error) {
	if d.typ == nil {
		if d.format == pgtype.TextFormatCode {
			return string(raw), nil
		}
		return append([]byte(nil), raw...), nil
	}
	v, err := d.typ.Codec.DecodeValue(d.m, d.oid, d.format, raw)
	if err != nil {
		return nil, fmt.Errorf("column %q (%s): %w", d.name, d.typName, err)
	}
	switch x := v.(type) {
	case pgtype.Date:
		if x.Valid && x.InfinityModifier == pgtype.Finite {
			return x.Time, nil
		}
		return x.InfinityModifier, nil
	case pgtype.Timestamp:
		if x.InfinityModifier == pgtype.Finite {
			return x.Time, nil
		}
		return x.InfinityModifier, nil
	case pgtype.Timestamptz:
		if x.InfinityModifier == pgtype.Finite {
			return x.Time, nil
		}
		return x.InfinityModifier, nil
	}
	return v, nil
}
