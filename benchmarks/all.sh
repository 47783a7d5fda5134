#!/usr/bin/env bash
# Every end-to-end figure of the proxy and the origin, in one sitting, each against a peer measured in the same run:
#   1. the proxy's added delay as wrk sees it, 1 and 50 connections, against nginx   (proxy-delay.sh)
#   2. bulk MB/s, pass-through, roundtrip vs haproxy (one thread) in front of nginx  (below)
#   3. pass-through req/s vs haproxy, in-process delay error, bandwidth cap, many connections (proxy-e2e.sh)
#   4. the origin vs nginx, HTTP/1.1 keep-alive, h2c and h2, matched event loops and defaults (origin-vs-nginx.sh)
# Usage: benchmarks/all.sh [SECONDS=8]. Needs nginx, haproxy, wrk, h2load (apt-get install nginx-light haproxy wrk
# nghttp2-client). Prints the load average before and after: a figure is only worth its ratio on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-8}
for tool in nginx haproxy wrk; do
  command -v "$tool" >/dev/null || { echo "all: $tool not found (apt-get install nginx-light haproxy wrk)" >&2; exit 2; }
done
[ -f cli/target/roundtrip-harness.jar ] || mvn -B -q -DskipTests -pl cli -am package
echo "== all: start, load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

echo; echo "== 1. added delay (benchmarks/proxy-delay.sh $SECONDS_PER_RUN 100)"
bash benchmarks/proxy-delay.sh "$SECONDS_PER_RUN" 100

echo; echo "== 2. bulk transfer, pass-through, wrk -t1 -c4 on a 16 MiB body"
source benchmarks/lib.sh
NGINX=18390 HAPROXY=18391 ROUNDTRIP=18392
mkdir -p "$WORK/www"
head -c 16777216 /dev/zero > "$WORK/www/big"
cat >"$WORK/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
  uwsgi_temp_path $WORK; scgi_temp_path $WORK; server { listen 127.0.0.1:$NGINX; root $WORK/www; } }
CONF
haproxy_config "$WORK/haproxy.cfg" $HAPROXY $NGINX
nginx -p "$WORK/" -c "$WORK/nginx.conf" >/dev/null 2>&1 & PIDS+=($!)
haproxy -f "$WORK/haproxy.cfg" -db >/dev/null 2>&1 & PIDS+=($!)
bin/harness proxy --listen 127.0.0.1:$ROUNDTRIP --upstream 127.0.0.1:$NGINX --profile none --event-loops 1 \
  >/dev/null 2>&1 & PIDS+=($!)
wait_port $NGINX; wait_port $HAPROXY; wait_port $ROUNDTRIP
# wrk's "Transfer/sec: 1.21GB" in MB/s
mbps() { wrk -t1 -c4 -d"$1"s "http://127.0.0.1:$2/big" | awk '/Transfer\/sec/ { v = $2; u = v; sub(/[0-9.]+/, "", u);
  sub(/[A-Za-z]+$/, "", v); f = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1 / 1024 : 1 / 1048576; printf "%.0f", v * f }'; }
mbps 3 $HAPROXY >/dev/null; mbps 3 $ROUNDTRIP >/dev/null   # warm-up, discarded
h1=$(mbps "$SECONDS_PER_RUN" $HAPROXY); r1=$(mbps "$SECONDS_PER_RUN" $ROUNDTRIP)
r2=$(mbps "$SECONDS_PER_RUN" $ROUNDTRIP); h2=$(mbps "$SECONDS_PER_RUN" $HAPROXY)
awk -v h1="$h1" -v h2="$h2" -v r1="$r1" -v r2="$r2" 'BEGIN { h = (h1 + h2) / 2; r = (r1 + r2) / 2;
  printf "bulk MB/s: haproxy %.0f (%s, %s), roundtrip 1 event loop %.0f (%s, %s): roundtrip/haproxy %.2fx\n", h, h1, h2, r, r1, r2, r / h }'
cleanup; trap - EXIT

echo; echo "== 3. benchmarks/proxy-e2e.sh $SECONDS_PER_RUN 1 9000"
bash benchmarks/proxy-e2e.sh "$SECONDS_PER_RUN" 1 9000

echo; echo "== 4. benchmarks/origin-vs-nginx.sh, 1 and 2 event loops each, and each server's defaults"
DURATION=$SECONDS_PER_RUN WARMUP=4 WORKERS=1 bash benchmarks/origin-vs-nginx.sh 2>/dev/null
DURATION=$SECONDS_PER_RUN WARMUP=4 WORKERS=2 bash benchmarks/origin-vs-nginx.sh 2>/dev/null
DURATION=$SECONDS_PER_RUN WARMUP=4 WORKERS=default bash benchmarks/origin-vs-nginx.sh 2>/dev/null

echo; echo "== all: end, load average $(cut -d' ' -f1-3 /proc/loadavg)"
