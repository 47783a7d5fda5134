#!/usr/bin/env bash
# The calibration matrix (issue "Faithful to real TCP", item 2): each case — one request, one NetworkProfile — is
# measured three ways and the proxy and the model are compared with the kernel:
#   kernel  curl inside `bin/harness path [profile]` (Linux TCP, CUBIC, across the TUN relay) to the origin on the host
#   proxy   the same curl on the host through `bin/harness proxy [profile]` to the same origin
#   model   `bin/harness model [profile] --protocol --connection --tls --size --json` (its percentiles_ms)
#   host    the same curl on the host straight to the origin: the host's own cost (client, origin, TLS's computation)
#           on a zero-latency path, which the model does not predict; the model is judged network against network:
#           against the kernel's time minus the host's p50
# curl's time_total per request; keep-alive cases fetch the URL twice on one connection and keep the second. Each
# kernel batch runs with its own --seed (the proxy draws its own randomness). The goal: proxy and model each within
# 5% of the kernel at p50 and 10% at p90 (the proxy on the whole time, the model on the network's part). A second
# tally sets the model against curl through the proxy, network against network (the proxy's time minus the host's
# p50): p50 within 3% and p99 within 8%.
#
# Usage: benchmarks/calibrate.sh [--quick] [--cases REGEX] [--samples N] [--loss-samples N] [--list]
#   --quick           the cases marked quick, 15 samples loss-free and 31 with loss (about 5 minutes)
#   --cases REGEX     only the cases whose name matches (grep -E), e.g. 'loss1%' or '_h2_'
#   --samples N       samples per way on a loss-free case (default 31)
#   --loss-samples N  samples per way on a case with loss (default 101: p99 is then the 2nd largest)
#   --list            print the case names and exit
#   --hystart on|off  the kernel's CUBIC HyStart (a host-wide module parameter, /sys/module/tcp_cubic/parameters/
#                     hystart; restored on exit): off takes the kernel's early end of slow start out of the reference,
#                     which neither the model nor the proxy has (docs/model.md "HyStart")
# Needs root, /dev/net/tun, iproute2 and curl with HTTP/2. The default matrix takes about 30 minutes on this 2-core VM.
#
# Output: one line per case as it finishes, a final table and the goal's tally; in target/calibration-<UTC time>/:
#   calibration.csv  one row per case: case, rtt_ms, loss (0, a ratio, or ge:GOOD_TO_BAD/BAD_TO_GOOD = Gilbert-Elliott,
#                    100% loss in the bad state), size, protocol, connection, tls, kernel_n, kernel_errors, proxy_n,
#                    proxy_errors, {kernel,proxy,model}_{p50,p90,p99}_ms, proxy_kernel_{p50,p90},
#                    model_kernel_{p50,p90} (ratios), proxy_in_goal, model_in_goal (yes/no, the model's on the network
#                    part), load_average (1 min, at the case's end), host_p50_ms, model_kernel_net_{p50,p90} (the
#                    model against the kernel minus the host's p50)
#   samples.csv      every measured request: case, way (kernel|proxy), seed (the path's; 0 for the proxy), ms
#   model-<case>.json  the model's answer
# Percentiles of the samples are nearest-rank (the ceil(q n)-th smallest).
set -euo pipefail
cd "$(dirname "$0")/.."
me=calibrate

