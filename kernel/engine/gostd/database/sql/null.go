// Package sql is Sluice's interpreted source for the generic type of the standard
// package database/sql (see kernel/engine/gostd): Null.
package sql

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
)

// Null represents a value that may be null. It implements sql.Scanner and
// driver.Valuer.
type Null[T any] struct {
	V     T
	Valid bool
}

// Scan implements the sql.Scanner interface: a nil value makes the Null invalid,
// anything else is converted into V as database/sql converts a column for Rows.Scan.
func (n *Null[T]) Scan(value any) error {
	if value == nil {
		var zero T
		n.V, n.Valid = zero, false
		return nil
	}
	n.Valid = true
	return convertAssign(&n.V, value)
}

// Value implements the driver.Valuer interface: nil when not Valid, else V converted
// by driver.DefaultParameterConverter, after V's own Value method when it has one.
func (n Null[T]) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	v := any(n.V)
	if vr, ok := v.(driver.Valuer); ok {
		rv := reflect.ValueOf(vr)
		if rv.Kind() == reflect.Pointer && rv.IsNil() && rv.Type().Elem().Implements(valuerType) {
			// A nil pointer to a type with a value-receiver Value method is a NULL.
			v = nil
		} else {
			val, err := vr.Value()
			if err != nil {
				return val, err
			}
			v = val
		}
	}
	return driver.DefaultParameterConverter.ConvertValue(v)
}

var valuerType = reflect.TypeOf((*driver.Valuer)(nil)).Elem()

// convertAssign stores src into dest with database/sql's own conversion, by scanning a
// one-value row of a tiny in-process driver, and returns the conversion's error as
// the standard Null.Scan does (without Rows.Scan's column prefix).
func convertAssign(dest, src any) error {
	rowMu.Lock()
	defer rowMu.Unlock()
	if rowDB == nil {
		rowDB = sql.OpenDB(oneRowConnector{})
		rowDB.SetMaxOpenConns(1)
	}
	pendingValue = src
	rows, err := rowDB.Query("")
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return errors.New("sql: no row to scan")
	}
	if err := rows.Scan(dest); err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			return inner
		}
		return err
	}
	return nil
}
