# Sourced by the end-to-end benchmark scripts: a work folder and the background processes they start, both cleaned
# up on exit; waiting for a port; haproxy (tcp mode, one thread) in front of one upstream, the peer they compare to.
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$(basename "$0" .sh): nothing listening on $1" >&2; exit 1
}

# haproxy_config FILE LISTEN_PORT UPSTREAM_PORT: one thread, 9,000 connections (each needs two descriptors; the
# hard limit here is often 20,000)
haproxy_config() {
  cat >"$1" <<CFG
global
  nbthread 1
  maxconn 9000
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend f
  bind 127.0.0.1:$2
  default_backend b
backend b
  server s1 127.0.0.1:$3
CFG
}
