#!/usr/bin/env bash
# compare.sh runs the same load against the Go kit stack and against the
# plain baseline, one server after the other, each on a free loopback port
# with a fresh SQLite file, and prints them side by side.
#
#   perf/compare.sh                       # 10 s per run, 16 clients, HTTP and gRPC
#   perf/compare.sh -d 5s -c 8 -r 3       # shorter runs, 8 clients, 3 rounds
#   perf/compare.sh -t http -m get=100    # HTTP only, reads only
#
# The servers, each built from this repository:
#   plain   perf/cmd/baseline: net/http and grpc-go by hand, no Go kit
#   kit     the stage 03 todosvc: kit endpoints and transport, no middleware
#           (HTTP only: stage 03 has no gRPC)
#   kit+mw  the newest todosvc with middleware (stage 05 if it is there, else
#           stage 04): logging, metrics, rate limit (set so high that it never
#           refuses, but still asked), circuit breakers, recovery
# Rounds alternate the servers, so a change in the machine's load hits all of
# them alike. Each run stops by itself; the script stops every server it
# started. Flags: -d duration, -w warm-up, -c clients, -m mix, -r rounds,
# -t targets ("http grpc"). Besides throughput and latency, the table gives
# each server's own CPU time per request, read from /proc (Linux).
set -euo pipefail

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }

duration=10s warmup=2s clients=16 mix=get=60,list=5,create=10,update=15,delete=10 rounds=1 targets="http grpc"
while getopts "d:w:c:m:r:t:h" opt; do
	case $opt in
	d) duration=$OPTARG ;;
	w) warmup=$OPTARG ;;
	c) clients=$OPTARG ;;
	m) mix=$OPTARG ;;
	r) rounds=$OPTARG ;;
	t) targets=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")"
work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

solutions=github.com/gokit-workshop/workshop/solutions
kitmw=stage04-middleware
[[ -f ../solutions/stage05-grpc/cmd/todosvc/main.go ]] && kitmw=stage05-grpc
echo "building the servers and the load tool (kit+mw is $kitmw)..." >&2
go build -o "$work/bin/" ./cmd/load ./cmd/baseline
go build -o "$work/bin/kit" "$solutions/stage03-http/cmd/todosvc"
go build -o "$work/bin/kit+mw" "$solutions/$kitmw/cmd/todosvc"

# args prints the command line of server $1 on database $2.
args() {
	case $1 in
	plain) echo "$work/bin/baseline -http-addr 127.0.0.1:0 -grpc-addr 127.0.0.1:0 -db $2" ;;
	kit) echo "$work/bin/kit -http-addr 127.0.0.1:0 -db $2" ;;
	kit+mw)
		local a="$work/bin/kit+mw -http-addr 127.0.0.1:0 -debug-addr 127.0.0.1:0 -db $2 -rate-limit 1e9 -rate-burst 1000000000"
		[[ $kitmw == stage05-grpc ]] && a+=" -grpc-addr 127.0.0.1:0"
		echo "$a"
		;;
	esac
}

# cputicks prints the CPU time that process $1 has used, user and system,
# in clock ticks.
hz=$(getconf CLK_TCK)
cputicks() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# serves tells whether server $1 speaks target $2.
serves() {
	[[ $2 == http ]] || [[ $1 == plain ]] || { [[ $1 == kit+mw && $kitmw == stage05-grpc ]]; }
}

results=$work/results
: >"$results"
echo "load: $clients clients, $duration after $warmup warm-up, mix $mix, $rounds round(s); load average now $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq "$rounds"); do
	for target in $targets; do
		for server in plain kit kit+mw; do
			serves "$server" "$target" || continue
			run=$work/$round-$target-$server
			: >"$run.log"
			# shellcheck disable=SC2046 # args is split on purpose
			$(args "$server" "$run.db") 2>"$run.log" &
			pids+=($!)
			pid=$!
			addr=""
			for _ in $(seq 100); do
				addr=$(grep -io "transport=$target addr=[^ ]*" "$run.log" | head -1 | cut -d= -f3 || true)
				[[ -n $addr ]] && break
				kill -0 "$pid" 2>/dev/null || { cat "$run.log" >&2; exit 1; }
				sleep 0.1
			done
			[[ -n $addr ]] || { echo "$server did not log its $target address; its log:" >&2; cat "$run.log" >&2; exit 1; }
			echo "round $round: $target $server at $addr (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
			before=$(cputicks "$pid")
			"$work/bin/load" -target "$target" -addr "$addr" -clients "$clients" -duration "$duration" \
				-warmup "$warmup" -mix "$mix" -label "$server" >"$run.out" || { cat "$run.out" >&2; exit 1; }
			after=$(cputicks "$pid")
			sent=$(grep '^summary' "$run.out" | grep -o 'sent=[0-9]*' | cut -d= -f2)
			line="$(grep '^summary' "$run.out") cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$sent" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
			echo "$line" >>"$results"
			echo "  $line" >&2
			kill -TERM "$pid"
			wait "$pid" || true
		done
	done
done

# The table: the mean over the rounds of each server's throughput, latency
# percentiles and CPU time per request (the server process's user and
# system time over the run, divided by the requests it answered, seeding and
# warm-up included), and the ratios to the plain server of the same target.
awk '
function field(name,   i, kv) {
	for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
}
{
	key = field("target") SUBSEP field("label")
	n[key]++; rps[key] += field("rps"); p50[key] += field("p50_ms"); p90[key] += field("p90_ms"); p99[key] += field("p99_ms"); cpu[key] += field("cpu_us")
	if (!(key in seen)) { seen[key] = 1; order[++count] = key }
}
END {
	printf "%-6s %-8s %8s %7s %7s %7s %8s %13s %11s %11s\n", "target", "server", "req/s", "p50 ms", "p90 ms", "p99 ms", "CPU µs", "req/s ÷ plain", "p99 ÷ plain", "CPU ÷ plain"
	for (i = 1; i <= count; i++) {
		key = order[i]; split(key, kt, SUBSEP); base = kt[1] SUBSEP "plain"
		printf "%-6s %-8s %8.0f %7.2f %7.2f %7.2f %8.1f %13.2f %11.2f %11.2f\n", kt[1], kt[2], rps[key]/n[key], p50[key]/n[key], p90[key]/n[key], p99[key]/n[key], cpu[key]/n[key],
			(rps[key]/n[key]) / (rps[base]/n[base]), (p99[key]/n[key]) / (p99[base]/n[base]), (cpu[key]/n[key]) / (cpu[base]/n[base])
	}
}' "$results"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
