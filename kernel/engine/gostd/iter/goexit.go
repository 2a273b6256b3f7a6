package iter

import "runtime"

// goexitCaller ends the calling goroutine, as runtime.Goexit in the iterator would
// have ended it had the iterator run on the caller's goroutine.
func goexitCaller() {
	runtime.Goexit()
}
