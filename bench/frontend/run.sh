#!/bin/sh
# Cost of the kernel engine's typed front end: the engine before it (OLD, default
# 34f4167) against the engine with it (NEW, default HEAD), side by side in one run.
#
#   bench/frontend/run.sh [ROUNDS]        from anywhere inside the repository
#
# Both revisions are checked out as detached worktrees under $FEBENCH_WORK (default: a
# fresh directory in /tmp), never modified except for a copy of engine_test.go (and, in
# NEW, roundtrip_test.go) under bench/frontend. For each side it builds the sluice binary
# and the benchmark's test binary. Then, ROUNDS times (default 5), each side runs
# BenchmarkNotebooks and BenchmarkCorpus once, the sides' order alternating from round to
# round; the notebooks use a private sandbox (SLUICE_HOME under $FEBENCH_WORK) that one
# unmeasured pass has filled first. Then, in the same alternating order, each side runs
# BenchmarkSmallCells ROUNDS times and BenchmarkSessionSize twice. Then BenchmarkRoundTrip
# drives both kernels over ZeroMQ, interleaved, ROUNDS times. All samples go to $FEBENCH_WORK/samples.jsonl;
# summarize.py turns them into the tables of bench/frontend.md ($FEBENCH_WORK/summary.md).
#
# Environment: FEBENCH_OLD_REV, FEBENCH_NEW_REV, FEBENCH_WORK, FEBENCH_RT_ROUNDS (round
# trips per cell per kernel per round, default 100), FEBENCH_KEEP=1 keeps the worktrees.
set -eu

ROUNDS=${1:-5}
OLD_REV=${FEBENCH_OLD_REV:-34f4167}
NEW_REV=${FEBENCH_NEW_REV:-HEAD}
RT_ROUNDS=${FEBENCH_RT_ROUNDS:-100}
repo=$(git rev-parse --show-toplevel)
here=$repo/bench/frontend
W=${FEBENCH_WORK:-$(mktemp -d /tmp/febench.XXXXXX)}
mkdir -p "$W"
out=$W/samples.jsonl
: >"$out"

old_commit=$(git -C "$repo" rev-parse --short "$OLD_REV")
new_commit=$(git -C "$repo" rev-parse --short "$NEW_REV")

setup() { # side rev
	if [ ! -d "$W/$1" ]; then
		git -C "$repo" worktree add --detach "$W/$1" "$2" >/dev/null
	fi
	mkdir -p "$W/$1/bench/frontend"
	cp "$here/engine_test.go" "$W/$1/bench/frontend/"
	if [ "$1" = new ]; then
		cp "$here/roundtrip_test.go" "$W/$1/bench/frontend/"
	fi
	(cd "$W/$1" && go build -o "$W/sluice-$1" ./cmd/sluice && go test -c -o "$W/bench-$1.test" ./bench/frontend)
}

cleanup() {
	SLUICE_HOME=$W/home "$W/sluice-new" sandbox stop >/dev/null 2>&1 || true
	if [ "${FEBENCH_KEEP:-}" != 1 ]; then
		for side in old new; do
			[ -d "$W/$side" ] && git -C "$repo" worktree remove --force "$W/$side" || true
		done
	fi
}
trap cleanup EXIT

echo "building $old_commit (old) and $new_commit (new) in $W" >&2
setup old "$OLD_REV"
setup new "$NEW_REV"

export SLUICE_HOME="$W/home" SLUICE_BIN="$W/sluice-new" FEBENCH_ROOT="$W/new" FEBENCH_NOTEBOOKS=1
unset SLUICE_DSN DATABASE_URL PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE 2>/dev/null || true
mkdir -p "$SLUICE_HOME"

bench() { # side set run
	(cd "$W/$1/bench/frontend" &&
		FEBENCH_LABEL=$1 FEBENCH_RUN=$3 FEBENCH_OUT=$out \
			"$W/bench-$1.test" -test.run='^$' -test.bench="^Benchmark$2\$" -test.benchtime=1x) |
		grep '^Benchmark' | sed "s/^/$1 run $3: /" >&2
}

# One unmeasured pass fills the sandbox (generation, training) so that every measured
# pass finds the same data.
echo "filling the sandbox (unmeasured)" >&2
(cd "$W/new/bench/frontend" && "$W/bench-new.test" -test.run='^$' -test.bench='^BenchmarkNotebooks$' -test.benchtime=1x >/dev/null)

i=1
while [ "$i" -le "$ROUNDS" ]; do
	if [ $((i % 2)) = 1 ]; then order="old new"; else order="new old"; fi
	for side in $order; do
		bench "$side" Notebooks "$i"
		bench "$side" Corpus "$i"
	done
	i=$((i + 1))
done

# The engine's share of the round trip, and the cost of a small cell as the session grows.
i=1
while [ "$i" -le "$ROUNDS" ]; do
	if [ $((i % 2)) = 1 ]; then order="old new"; else order="new old"; fi
	for side in $order; do
		(cd "$W/$side/bench/frontend" &&
			FEBENCH_LABEL=$side FEBENCH_RUN=$i FEBENCH_OUT=$out \
				"$W/bench-$side.test" -test.run='^$' -test.bench='^BenchmarkSmallCells$' -test.benchtime=200x) |
			grep '^Benchmark' | sed "s/^/$side run $i: /" >&2
		if [ "$i" -le 2 ]; then
			(cd "$W/$side/bench/frontend" &&
				FEBENCH_LABEL=$side FEBENCH_RUN=$i FEBENCH_OUT=$out \
					"$W/bench-$side.test" -test.run='^$' -test.bench='^BenchmarkSessionSize$' -test.benchtime=50x) |
				grep '^Benchmark' | sed "s/^/$side run $i: /" >&2
		fi
	done
	i=$((i + 1))
done

i=1
while [ "$i" -le "$ROUNDS" ]; do
	(cd "$W/new/bench/frontend" &&
		FEBENCH_OLD_BIN=$W/sluice-old FEBENCH_NEW_BIN=$W/sluice-new FEBENCH_RT_ROUNDS=$RT_ROUNDS \
			FEBENCH_RUN=$i FEBENCH_OUT=$out \
			"$W/bench-new.test" -test.run='^$' -test.bench='^BenchmarkRoundTrip$' -test.benchtime=1x) |
		grep '^Benchmark' | sed "s/^/round trip run $i: /" >&2
	i=$((i + 1))
done

python3 "$here/summarize.py" --old "$old_commit" --new "$new_commit" "$out" | tee "$W/summary.md"
echo "samples: $out; summary: $W/summary.md" >&2
