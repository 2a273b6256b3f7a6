#!/bin/sh
# CPU profiles of the typed front end's small cells, for bench/frontend.md:
#
#   bench/frontend/profile.sh [REV]       REV defaults to HEAD
#
# REV is checked out as a detached worktree under $FEBENCH_WORK (default: a fresh
# directory in /tmp) with engine_test.go, roundtrip_test.go and profkernel_test.go copied
# in. Two profiles are taken and printed with `go tool pprof -top`:
#
#   smallcells.prof  go test -cpuprofile of BenchmarkSmallCells (FEBENCH_PROF_N iterations
#                    of the 8 cells in one engine, default 1000), in process;
#   kernel.prof      the kernel's own process during BenchmarkRoundTrip (FEBENCH_RT_ROUNDS
#                    rounds, default 300): the test binary serves as the kernel
#                    (profkernel_test.go) and writes its profile at shutdown. The other
#                    kernel of the benchmark is REV's sluice binary, unprofiled, so the
#                    ratio that run reports is not a measurement of the front end.
#
# FEBENCH_KEEP=1 keeps the worktree.
set -eu

REV=${1:-HEAD}
N=${FEBENCH_PROF_N:-1000}
RT_ROUNDS=${FEBENCH_RT_ROUNDS:-300}
repo=$(git rev-parse --show-toplevel)
here=$repo/bench/frontend
W=${FEBENCH_WORK:-$(mktemp -d /tmp/febench-prof.XXXXXX)}
mkdir -p "$W"
commit=$(git -C "$repo" rev-parse --short "$REV")

cleanup() {
	if [ "${FEBENCH_KEEP:-}" != 1 ] && [ -d "$W/tree" ]; then
		git -C "$repo" worktree remove --force "$W/tree" || true
	fi
}
trap cleanup EXIT

echo "building $commit in $W" >&2
[ -d "$W/tree" ] || git -C "$repo" worktree add --detach "$W/tree" "$REV" >/dev/null
mkdir -p "$W/tree/bench/frontend"
cp "$here/engine_test.go" "$here/roundtrip_test.go" "$here/profkernel_test.go" "$W/tree/bench/frontend/"
(cd "$W/tree" && go build -o "$W/sluice" ./cmd/sluice && go test -c -o "$W/bench.test" ./bench/frontend)

echo "BenchmarkSmallCells, $N iterations, -cpuprofile" >&2
(cd "$W/tree/bench/frontend" && "$W/bench.test" -test.run='^$' -test.bench='^BenchmarkSmallCells$' \
	-test.benchtime="${N}x" -test.cpuprofile="$W/smallcells.prof") | grep '^Benchmark' >&2

echo "BenchmarkRoundTrip, $RT_ROUNDS rounds, the kernel profiled" >&2
(cd "$W/tree/bench/frontend" &&
	FEBENCH_OLD_BIN=$W/sluice FEBENCH_NEW_BIN=$W/bench.test FEBENCH_RT_ROUNDS=$RT_ROUNDS \
		FEBENCH_KERNEL_CPUPROFILE=$W/kernel.prof \
		"$W/bench.test" -test.run='^$' -test.bench='^BenchmarkRoundTrip$' -test.benchtime=1x) | grep '^Benchmark' >&2
[ -s "$W/kernel.prof" ] || { echo "the kernel wrote no profile" >&2; exit 1; }

for p in smallcells kernel; do
	for mode in -top -top\ -cum; do
		echo "== $p.prof ($commit) go tool pprof $mode"
		# shellcheck disable=SC2086
		go tool pprof $mode -nodecount=45 "$W/bench.test" "$W/$p.prof" 2>/dev/null
	done
done | tee "$W/profiles.txt"
echo "profiles: $W/smallcells.prof $W/kernel.prof; text: $W/profiles.txt" >&2
