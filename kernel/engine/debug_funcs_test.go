package engine

import (
	"reflect"
	"testing"
)

func TestFuncSpans(t *testing.T) {
	code := "type T struct{ a int }\n\nfunc (t *T) Get() int {\n\treturn t.a\n}\n\nfunc add(a, b int) (int, error) {\n\tf := func(x int) int {\n\t\treturn x\n\t}\n\treturn f(a) + b, nil\n}\nfunc empty() {}\nx := struct{ n int }{1}"
	got := funcSpans(code)
	want := []funcSpan{{"Get", 3, 4, 5}, {"add", 7, 8, 12}, {"", 8, 9, 10}, {"empty", 13, 0, 13}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("funcSpans = %+v\nwant %+v", got, want)
	}
}
