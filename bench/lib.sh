# Shared helpers of bench/run.sh and bench/soak.sh (sourced, not run). Loopback only; every process started here
# is remembered by its pid and stopped by that pid.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICE_PID=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ensure_tools() {
  local missing=()
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || true
    else
      sudo apt-get update -qq >/dev/null 2>&1 || true
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || true
    fi
    for t in "${missing[@]}"; do command -v "$t" >/dev/null 2>&1 || { log "cannot install $t"; exit 2; }; done
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

build_app() {
  log "building: ./mvnw -q package -DskipTests"
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
}

now_ms() { date +%s%3N; }

# start_service APP_DIR PORT LOGFILE [extra JVM args...]: starts the packaged service on 127.0.0.1:PORT from the
# repository root (cards/ and fhir-profiles/ are read relative to it); sets SERVICE_PID and SERVICE_START_MS.
# Client authentication is off (the load tools send no JWT: a bench with it on measures 401s) and the feedback
# database lives next to the log, never in the repository's ./data.
start_service() {
  local app="$1" port="$2" logfile="$3"
  shift 3
  SERVICE_START_MS=$(now_ms)
  (cd "$ROOT" && exec java -Xmx512m "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dmbc.auth.enabled=false -Dmbc.feedback.h2-file="$(cd "$(dirname "$logfile")" && pwd)/feedback-$port/feedback" \
    -jar "$app/quarkus-run.jar" >"$logfile" 2>&1) &
  SERVICE_PID=$!
}

# wait_ready PORT [timeout s]: prints milliseconds from SERVICE_START_MS until GET /q/health/ready answers 200.
wait_ready() {
  local port="$1" limit="${2:-60}" deadline code
  deadline=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/q/health/ready" || true)
    if [ "$code" = "200" ]; then
      echo $(( $(now_ms) - SERVICE_START_MS ))
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service exited during start-up"; return 1; }
    sleep 0.02
  done
  log "the service was not ready within ${limit}s"
  return 1
}

stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    # STOP_WAIT (tenths of a second): a JVM writing a CDS archive at exit needs longer than a plain one.
    for _ in $(seq 1 "${STOP_WAIT:-50}"); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
