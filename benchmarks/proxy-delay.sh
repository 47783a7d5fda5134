#!/usr/bin/env bash
# The proxy's added delay as an external client sees it. nginx (one worker, a 100-byte body) is the upstream;
# `bin/harness proxy --rtt RTT --no-handshake --no-slow-start` sits in front of it; wrk --latency measures, with 1
# and with 50 connections, after a warm-up that is discarded. The error is latency − RTT − the direct floor (the same
# wrk straight to nginx in the same run). "never early" is wrk's minimum latency against the RTT.
# Usage: benchmarks/proxy-delay.sh [SECONDS=8] [RTT_MS=100]
# HARNESS_JAVA_OPTS passes JVM flags to the proxy, PROXY_FLAGS more `bin/harness proxy` flags (--max-spin 0),
# PROXY_PREFIX a command the proxy runs under (e.g. `nice -n -10`, `chrt -f 1`: its scheduling against the load).
# The one-connection case runs three times as long (a sample per round trip: 6 s give 59, whose p99 is the maximum).
# Under each case, what else the proxy's process did meanwhile (Linux only): how long its event loops waited for a
# CPU (schedstat run-queue delay: the machine's contention), how much CPU the JIT compiler threads took, and GC pauses.

# Needs nginx and wrk (apt-get install -y nginx-light wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-8}
RTT_MS=${2:-100}
for tool in nginx wrk java; do
  command -v "$tool" >/dev/null || { echo "proxy-delay: $tool not found (apt-get install -y nginx-light wrk)" >&2; exit 2; }
done
[ -f cli/target/roundtrip-harness.jar ] || mvn -B -q -DskipTests -pl cli -am package
NGINX_PORT=18190 PROXY_PORT=18191
source benchmarks/lib.sh
BODY=$(printf 'x%.0s' $(seq 1 100))
cat >"$WORK/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen 127.0.0.1:$NGINX_PORT; location / { default_type text/plain; return 200 "$BODY"; } }
}
CONF
nginx -p "$WORK/" -c "$WORK/nginx.conf" >/dev/null 2>&1 & PIDS+=($!)
HARNESS_JAVA_OPTS="${HARNESS_JAVA_OPTS:-} -Xlog:gc:file=$WORK/gc.log" ${PROXY_PREFIX:-} bin/harness proxy --listen 127.0.0.1:$PROXY_PORT \
  --upstream 127.0.0.1:$NGINX_PORT --rtt ${RTT_MS}ms --no-handshake --no-slow-start ${PROXY_FLAGS:-} \
  >"$WORK/proxy.log" 2>&1 & PIDS+=($!)
PROXY_PID=$!
wait_port $NGINX_PORT; wait_port $PROXY_PORT

# wrk's own latency record, through a done() hook: "min p50 p90 p99 p99.9 max requests", microseconds
cat >"$WORK/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("%d %d %d %d %d %d %d\n", latency.min, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, summary.requests))
end
LUA
measure() { wrk -t1 -c"$1" -d"$2"s -s "$WORK/percentiles.lua" "http://127.0.0.1:$3/" | tail -1; }

# per thread name of the proxy's JVM: "name cpu_ns run_queue_ns slices" (/proc/<tid>/schedstat)
threads() {
  for t in /proc/$PROXY_PID/task/*; do
    [ -r "$t/schedstat" ] && echo "$(tr ' ' _ <"$t/comm") $(cat "$t/schedstat")"
  done 2>/dev/null | awk '{ c[$1] += $2; w[$1] += $3; n[$1] += $4 } END { for (k in c) print k, c[k], w[k], n[k] }' | sort
}
pauses() { grep -c Pause "$WORK/gc.log" 2>/dev/null || true; }
# what the proxy's process did during one case, from two snapshots of threads() and pauses()
meanwhile() {
  join "$1" "$2" | awk -v g="$3" '
    $1 == "roundtrip-proxy" { cpu = $5 - $2; wait = $6 - $3; n = $7 - $4 }
    $1 ~ /^C[12]_Compiler/ { jit += $5 - $2 }
    END { printf "      meanwhile in the proxy: event loops %.0f ms CPU, waited %.1f ms for a CPU (%.0f us per run); JIT compiler threads %.0f ms CPU; %d GC pauses\n",
      cpu / 1e6, wait / 1e6, n ? wait / n / 1e3 : 0, jit / 1e6, g }'
}

echo "== load: $(uptime | sed 's/.*load average/load average/') on $(nproc) cores; proxy JVM: ${HARNESS_JAVA_OPTS:-defaults of bin/harness}; proxy flags: ${PROXY_FLAGS:-none}; run under: ${PROXY_PREFIX:-nothing}"
echo
# warm-up, discarded: 25 s, so that C2 has compiled the relay path before a case is measured (after 5 s it still
# took 460-700 ms of CPU in the next 6 s; after 25 s, 72 ms)
measure 50 25 $PROXY_PORT >/dev/null
measure 1 2 $PROXY_PORT >/dev/null
for c in 1 50; do
  read -r dmin d50 d90 d99 d999 dmax dn <<<"$(measure $c "$SECONDS_PER_RUN" $NGINX_PORT)"
  threads >"$WORK/before"; g0=$(pauses)
  read -r pmin p50 p90 p99 p999 pmax pn <<<"$(measure $c $(( c == 1 ? 3 * SECONDS_PER_RUN : SECONDS_PER_RUN )) $PROXY_PORT)"
  threads >"$WORK/after"; g1=$(pauses)
  awk -v c=$c -v rtt=$RTT_MS -v dmin=$dmin -v d50=$d50 -v d99=$d99 -v d999=$d999 -v pmin=$pmin -v p50=$p50 \
      -v p90=$p90 -v p99=$p99 -v p999=$p999 -v pmax=$pmax -v pn=$pn 'BEGIN {
    r = rtt * 1000
    printf "c=%-2d direct p50 %.3f p99 %.3f ms | proxy at %d ms RTT, %d requests: min %.3f p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f ms\n",
      c, d50 / 1000, d99 / 1000, rtt, pn, pmin / 1000, p50 / 1000, p90 / 1000, p99 / 1000, p999 / 1000, pmax / 1000
    printf "      error = latency - RTT - direct at the same percentile: p50 %+.3f ms, p99 %+.3f ms, p99.9 %+.3f ms; min - RTT %+.3f ms (%s)\n",
      (p50 - r - d50) / 1000, (p99 - r - d99) / 1000, (p999 - r - d999) / 1000, (pmin - r) / 1000, (pmin >= r) ? "never early" : "EARLY" }'
  meanwhile "$WORK/before" "$WORK/after" $((g1 - g0))
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
