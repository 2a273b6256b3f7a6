// Package maphash is Sluice's interpreted source for the generic functions of the
// standard package hash/maphash (see kernel/engine/gostd). Values are walked with
// reflection and written into a maphash.Hash, so equal values (==) hash equally under
// one seed: +0 and -0 alike, interfaces by dynamic type and value, pointers and
// channels by address. A NaN hashes to a random value, and a value holding an
// unhashable dynamic type panics as a map key would.
package maphash

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"math/rand/v2"
	"reflect"
	"sync"
)

// Comparable returns the hash of comparable value v with the given seed such that
// Comparable(s, v1) == Comparable(s, v2) if v1 == v2.
func Comparable[T comparable](seed maphash.Seed, v T) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	WriteComparable(&h, v)
	return h.Sum64()
}

// WriteComparable adds x to the data hashed by h.
func WriteComparable[T comparable](h *maphash.Hash, x T) {
	writeValue(h, reflect.ValueOf(&x).Elem())
}

// typeIDs numbers the dynamic types seen inside interfaces, so that values of
// different types that share a representation hash differently.
var (
	typeIDMu sync.Mutex
	typeIDs  = map[reflect.Type]uint64{}
)

func typeID(t reflect.Type) uint64 {
	typeIDMu.Lock()
	defer typeIDMu.Unlock()
	id, ok := typeIDs[t]
	if !ok {
		id = uint64(len(typeIDs) + 1)
		typeIDs[t] = id
	}
	return id
}

func writeUint(h *maphash.Hash, u uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], u)
	h.Write(b[:])
}

func writeFloat(h *maphash.Hash, f float64) {
	switch {
	case f == 0:
		writeUint(h, 0) // +0 and -0 are equal
	case f != f:
		writeUint(h, rand.Uint64()) // NaN is never equal to anything
	default:
		writeUint(h, math.Float64bits(f))
	}
}

func writeValue(h *maphash.Hash, v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeUint(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		writeUint(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		writeFloat(h, v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		writeFloat(h, real(c))
		writeFloat(h, imag(c))
	case reflect.String:
		s := v.String()
		writeUint(h, uint64(len(s)))
		h.WriteString(s)
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		writeUint(h, uint64(v.Pointer()))
	case reflect.Interface:
		if v.IsNil() {
			writeUint(h, 0)
			return
		}
		elem := v.Elem()
		if !elem.Type().Comparable() {
			unhashable(elem.Type())
		}
		writeUint(h, typeID(elem.Type()))
		writeValue(h, elem)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			writeValue(h, v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).Name == "_" {
				continue // blank fields take no part in ==
			}
			writeValue(h, v.Field(i))
		}
	default:
		unhashable(v.Type())
	}
}

// unhashable panics with the runtime error a map would raise for a key of type t.
func unhashable(t reflect.Type) {
	m := map[any]bool{}
	m[reflect.Zero(t).Interface()] = true
}
