#!/usr/bin/env bash
# The packet path against a plain veth pair, in the same run: one TCP stream's throughput (curl downloading from
# roundtrip's origin on the host, from inside a namespace) at zero delay, and the added-delay error of the handshake
# (curl's time_connect − RTT over 20 fresh connections, p50 and max). Needs root, /dev/net/tun, iproute2, curl.
# Usage: benchmarks/path.sh [SIZE=200MiB] [RTT_MS=50]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-200MiB}
RTT_MS=${2:-50}
[ "$(id -u)" = 0 ] || { echo "path: needs root" >&2; exit 2; }
[ -f cli/target/roundtrip-harness.jar ] || mvn -B -q -DskipTests -pl cli -am package
PORT=18490 NS=roundtrip-veth-$$
cleanup() {
  ip netns del "$NS" 2>/dev/null || true
  [ -n "${ORIGIN:-}" ] && kill "$ORIGIN" 2>/dev/null && wait "$ORIGIN" 2>/dev/null || true
}
trap cleanup EXIT
bin/harness origin --bind 0.0.0.0 --port $PORT --tls-port -1 >/dev/null 2>&1 & ORIGIN=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done

# the peer: a namespace on a veth pair, nothing in between
ip netns add "$NS"
ip link add rtbv0 type veth peer name rtbv1
ip link set rtbv1 netns "$NS"
ip addr add 10.234.0.1/30 dev rtbv0 && ip link set rtbv0 up
ip -n "$NS" addr add 10.234.0.2/30 dev rtbv1 && ip -n "$NS" link set rtbv1 up && ip -n "$NS" link set lo up

speed() { awk '{ printf "%.0f", $1 * 8 / 1e6 }'; }   # curl's speed_download (bytes/s) in Mbit/s
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; one TCP stream, $SIZE from the origin"
ip netns exec "$NS" curl -s -o /dev/null "http://10.234.0.1:$PORT/bytes/16MiB"   # warm-up, discarded
veth1=$(ip netns exec "$NS" curl -s -o /dev/null -w '%{speed_download}' "http://10.234.0.1:$PORT/bytes/$SIZE" | speed)
path1=$(bin/harness path --rtt 0ms -- sh -c "curl -s -o /dev/null -w '%{speed_download}' http://\$ROUNDTRIP_HOST:$PORT/bytes/$SIZE" 2>/dev/null | speed)
path2=$(bin/harness path --rtt 0ms -- sh -c "curl -s -o /dev/null -w '%{speed_download}' http://\$ROUNDTRIP_HOST:$PORT/bytes/$SIZE" 2>/dev/null | speed)
veth2=$(ip netns exec "$NS" curl -s -o /dev/null -w '%{speed_download}' "http://10.234.0.1:$PORT/bytes/$SIZE" | speed)
awk -v v1="$veth1" -v v2="$veth2" -v p1="$path1" -v p2="$path2" 'BEGIN { v = (v1 + v2) / 2; p = (p1 + p2) / 2;
  printf "veth %.0f Mbit/s (%s, %s); packet path at 0 ms %.0f Mbit/s (%s, %s): path/veth %.2fx\n", v, v1, v2, p, p1, p2, p / v }'

echo "== handshake at ${RTT_MS} ms RTT, 20 fresh connections: time_connect - RTT"
bin/harness path --rtt "${RTT_MS}ms" -- sh -c "for i in \$(seq 1 20); do curl -s -o /dev/null -w '%{time_connect}\n' http://\$ROUNDTRIP_HOST:$PORT/bytes/100; done" 2>/dev/null \
  | sort -n | awk -v rtt="$RTT_MS" '{ e[NR] = $1 * 1000 - rtt } END { printf "error p50 %+.3f ms, max %+.3f ms, min %+.3f ms (n=%d)\n", e[int(NR / 2) + 1], e[NR], e[1], NR }'
