#!/usr/bin/env bash
# origin vs nginx, same run, same machine, same body, same certificate:
#   wrk    HTTP/1.1 keep-alive, plain          (C connections)
#   h2load h2c by prior knowledge              (C connections x M streams)
#   h2load h2 over TLS (ALPN), ECDSA P-256     (C connections x M streams)
# Prints requests/s for each server and the ratio origin/nginx. A figure is only meaningful as that ratio.
#
# Usage: benchmarks/origin-vs-nginx.sh            (defaults below; override by environment)
#   DURATION=10 WARMUP=5 CONNECTIONS=50 STREAMS=10 SIZE=1024 THREADS=2 WORKERS=2 benchmarks/origin-vs-nginx.sh
# The origin runs from bin/harness's jar: after changing the sources, rebuild it first
# (mvn -q -pl cli -am package -DskipTests). Both servers get WORKERS event loops (nginx worker_processes, origin
# --io-threads); WORKERS=default starts each as a user would, with neither set (nginx: 1 worker; the origin: Netty's
# default, twice the cores). Every load first runs against both servers for WARMUP seconds (the JVM compiles its hot paths
# then; h2load first by request count, so that every connection and its TLS handshake are made before a timed
# window), excluded from every figure. Needs nginx, wrk, h2load (nghttp2-client), openssl and python3; as root it
# installs whatever is missing with apt-get.
set -euo pipefail

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-50}
STREAMS=${STREAMS:-10}
SIZE=${SIZE:-1024}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/origin-vs-nginx.XXXXXX")
nginx_pid=""
origin_pid=""

cleanup() {
    [ -n "$origin_pid" ] && kill "$origin_pid" 2>/dev/null && wait "$origin_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v h2load >/dev/null 2>&1 || need+=(nghttp2-client)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if ((${#need[@]})); then
    if [ "$(id -u)" != 0 ]; then
        echo "origin-vs-nginx: missing ${need[*]}; install them (apt-get install ${need[*]})" >&2
        exit 1
    fi
    echo "origin-vs-nginx: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "origin-vs-nginx: nothing listening on port $1" >&2
    exit 1
}

# One certificate for both servers (ECDSA P-256, like the origin's own self-signed one).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The same body for both: SIZE bytes of the origin's pattern (byte i = ALPHABET[i % 64]).
mkdir -p "$work/www/bytes" "$work/nginx"
chmod 755 "$work" "$work/www" "$work/www/bytes"   # nginx workers run as an unprivileged user
python3 - "$SIZE" "$work/www/bytes/$SIZE" <<'EOF'
import sys
alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
n = int(sys.argv[1])
open(sys.argv[2], "wb").write(bytes(alphabet[i % 64] for i in range(n)))
EOF

nginx_h1=$(free_port); nginx_h2c=$(free_port); nginx_tls=$(free_port)
origin_h1=$(free_port); origin_tls=$(free_port)

cat > "$work/nginx/nginx.conf" <<EOF
$([ "$WORKERS" = default ] || echo "worker_processes $WORKERS;")
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    open_file_cache max=16 inactive=60s;
    default_type application/octet-stream;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_h1;
        root $work/www;
    }
    server {
        listen 127.0.0.1:$nginx_h2c http2;
        http2_max_concurrent_streams 1000;
        root $work/www;
    }
    server {
        listen 127.0.0.1:$nginx_tls ssl http2;
        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        http2_max_concurrent_streams 1000;
        root $work/www;
    }
}
EOF

"$nginx_bin" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
io_threads=()
[ "$WORKERS" = default ] || io_threads=(--io-threads "$WORKERS")
"$root/bin/harness" origin --port "$origin_h1" --tls-port "$origin_tls" "${io_threads[@]}" \
    --cert "$work/cert.pem" --key "$work/key.pem" > "$work/origin.out" &
