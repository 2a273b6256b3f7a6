// Package runtime is Sluice's interpreted source for the generic function of the
// standard package runtime (see kernel/engine/gostd): AddCleanup, through the compiled
// helper in gostd/native.
package runtime

import (
	"reflect"
	"runtime"

	"github.com/sluice-dev/sluice/kernel/engine/gostd/native"
)

// AddCleanup attaches cleanup to ptr: some time after ptr is no longer reachable, the
// runtime calls cleanup(arg) in a separate goroutine. It panics if arg is equal to ptr,
// since the cleanup could then never run. See runtime.AddCleanup for the full contract.
func AddCleanup[T, S any](ptr *T, cleanup func(S), arg S) runtime.Cleanup {
	if a := reflect.ValueOf(any(arg)); a.Kind() == reflect.Pointer && a.Pointer() == reflect.ValueOf(ptr).Pointer() {
		panic("runtime.AddCleanup: ptr is equal to arg, cleanup will never run")
	}
	return native.AddCleanup(ptr, func(a any) { cleanup(a.(S)) }, arg)
}
