#!/usr/bin/env bash
# Soak: Gatling drives traffic through a `harness proxy` (proxy "soak" in front of a `harness origin`) while this
# script, every few seconds, changes the proxy through its control API — adds and removes toxics, disables and
# re-enables the proxy — and restarts the origin. At the end it prints requests, KO by cause, the proxy's heap after
# GC, its file descriptors and open connections, and fails if any of them leaked or any KO happened outside the
# windows in which a fault was injected.
#
#   benchmarks/soak.sh [--duration 30m] [--every 4]      (needs curl, jcmd; run from the repository root)
#
# Traffic stays on 127.0.0.1: ports are picked free, the proxy forwards only to the origin.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh

DURATION=30m
EVERY_SECONDS=4
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --every) EVERY_SECONDS=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "soak: unknown argument '$1' (expected --duration D, --every SECONDS)" >&2; exit 2 ;;
  esac
done
# A KO counts as caused by a fault when it lands within this long after the fault ended (a request in flight when
# the fault began fails when its connection is cut, a new one may fail until the origin listens again).
GRACE_MS=${GRACE_MS:-3000}

# a port nothing listens on, from a range the kernel does not hand out as ephemeral ports
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 10000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
# milliseconds since midnight, as the KO log's timestamps are converted below
day_ms() { date +%H:%M:%S.%3N | awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'; }
api() { curl -sS -o /dev/null -w '%{http_code}' -X "$1" "http://127.0.0.1:$API$2" ${3:+-d "$3"}; }

[ -f cli/target/roundtrip-harness.jar ] || mvn -q -B install -DskipTests
ORIGIN_PORT=$(free_port); API=$(free_port); LISTEN=$(free_port)

start_origin() {
  bin/harness origin --port "$ORIGIN_PORT" --tls-port -1 >"$WORK/origin.log" 2>&1 &
  ORIGIN_PID=$!
  PIDS+=("$ORIGIN_PID")
  wait_port "$ORIGIN_PORT"
}
start_origin
bin/harness proxy --api "127.0.0.1:$API" >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
wait_port "$API"
[ "$(api POST /proxies "{\"name\":\"soak\",\"listen\":\"127.0.0.1:$LISTEN\",\"upstream\":\"127.0.0.1:$ORIGIN_PORT\"}")" = 201 ] \
  || { echo "soak: could not create the proxy" >&2; exit 1; }
wait_port "$LISTEN"

proxy_heap_mb() {
  jcmd "$PROXY_PID" GC.run >/dev/null
  jcmd "$PROXY_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.1f", v / 1024; exit } }'
}
proxy_fds() { ls "/proc/$PROXY_PID/fd" | wc -l; }
connections_open() { curl -s "http://127.0.0.1:$API/proxies/soak/stats" | sed -n 's/.*"connections_open":\([0-9]*\).*/\1/p'; }

# Gatling logs every failed request (time, then its message) at DEBUG under io.gatling.http.engine.response.
cat >"$WORK/logback.xml" <<XML
<configuration>
  <appender name="KO" class="ch.qos.logback.core.FileAppender">
    <file>$WORK/ko.log</file>
    <encoder><pattern>%d{HH:mm:ss.SSS}|%msg%n</pattern></encoder>
  </appender>
  <logger name="io.gatling.http.engine.response" level="DEBUG" additivity="false"><appender-ref ref="KO"/></logger>
  <root level="WARN"/>
</configuration>
XML

echo "soak: origin :$ORIGIN_PORT, proxy API :$API, proxy soak :$LISTEN -> origin; $DURATION, a fault every ${EVERY_SECONDS}s" >&2
HEAP_START=$(proxy_heap_mb); FDS_START=$(proxy_fds)
printf 'GET /bytes/1KiB\nGET /bytes/64KiB\nPOST /echo\n' >"$WORK/requests.txt"
# straight at the proxy under test (-Dproxy=none: no emulated path in front of it), no baseline pass
mvn -q -B gatling:test -pl simulations -Dtarget="http://127.0.0.1:$LISTEN" -Dproxy=none -Dbaseline=off \
  -Drequests="$WORK/requests.txt" -Dusers=8 -Drate=20 -Dduration="$DURATION" -Dwarmup=2s -DmaxKo=100% \
  -Dlogback.configurationFile="$WORK/logback.xml" >"$WORK/gatling.log" 2>&1 &
GATLING_PID=$!

