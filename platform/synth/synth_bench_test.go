package synth

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's CPU time; on a shared machine events per
// CPU-second are steadier than events per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var benchEnd = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkEventsOneCore measures event generation on one core; it reports events/s.
func BenchmarkEventsOneCore(b *testing.B) {
	cfg := Config{Users: 10000, Seed: 1, End: benchEnd}.withDefaults()
	rows := 0
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		rows += mustEvents(b, cfg, 0, cfg.Users, 1).NumRows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(rows)/(cpuTime()-c0).Seconds(), "events/cpu-s")
}

// BenchmarkEventsAllCores measures event generation on every core.
func BenchmarkEventsAllCores(b *testing.B) {
	cfg := Config{Users: 20000, Seed: 1, End: benchEnd}
	rows := 0
	for b.Loop() {
		rows += Events(cfg, 0, cfg.Users).NumRows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkProfiles measures profile generation on one goroutine.
func BenchmarkProfiles(b *testing.B) {
	cfg := Config{Users: 10000, Seed: 1, End: benchEnd}
	rows := 0
	for b.Loop() {
		rows += Profiles(cfg, 0, cfg.Users).NumRows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "profiles/s")
}