# name fields: RTT_MS LOSS SIZE PROTOCOL CONNECTION TLS QUICK(q or -). No h2c keep-alive: curl 7.88.1 fails the second
# request on a reused prior-knowledge connection ("Error in the HTTP2 framing layer"); h2 over TLS reuses fine.
CASES=$(cat <<'EOF'
10   0        1KiB  h1 fresh     none q
50   0        1KiB  h1 fresh     none -
100  0        1KiB  h1 fresh     none q
300  0        1KiB  h1 fresh     none -
50   0        1KiB  h1 fresh     1.3  -
50   0        1KiB  h1 fresh     1.2  -
100  0        1KiB  h2 fresh     1.3  q
100  0        1KiB  h2 fresh     1.2  -
200  0        1KiB  h1 fresh     1.3  -
50   0        1KiB  h2 fresh     none -
10   0        1KiB  h1 keepalive none -
50   0        64KiB h1 fresh     none -
200  0        64KiB h1 fresh     none -
100  0        64KiB h2 keepalive 1.2  -
50   0        1MiB  h1 fresh     none q
50   0        1MiB  h1 keepalive none q
50   0        1MiB  h2 fresh     1.3  -
10   0        4MiB  h1 fresh     none -
50   0        4MiB  h1 fresh     none -
20   0        4MiB  h2 keepalive 1.3  -
50   1%       1KiB  h1 fresh     none -
50   1%       64KiB h1 fresh     none q
50   1%       1MiB  h1 fresh     none q
50   1%       1KiB  h1 fresh     1.3  -
50   1%       64KiB h1 keepalive none -
50   1%       1KiB  h2 keepalive 1.3  -
50   0.5%     64KiB h2 fresh     1.3  -
10   0.5%     1MiB  h1 fresh     none -
10   3%       256KiB h1 fresh    none -
50   3%       64KiB h1 fresh     none -
200  2%       1KiB  h1 fresh     none -
50   ge:1%/50% 64KiB h1 fresh    none q
20   ge:1%/50% 256KiB h2 fresh   1.3  -
20   0        1MiB  h1 fresh     none -
150  0        256KiB h1 fresh    1.3  -
300  0        64KiB h2 fresh     1.3  -
100  0        1MiB  h1 keepalive none -
100  1%       64KiB h1 fresh     none -
80   2%       256KiB h1 fresh    none -
100  1%       256KiB h2 fresh    1.3  -
EOF
)

QUICK=0 FILTER= SAMPLES=31 LOSS_SAMPLES=101 LIST=0 HYSTART=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; SAMPLES=15; LOSS_SAMPLES=31 ;;
    --cases) FILTER=${2:?--cases needs a REGEX}; shift ;;
    --samples) SAMPLES=${2:?--samples needs N}; shift ;;
    --loss-samples) LOSS_SAMPLES=${2:?--loss-samples needs N}; shift ;;
    --list) LIST=1 ;;
    --hystart) case "${2:-}" in on) HYSTART=1 ;; off) HYSTART=0 ;;
                 *) echo "$me: --hystart takes on or off, not '${2:-}'" >&2; exit 2 ;; esac; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "$me: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done
for n in "$SAMPLES" "$LOSS_SAMPLES"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "$me: samples must be a positive whole number, not '$n'" >&2; exit 2; }
done

case_name() {  # RTT LOSS SIZE PROTOCOL CONNECTION TLS
  local loss=$2 tls=$6
  [ "$loss" = 0 ] && loss=0%
  loss=${loss/ge:/ge}; loss=${loss//\//-}
  [ "$tls" = none ] && tls=plain || tls=tls$tls
  echo "rtt$1_loss${loss}_$3_$4_$5_$tls"
}
# the NetworkProfile flags, the same for path, proxy and model
profile_flags() {  # RTT LOSS
  local flags="--rtt=$1ms"
  case "$2" in
    0) ;;
    ge:*) local p=${2#ge:}
          flags+=" --loss=0% --loss-good-to-bad=${p%/*} --loss-bad-to-good=${p#*/} --loss-in-bad=100%" ;;
    *) flags+=" --loss=$2" ;;
  esac
  echo "$flags"
}

selected=()
while read -r rtt loss size proto conn tls quick; do
  [ -n "$rtt" ] || continue
  name=$(case_name "$rtt" "$loss" "$size" "$proto" "$conn" "$tls")
  [ "$QUICK" = 1 ] && [ "$quick" != q ] && continue
  [ -n "$FILTER" ] && ! grep -qE -- "$FILTER" <<<"$name" && continue
  selected+=("$rtt $loss $size $proto $conn $tls $name")