origin_pid=$!
for port in "$nginx_h1" "$nginx_h2c" "$nginx_tls" "$origin_h1" "$origin_tls"; do wait_port "$port"; done
origin_engine=$(sed -n 2p "$work/origin.out")

# Every load is bounded: a tool that has not finished 30 s after its window is killed and its figure is 0 with a line
# on stderr. h2load 1.52 in timing mode (-D) never stops a client whose connection completes after the window ends
# (seen here: 50 TLS handshakes on a cold origin took 4.5 s on a loaded machine, two clients then ran for minutes).
bounded() {   # seconds command... -> the command's output, or nothing if it overran
    timeout -s KILL "$(($1 + 30))" "${@:2}" || echo "origin-vs-nginx: '${*:2}' did not finish in $(($1 + 30)) s" >&2
}
wrk_rps() {   # url seconds -> req/s
    bounded "$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" "$1" | awk '/^Requests\/sec:/ {v = $2} END {print v + 0}'
}
h2load_rps() {   # url seconds -> req/s (h2c by prior knowledge for http://, h2 by ALPN for https://)
    bounded "$2" h2load -t"$THREADS" -c"$CONNECTIONS" -m"$STREAMS" -D "$2" "$1" \
        | awk '/^finished in/ {v = $4} END {print v + 0}'
}
# h2load by request count: it ends when every client has made its requests, however late each connected
h2load_connect_all() {   # url
    bounded 60 h2load -t"$THREADS" -c"$CONNECTIONS" -m"$STREAMS" -n "$((CONNECTIONS * STREAMS * 10))" "$1" >/dev/null
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

origin_urls=("http://127.0.0.1:$origin_h1/bytes/$SIZE" "http://127.0.0.1:$origin_h1/bytes/$SIZE"
    "https://127.0.0.1:$origin_tls/bytes/$SIZE")
nginx_urls=("http://127.0.0.1:$nginx_h1/bytes/$SIZE" "http://127.0.0.1:$nginx_h2c/bytes/$SIZE"
    "https://127.0.0.1:$nginx_tls/bytes/$SIZE")
tools=(wrk_rps h2load_rps h2load_rps)
labels=("wrk HTTP/1.1 keep-alive -c$CONNECTIONS" "h2load h2c prior knowledge -c$CONNECTIONS -m$STREAMS"
    "h2load h2 over TLS -c$CONNECTIONS -m$STREAMS")

# Warm-up, excluded from every figure: each load against each server (the JVM compiles its hot paths here).
echo "origin-vs-nginx: warming up (${WARMUP}s per load per server) ..." >&2
for i in 0 1 2; do
    if [ "${tools[$i]}" = h2load_rps ]; then   # first every connection, its handshakes, on both servers
        h2load_connect_all "${origin_urls[$i]}"
        h2load_connect_all "${nginx_urls[$i]}"
    fi
    "${tools[$i]}" "${origin_urls[$i]}" "$WARMUP" >/dev/null
    "${tools[$i]}" "${nginx_urls[$i]}" "$WARMUP" >/dev/null
done

echo "origin-vs-nginx: ${SIZE}-byte body, ${DURATION}s per window after warm-up, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg),"
if [ "$WORKERS" = default ]; then
    echo "  default event loops (nginx: worker_processes unset, 1; origin: --io-threads unset, 2 x cores); origin: $origin_engine"
else
    echo "  ${WORKERS} event loops each (nginx worker_processes, origin --io-threads); origin: $origin_engine"
fi
printf '%-48s %13s %13s %7s\n' "load" "origin req/s" "nginx req/s" "ratio"
for i in 0 1 2; do
    o=$("${tools[$i]}" "${origin_urls[$i]}" "$DURATION")
    n=$("${tools[$i]}" "${nginx_urls[$i]}" "$DURATION")
    printf '%-48s %13.0f %13.0f %6sx\n' "${labels[$i]}" "$o" "$n" "$(ratio "$o" "$n")"
done
