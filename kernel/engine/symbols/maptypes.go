package symbols

import (
	"encoding"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log"
	"reflect"
)

func ifaceOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func init() {
	printing := []reflect.Type{ifaceOf[fmt.Formatter](), ifaceOf[fmt.Stringer](), ifaceOf[error]()}
	for _, f := range []any{
		fmt.Errorf, fmt.Fprint, fmt.Fprintf, fmt.Fprintln, fmt.Print, fmt.Printf, fmt.Println,
		fmt.Sprint, fmt.Sprintf, fmt.Sprintln, fmt.Append, fmt.Appendf, fmt.Appendln,
		log.Print, log.Printf, log.Println, log.Panic, log.Panicf, log.Panicln,
		logFatal, logFatalf, logFatalln,
	} {
		MapTypes[reflect.ValueOf(f)] = printing
	}
	scanning := []reflect.Type{ifaceOf[fmt.Scanner]()}
	for _, f := range []any{fmt.Scan, fmt.Scanf, fmt.Scanln, fmt.Fscan, fmt.Fscanf, fmt.Fscanln, fmt.Sscan, fmt.Sscanf, fmt.Sscanln} {
		MapTypes[reflect.ValueOf(f)] = scanning
	}
	MapTypes[reflect.ValueOf(json.Marshal)] = []reflect.Type{ifaceOf[json.Marshaler](), ifaceOf[encoding.TextMarshaler]()}
	MapTypes[reflect.ValueOf(json.MarshalIndent)] = []reflect.Type{ifaceOf[json.Marshaler](), ifaceOf[encoding.TextMarshaler]()}
	MapTypes[reflect.ValueOf(json.Unmarshal)] = []reflect.Type{ifaceOf[json.Unmarshaler](), ifaceOf[encoding.TextUnmarshaler]()}
	MapTypes[reflect.ValueOf(xml.Marshal)] = []reflect.Type{ifaceOf[xml.Marshaler](), ifaceOf[encoding.TextMarshaler]()}
	MapTypes[reflect.ValueOf(xml.Unmarshal)] = []reflect.Type{ifaceOf[xml.Unmarshaler](), ifaceOf[encoding.TextUnmarshaler]()}
}