# Faults, in turn; each writes "START_MS END_MS KIND" to faults.log (toxics that only slow traffic are logged too).
: >"$WORK/faults.log"
fault=0
sleep 10   # Gatling's start: the target check, the baseline pass
while kill -0 "$GATLING_PID" 2>/dev/null; do
  start=$(day_ms)
  case $((fault % 5)) in
    0) kind=latency-toxic
       api POST /proxies/soak/toxics '{"name":"slow","type":"latency","stream":"downstream","attributes":{"latency":50,"jitter":10}}' >/dev/null
       sleep 1; api DELETE /proxies/soak/toxics/slow >/dev/null ;;
    1) kind=disable
       api POST /proxies/soak '{"enabled":false}' >/dev/null; sleep 1; api POST /proxies/soak '{"enabled":true}' >/dev/null ;;
    2) kind=origin-restart
       kill "$ORIGIN_PID"; wait "$ORIGIN_PID" 2>/dev/null || true; sleep 0.5; start_origin ;;
    3) kind=reset-peer-toxic
       api POST /proxies/soak/toxics '{"name":"reset","type":"reset_peer","stream":"upstream","toxicity":0.2,"attributes":{"timeout":0}}' >/dev/null
       sleep 1; api DELETE /proxies/soak/toxics/reset >/dev/null ;;
    4) kind=bandwidth-toxic
       api POST /proxies/soak/toxics '{"name":"narrow","type":"bandwidth","stream":"downstream","attributes":{"rate":500}}' >/dev/null
       sleep 1; api DELETE /proxies/soak/toxics/narrow >/dev/null ;;
  esac
  echo "$start $(day_ms) $kind" >>"$WORK/faults.log"
  fault=$((fault + 1))
  sleep "$EVERY_SECONDS"
done
set +e; wait "$GATLING_PID"; GATLING_EXIT=$?; set -e

for _ in $(seq 1 50); do [ "$(connections_open)" = 0 ] && break; sleep 0.2; done
OPEN=$(connections_open); HEAP_END=$(proxy_heap_mb); FDS_END=$(proxy_fds)

# KO lines: "HH:MM:SS.mmm|Request 'NAME' failed for user N: MESSAGE" -> milliseconds of the day, cause.
awk -F'|' '/failed for user/ {
    split($1, t, /[:.]/); ms = ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4]
    cause = $2; sub(/.*failed for user [0-9]+: /, "", cause); sub(/ to .*$/, "", cause); sub(/:.*$/, "", cause)
    print ms "|" cause }' "$WORK/ko.log" 2>/dev/null >"$WORK/kos" || true
awk -v grace="$GRACE_MS" -F'|' '
  NR == FNR { split($0, f, " "); s[NR] = f[1]; e[NR] = f[2]; k[NR] = f[3]; n = NR; next }
  { hit = "none"
    for (i = 1; i <= n; i++) if ($1 >= s[i] - 100 && $1 <= e[i] + grace) { hit = k[i]; break }
    count[hit " / " $2]++; if (hit == "none") unexplained++ }
  END { for (c in count) printf "  %7d  %s\n", count[c], c; print (unexplained + 0) > "/dev/stderr" }' \
  "$WORK/faults.log" "$WORK/kos" 2>"$WORK/unexplained" | sort -rn >"$WORK/ko-by-cause"
UNEXPLAINED=$(cat "$WORK/unexplained" 2>/dev/null || echo 0)

# Gatling's global table: "> request count | TOTAL | OK | KO" ("-" for none)
COUNTS=$(grep -E '^> request count' "$WORK/gatling.log" | tail -1 | tr -d ', ')
REQUESTS=$(echo "$COUNTS" | awk -F'|' '{ print $2 }')
KOS=$(echo "$COUNTS" | awk -F'|' '{ print ($4 == "-" ? 0 : $4) }')
echo "soak: $DURATION, $fault faults ($(awk '{print $3}' "$WORK/faults.log" | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}' | sed 's/, $//'))"
echo "requests ${REQUESTS:-?} (Gatling's count), KO ${KOS:-?}, $UNEXPLAINED of them outside an injected fault; KO by fault / cause:"
cat "$WORK/ko-by-cause"
echo "proxy heap after GC: ${HEAP_START} MiB at start, ${HEAP_END} MiB at end; file descriptors ${FDS_START} -> ${FDS_END}; connections open at the end: ${OPEN}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
[ "$OPEN" = 0 ] || { echo "soak: FAIL: $OPEN connections still open" >&2; status=1; }
[ "$FDS_END" -le $((FDS_START + 16)) ] || { echo "soak: FAIL: file descriptors grew $FDS_START -> $FDS_END" >&2; status=1; }
awk -v a="$HEAP_START" -v b="$HEAP_END" 'BEGIN { exit !(b <= a + 32) }' || { echo "soak: FAIL: heap grew ${HEAP_START} -> ${HEAP_END} MiB" >&2; status=1; }
[ "$UNEXPLAINED" = 0 ] || { echo "soak: FAIL: $UNEXPLAINED KO outside every injected fault" >&2; status=1; }
LOGGED=$(wc -l <"$WORK/kos")
[ "$LOGGED" = "${KOS:-0}" ] || { echo "soak: FAIL: Gatling counted ${KOS:-?} KO, its log named $LOGGED to attribute" >&2; status=1; }
[ "$GATLING_EXIT" = 0 ] || { echo "soak: FAIL: Gatling exited $GATLING_EXIT (see its log)" >&2; tail -5 "$WORK/gatling.log" >&2; status=1; }
exit $status