done <<<"$CASES"
[ ${#selected[@]} -gt 0 ] || { echo "$me: no case matches '$FILTER' (see --list)" >&2; exit 2; }
if [ "$LIST" = 1 ]; then for c in "${selected[@]}"; do echo "${c##* }"; done; exit 0; fi

[ "$(id -u)" = 0 ] || { echo "$me: needs root (the packet path creates a network namespace and TUN devices)" >&2; exit 2; }
[ -c /dev/net/tun ] || { echo "$me: /dev/net/tun is missing" >&2; exit 2; }
command -v ip >/dev/null || { echo "$me: needs iproute2 (ip)" >&2; exit 2; }
curl --version 2>/dev/null | grep -q HTTP2 || { echo "$me: needs curl with HTTP/2 (nghttp2)" >&2; exit 2; }
[ -f cli/target/roundtrip-harness.jar ] || mvn -B -q -DskipTests -pl cli -am package

ORIGIN_PORT=18561 ORIGIN_TLS_PORT=18562 PROXY_PORT=18563
for p in $ORIGIN_PORT $ORIGIN_TLS_PORT $PROXY_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$me: port $p is in use" >&2; exit 2; fi
done

HYSTART_PARAM=/sys/module/tcp_cubic/parameters/hystart HYSTART_WAS=
if [ -n "$HYSTART" ]; then
  [ -w "$HYSTART_PARAM" ] || { echo "$me: --hystart needs $HYSTART_PARAM (tcp_cubic loaded, writable)" >&2; exit 2; }
  HYSTART_WAS=$(cat "$HYSTART_PARAM")
fi

OUT=target/calibration-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
WORK=$(mktemp -d)
PIDS=()   # every background harness: the origin, the proxy, the path (its JVM removes its namespace on SIGTERM)
GROUPS_=()   # process groups of run_tracked: a path JVM with the curl loop it runs, or the proxy's curl loop
cleanup() {
  trap - EXIT INT TERM
  for g in "${GROUPS_[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${GROUPS_[@]}" "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
    ip netns del "roundtrip-path-$pid" 2>/dev/null || true   # only if the JVM could not remove it itself
  done
  rm -rf "$WORK"
  [ -z "$HYSTART_WAS" ] || echo "$HYSTART_WAS" >"$HYSTART_PARAM"
}
trap cleanup EXIT
trap 'echo "$me: interrupted; partial results in $OUT" >&2; exit 130' INT TERM
if [ -n "$HYSTART" ]; then
  echo "$HYSTART" >"$HYSTART_PARAM"
  echo "$me: the kernel's CUBIC HyStart $([ "$HYSTART" = 1 ] && echo on || echo off) for this run (was $HYSTART_WAS)"
fi

# run CMD... in the background, in a process group of its own (so the trap stops it and everything it started: the
# path's JVM does not stop the command it runs), its output to $WORK/out; wait for it
run_tracked() {
  setsid "$@" >"$WORK/out" 2>"$WORK/err" &
  local pid=$!
  GROUPS_+=("$pid")
  wait "$pid" || true
  GROUPS_=()
}
forget() {  # PID: no longer ours to stop
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
wait_port() {
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$me: nothing listening on $1" >&2; exit 1
}

# the request loop, the same inside the path's namespace and on the host: N curls, the measured transfer's line each
cat >"$WORK/loop.sh" <<'EOF'
#!/bin/sh
# loop.sh N CURL_ARGS...: prints "num_connects http_code time_total" of each run's last transfer
n=$1; shift
i=0
while [ "$i" -lt "$n" ]; do
  curl -w '%{num_connects} %{http_code} %{time_total}\n' "$@" 2>/dev/null | tail -n 1
  i=$((i + 1))
done
EOF
chmod +x "$WORK/loop.sh"

curl_args() {  # HOST PROTOCOL CONNECTION TLS SIZE: curl's arguments for one sample
  local host=$1 proto=$2 conn=$3 tls=$4 size=$5 url args="-s --max-time 60"
  if [ "$tls" = none ]; then
    url="http://$host:$ORIGIN_PORT/bytes/$size"
    [ "$proto" = h2 ] && args+=" --http2-prior-knowledge" || args+=" --http1.1"
  else
    url="https://$host:$ORIGIN_TLS_PORT/bytes/$size"
    [ "$proto" = h2 ] && args+=" -k --http2" || args+=" -k --http1.1"
    [ "$tls" = 1.3 ] && args+=" --tlsv1.3" || args+=" --tlsv1.2 --tls-max 1.2"
  fi
  if [ "$conn" = keepalive ]; then args+=" -o /dev/null -o /dev/null $url $url"; else args+=" -o /dev/null $url"; fi
  echo "$args"
}
# keep the valid samples' milliseconds: HTTP 200 on a new connection (fresh) or a reused one (keep-alive)
valid_ms() {  # CONNECTION < loop output
  awk -v want="$([ "$1" = keepalive ] && echo 0 || echo 1)" '$1 == want && $2 == 200 { printf "%.3f\n", $3 * 1000 }'
}
percentiles() {  # < ms values: "p50 p90 p99" nearest-rank, or "NA NA NA"
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "NA NA NA"; exit }
    split("0.50 0.90 0.99", q, " ")
    for (i = 1; i <= 3; i++) { k = int(q[i] * NR); if (k < q[i] * NR) k++; if (k < 1) k = 1; printf "%s%.1f", (i > 1 ? " " : ""), v[k] }
    print "" }'
}

# the origin on every address (the path reaches it at ROUNDTRIP_HOST), warmed up (JIT, TLS) before the first case
bin/harness origin --bind 0.0.0.0 --port $ORIGIN_PORT --tls-port $ORIGIN_TLS_PORT >"$OUT/origin.log" 2>&1 &
PIDS+=("$!")
wait_port $ORIGIN_PORT; wait_port $ORIGIN_TLS_PORT
for v in "h1 fresh none" "h2 fresh none" "h1 keepalive 1.3" "h2 fresh 1.3" "h2 fresh 1.2" "h1 fresh 1.2"; do
  read -r proto conn tls <<<"$v"
  # shellcheck disable=SC2046
  "$WORK/loop.sh" 40 $(curl_args 127.0.0.1 "$proto" "$conn" "$tls" 64KiB) >/dev/null
done
"$WORK/loop.sh" 10 $(curl_args 127.0.0.1 h1 fresh none 4MiB) >/dev/null

BATCH=34   # kernel samples per path run (each run its own --seed)
echo "samples: $SAMPLES loss-free, $LOSS_SAMPLES with loss; ${#selected[@]} cases; results in $OUT"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "case,way,seed,ms" >"$OUT/samples.csv"
echo "case,rtt_ms,loss,size,protocol,connection,tls,kernel_n,kernel_errors,proxy_n,proxy_errors,kernel_p50_ms,kernel_p90_ms,kernel_p99_ms,proxy_p50_ms,proxy_p90_ms,proxy_p99_ms,model_p50_ms,model_p90_ms,model_p99_ms,proxy_kernel_p50,proxy_kernel_p90,model_kernel_p50,model_kernel_p90,proxy_in_goal,model_in_goal,load_average,host_p50_ms,model_kernel_net_p50,model_kernel_net_p90" >"$OUT/calibration.csv"
START=$SECONDS
index=0
for c in "${selected[@]}"; do
  read -r rtt loss size proto conn tls name <<<"$c"
  index=$((index + 1))
  flags=$(profile_flags "$rtt" "$loss")
  n=$([ "$loss" = 0 ] && echo "$SAMPLES" || echo "$LOSS_SAMPLES")

  # kernel: batches of at most $BATCH, each a path run with its own seed and one warm-up request (discarded)
  : >"$WORK/kernel"; kernel_runs=0 left=$n batch=0
  while [ "$left" -gt 0 ]; do
    batch=$((batch + 1)); take=$((left < BATCH ? left : BATCH)); left=$((left - take))
    seed=$((index * 100 + batch))
    # shellcheck disable=SC2086,SC2016
    run_tracked bin/harness path $flags --seed="$seed" -- sh -c \
      "'$WORK/loop.sh' 1 $(curl_args '$ROUNDTRIP_HOST' "$proto" "$conn" "$tls" "$size") >/dev/null; '$WORK/loop.sh' $take $(curl_args '$ROUNDTRIP_HOST' "$proto" "$conn" "$tls" "$size")"
    kernel_runs=$((kernel_runs + $(wc -l <"$WORK/out")))
    valid_ms "$conn" <"$WORK/out" | tee -a "$WORK/kernel" | sed "s/^/$name,kernel,$seed,/" >>"$OUT/samples.csv"
  done
  kernel_n=$(wc -l <"$WORK/kernel"); kernel_errors=$((n - kernel_n))

  # proxy: one proxy for the case, to the origin's plain or TLS port (TLS passes through as bytes)
  upstream=$([ "$tls" = none ] && echo $ORIGIN_PORT || echo $ORIGIN_TLS_PORT)
  # shellcheck disable=SC2086
  bin/harness proxy --listen 127.0.0.1:$PROXY_PORT --upstream 127.0.0.1:$upstream $flags >"$WORK/proxy.log" 2>&1 &
  proxy=$!; PIDS+=("$proxy")
  wait_port $PROXY_PORT
  args=$(curl_args 127.0.0.1 "$proto" "$conn" "$tls" "$size" | sed "s/:$upstream\//:$PROXY_PORT\//g")
  # shellcheck disable=SC2086
  "$WORK/loop.sh" 1 $args >/dev/null
  # shellcheck disable=SC2086
  run_tracked "$WORK/loop.sh" "$n" $args
  kill -TERM "$proxy" 2>/dev/null || true; wait "$proxy" 2>/dev/null || true; forget "$proxy"
  valid_ms "$conn" <"$WORK/out" >"$WORK/proxy"
  sed "s/^/$name,proxy,0,/" "$WORK/proxy" >>"$OUT/samples.csv"
  proxy_n=$(wc -l <"$WORK/proxy"); proxy_errors=$((n - proxy_n))

  # model
  # shellcheck disable=SC2086
  run_tracked bin/harness model $flags --protocol="$proto" --connection="$conn" --tls="$tls" --size="$size" --json
  cp "$WORK/out" "$OUT/model-$name.json"
  model=$(awk -F'[:,]' '/"p50"|"p90"|"p99"/ && !/p999/ { gsub(/[ "]/, "", $2); printf "%s ", $2 }' "$WORK/out")
  [ -n "$model" ] || { echo "$me: the model gave no percentiles for $name: $(head -c 300 "$WORK/err")" >&2; model="NA NA NA"; }

  # host: the same request straight to the origin, no path and no proxy (its p50 is the host's own cost)
  # shellcheck disable=SC2046
  "$WORK/loop.sh" 1 $(curl_args 127.0.0.1 "$proto" "$conn" "$tls" "$size") >/dev/null
  # shellcheck disable=SC2046
  run_tracked "$WORK/loop.sh" "$SAMPLES" $(curl_args 127.0.0.1 "$proto" "$conn" "$tls" "$size")
  valid_ms "$conn" <"$WORK/out" | sed "s/^/$name,host,0,/" >>"$OUT/samples.csv"
  read -r h50 _ _ <<<"$(valid_ms "$conn" <"$WORK/out" | percentiles)"

  read -r k50 k90 k99 <<<"$(percentiles <"$WORK/kernel")"
  read -r p50 p90 p99 <<<"$(percentiles <"$WORK/proxy")"
  read -r m50 m90 m99 <<<"$model"
  load=$(cut -d' ' -f1 /proc/loadavg)
  row=$(awk -v k50="$k50" -v k90="$k90" -v p50="$p50" -v p90="$p90" -v m50="$m50" -v m90="$m90" -v h50="$h50" 'function r(a, b) {
      return (a == "NA" || b == "NA" || b == 0) ? "NA" : sprintf("%.2f", a / b) }
    function ok(a, b) { return (a == "NA" || b == "NA") ? "no" : ((a / b - 1 <= 0.05 && 1 - a / b <= 0.05) ? "yes" : "no") }
    function ok90(a, b) { return (a == "NA" || b == "NA") ? "no" : ((a / b - 1 <= 0.10 && 1 - a / b <= 0.10) ? "yes" : "no") }
    BEGIN { pg = (ok(p50, k50) == "yes" && ok90(p90, k90) == "yes") ? "yes" : "no"
            n50 = (k50 == "NA" || h50 == "NA") ? "NA" : k50 - h50; n90 = (k90 == "NA" || h50 == "NA") ? "NA" : k90 - h50
            mg = (ok(m50, n50) == "yes" && ok90(m90, n90) == "yes") ? "yes" : "no"
            print r(p50, k50) "," r(p90, k90) "," r(m50, k50) "," r(m90, k90) "," pg "," mg "," r(m50, n50) "," r(m90, n90) }')
  IFS=, read -r rp50 rp90 rm50 rm90 pg mg rn50 rn90 <<<"$row"
  echo "$name,$rtt,$loss,$size,$proto,$conn,$tls,$kernel_n,$kernel_errors,$proxy_n,$proxy_errors,$k50,$k90,$k99,$p50,$p90,$p99,$m50,$m90,$m99,$rp50,$rp90,$rm50,$rm90,$pg,$mg,$load,$h50,$rn50,$rn90" >>"$OUT/calibration.csv"
  printf '[%d/%d %4ds] %-40s kernel %7s/%7s/%7s  proxy %7s/%7s/%7s (%sx %sx %s)  model %7s/%7s/%7s (net %sx %sx %s)  host %s%s  load %s\n' \
    "$index" "${#selected[@]}" $((SECONDS - START)) "$name" "$k50" "$k90" "$k99" "$p50" "$p90" "$p99" "$rp50" "$rp90" "$pg" \
    "$m50" "$m90" "$m99" "$rn50" "$rn90" "$mg" "$h50" \
    "$([ $((kernel_errors + proxy_errors)) -gt 0 ] && echo "  errors kernel $kernel_errors proxy $proxy_errors")" "$load"
done

echo
echo "== $(( ${#selected[@]} )) cases in $(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s; ms at p50/p90/p99; ratios to the kernel at p50, p90"
awk -F, 'NR > 1 { printf "%-40s kernel %7s %7s %7s | proxy %7s %7s %7s %5sx %5sx %-3s | model %7s %7s %7s net %5sx %5sx %-3s | host %6s\n",
  $1, $12, $13, $14, $15, $16, $17, $21, $22, $25, $18, $19, $20, $29, $30, $26, $28 }' "$OUT/calibration.csv"
