#!/usr/bin/env bash
# End-to-end proxy benchmark, every figure measured side by side in this one run:
#   1. pass-through throughput: wrk -c50 through haproxy 2.6 (tcp mode, one thread) and through roundtrip's proxy,
#      same HTTP upstream, alternated; reports each req/s and the ratio;
#   2. injected-delay error at a 50 ms one-way delay and 50 connections (p50/p99 above the pass-through baseline,
#      and whether any reply came early);
#   3. bandwidth cap accuracy (10 mbit = 1250 KB/s);
#   4. concurrent connections at 100 ms RTT, proxy heap capped with -Xmx512m: heap used after GC, and each
#      connection's first echo as its client saw it (p50/p99 above the RTT).
# Usage: benchmarks/proxy-e2e.sh [SECONDS=10] [EVENT_LOOPS=1] [CONNECTIONS=9000]
# Needs haproxy and wrk (apt-get install -y haproxy wrk). Warm-up traffic is excluded from every measured window.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
LOOPS=${2:-1}
CONNECTIONS=${3:-9000}
for tool in haproxy wrk java; do
  command -v "$tool" >/dev/null || { echo "proxy-e2e: $tool not found (apt-get install -y haproxy wrk)" >&2; exit 2; }
done
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
HELLO=18180 HAPROXY=18181 ROUNDTRIP=18182 ECHO=18183 MANY=18184
source benchmarks/lib.sh
rps() { wrk -t1 -c50 -d"$1"s "http://127.0.0.1:$2/" | awk '/Requests\/sec/ {print $2}'; }
JAVA="java -XX:+UseParallelGC -cp $JAR"   # the peers: HelloServer, the echo server, the clients
# the proxy with bin/harness proxy's JVM flags (serial GC, no uncommon traps: README "The proxy's own delay")
PROXY_JAVA="java -XX:+UseSerialGC -XX:PerMethodTrapLimit=0 -cp $JAR"

echo "== load: $(uptime | sed 's/.*load average/load average/') on $(nproc) cores"
$JAVA io.roundtrip.benchmarks.proxy.HelloServer $HELLO 1 >/dev/null 2>&1 & PIDS+=($!)
haproxy_config "$WORK/haproxy.cfg" $HAPROXY $HELLO
haproxy -f "$WORK/haproxy.cfg" -db >/dev/null 2>&1 & PIDS+=($!)
$PROXY_JAVA io.roundtrip.benchmarks.proxy.ProxyE2e proxy $ROUNDTRIP $HELLO "$LOOPS" >/dev/null 2>&1 & PIDS+=($!)
wait_port $HELLO; wait_port $HAPROXY; wait_port $ROUNDTRIP

echo "== pass-through, wrk -t1 -c50, ${SECONDS_PER_RUN}s per run, roundtrip with $LOOPS event loop(s)"
rps 3 $HELLO >/dev/null; rps 3 $HAPROXY >/dev/null; rps 3 $ROUNDTRIP >/dev/null   # warm-up, discarded
direct=$(rps "$SECONDS_PER_RUN" $HELLO)
h1=$(rps "$SECONDS_PER_RUN" $HAPROXY); r1=$(rps "$SECONDS_PER_RUN" $ROUNDTRIP)
r2=$(rps "$SECONDS_PER_RUN" $ROUNDTRIP); h2=$(rps "$SECONDS_PER_RUN" $HAPROXY)
awk -v d="$direct" -v h1="$h1" -v h2="$h2" -v r1="$r1" -v r2="$r2" 'BEGIN {
  h = (h1 + h2) / 2; r = (r1 + r2) / 2;
  printf "direct %.0f req/s; haproxy %.0f req/s (%.2fx direct); roundtrip %.0f req/s (%.2fx direct); roundtrip/haproxy %.2fx\n",
    d, h, h / d, r, r / d, r / h }'
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
PIDS=()

echo "== injected-delay error, 50 ms one way, 50 connections"
$PROXY_JAVA io.roundtrip.benchmarks.proxy.ProxyE2e delay "$SECONDS_PER_RUN" 50 50 2>/dev/null

echo "== bandwidth cap, 10 mbit (1250 KB/s), 12 MB transfer (about 10 s: one late final release weighs little)"
$JAVA io.roundtrip.benchmarks.proxy.ProxyE2e bandwidth 1250 12 2>/dev/null

echo "== $CONNECTIONS concurrent connections at 100 ms RTT (proxy -Xmx512m; echo and clients in other processes)"
$JAVA io.roundtrip.benchmarks.proxy.ProxyE2e echo $ECHO >/dev/null 2>&1 & PIDS+=($!)
$PROXY_JAVA -Xmx512m io.roundtrip.benchmarks.proxy.ProxyE2e proxy $MANY $ECHO 2 100 \
  >"$WORK/many.log" 2>&1 & PIDS+=($!)
wait_port $ECHO; wait_port $MANY
$JAVA io.roundtrip.benchmarks.proxy.ProxyE2e clients "$CONNECTIONS" $MANY 5 100 2>/dev/null
grep -E '^open' "$WORK/many.log" | sort -t' ' -k2 -n | tail -1 | sed 's/^/proxy: /'
if grep -q OutOfMemoryError "$WORK/many.log"; then echo "proxy: OutOfMemoryError"; fi
