package format

import (
	"bytes"
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	f := &File{
		Stamp: "go1.26.8 linux/amd64 2 abc",
		Dict:  []byte("dictionary"),
		Entries: []Entry{
			{Path: "fmt", RawLen: 10, Blob: []byte("blob one")},
			{Path: "github.com/x/y", RawLen: 3, Blob: []byte{}},
		},
	}
	enc := f.Encode()
	back, err := Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if back.Stamp != f.Stamp || !bytes.Equal(back.Dict, f.Dict) || len(back.Entries) != 2 ||
		!reflect.DeepEqual(back.Entries[0], f.Entries[0]) || back.Entries[1].Path != "github.com/x/y" || len(back.Entries[1].Blob) != 0 {
		t.Fatalf("round trip: %+v", back)
	}
	// Every truncation, and trailing garbage, is an error rather than a panic.
	for i := 0; i < len(enc); i++ {
		if _, err := Decode(enc[:i]); err == nil {
			t.Errorf("Decode accepted %d of %d bytes", i, len(enc))
		}
	}
	if _, err := Decode(append(enc, 0)); err == nil {
		t.Error("Decode accepted trailing bytes")
	}
}