echo
awk -F, 'NR > 1 { n++; if ($25 == "yes") p++; if ($26 == "yes") m++; if ($25 == "yes" && $26 == "yes") b++
    if ($25 != "yes") pm = pm "\n  proxy " $1 ": " $21 "x p50, " $22 "x p90"
    if ($26 != "yes") mm = mm "\n  model " $1 ": " $29 "x p50, " $30 "x p90 of the kernel network time (" $23 "x, " $24 "x of its whole time)"
    h = $28; if ($15 != "NA" && $17 != "NA" && h != "NA" && $18 != "NA" && $20 != "NA" && $15 - h > 0 && $17 - h > 0) {
      r50 = $18 / ($15 - h); r99 = $20 / ($17 - h)
      if (r50 >= 0.97 && r50 <= 1.03 && r99 >= 0.92 && r99 <= 1.08) pa++
      else pmm = pmm sprintf("\n  %s: %.2fx p50, %.2fx p99", $1, r50, r99) } }
  END { printf "within the goal (within 5%% of the kernel at p50, 10%% at p90; the model on the network part): proxy %d/%d, model %d/%d, both %d/%d\n", p, n, m, n, b, n
        printf "the model against curl through the proxy, network against network (p50 within 3%%, p99 within 8%%): %d/%d\n", pa, n
        if (pmm != "") printf "  not agreeing:%s\n", pmm
        if (pm mm != "") printf "missing:%s%s\n", pm, mm }' "$OUT/calibration.csv"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "results: $OUT/calibration.csv, $OUT/samples.csv"
