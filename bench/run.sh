#!/usr/bin/env bash
# Benchmarks of the packaged service on this machine, loopback only. Rerunnable by anyone:
#
#   bench/run.sh [--no-build] [--seconds 20] [--rate 200] [--workers 10] [--sizes 50,300,1000] [--quick]
#                [--skip-harness] [--jfr] [--out DIR]
#
# 1. builds (./mvnw -q package -DskipTests) unless --no-build; installs wrk and hey with apt-get when missing;
# 2. generates seeded records (bench/gen_records.py) of ~50, ~300 and ~1000 resources for the three hooks;
# 3. start-up to ready: process start until GET /q/health/ready is 200, median of 3 starts;
# 4. per hook and size: p50/p90/p99 at a fixed rate (hey -q/-c, --rate calls/s for --seconds) and saturated
#    throughput (wrk, 2 threads, 16 connections, --seconds, POST script bench/post.lua); RSS of the service;
# 5. FHIR-server fallback: every prefetch key missing, bench/slow_fhir.py answering each query after 50 ms: hook time
#    against the slowest single query (parallel fetches give about 1x, serial ones about 6x);
# 6. the in-process baseline (org.mbccds.bench.BaselineBench): HAPI parse only against the whole flow.
# Prints one table and writes it to DIR/results.txt (default target/bench-TIMESTAMP). --quick: 5 s runs.
# Every process it starts is stopped by pid at the end; the whole run takes about 10 minutes (3 with --quick).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUILD=1 SECONDS_PER=20 RATE=200 SIZES=50,300,1000 HARNESS=1 JFR=0 OUT="" WORKERS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --seconds) SECONDS_PER="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --quick) SECONDS_PER=5; shift ;;
    --skip-harness) HARNESS=0; shift ;;
    --jfr) JFR=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$ROOT/target/bench-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
ensure_tools wrk hey curl python3
FHIR_PID=""
cleanup() {
  stop_service
  if [ -n "$FHIR_PID" ]; then kill "$FHIR_PID" 2>/dev/null || true; wait "$FHIR_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

[ "$BUILD" = 1 ] && build_app
[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || { log "no target/quarkus-app: run without --no-build"; exit 2; }
APP="$ROOT/target/quarkus-app"
DATA="$OUT/data"
python3 "$ROOT/bench/gen_records.py" "$DATA" --sizes "$SIZES" >"$OUT/records.txt"
RESULTS="$OUT/results.txt"
{
  echo "mbc-cds benchmark, $(date -Iseconds), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1)"
  sed 's/^/records: /' "$OUT/records.txt"
} >"$RESULTS"

# --- start-up to ready, median of 3 -------------------------------------------------------------------------------
STARTS=()
for i in 1 2 3; do
  PORT=$(free_port)
  start_service "$APP" "$PORT" "$OUT/start-$i.log"
  ms=$(wait_ready "$PORT" 120) || { cat "$OUT/start-$i.log" >&2; exit 1; }
  quarkus=$(grep -o 'started in [0-9.]*s' "$OUT/start-$i.log" | head -1 || true)
  log "start $i: ready in $ms ms (Quarkus: $quarkus)"
  STARTS+=("$ms")
  stop_service
done
START_MEDIAN=$(printf '%s\n' "${STARTS[@]}" | sort -n | sed -n 2p)

# The same with an AppCDS archive (JDK 17 dynamic CDS): one training start that serves one call and exits, then 3
# starts from the archive. A deployment option (docs/performance.md), measured here so its worth stays known.
CDS_STARTS=()
CDS="$OUT/app-cds.jsa"
PORT=$(free_port)
start_service "$APP" "$PORT" "$OUT/start-cds-train.log" -XX:ArchiveClassesAtExit="$CDS"
wait_ready "$PORT" 120 >/dev/null
python3 "$ROOT/bench/gen_records.py" "$OUT/cds-train" --sizes 50 >/dev/null
curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$OUT/cds-train/patient-view-50.json" \
  "http://127.0.0.1:$PORT/cds-services/mbc-patient-view"
STOP_WAIT=600 stop_service
for _ in $(seq 1 100); do [ -s "$CDS" ] && break; sleep 0.1; done
if [ -s "$CDS" ]; then
  for i in 1 2 3; do
    PORT=$(free_port)
    start_service "$APP" "$PORT" "$OUT/start-cds-$i.log" -XX:SharedArchiveFile="$CDS"
    ms=$(wait_ready "$PORT" 120) || { cat "$OUT/start-cds-$i.log" >&2; exit 1; }
    log "start $i with AppCDS: ready in $ms ms"
    CDS_STARTS+=("$ms")
    stop_service
  done
  CDS_MEDIAN=$(printf '%s\n' "${CDS_STARTS[@]}" | sort -n | sed -n 2p)
else
  CDS_MEDIAN="(no archive written)"
fi

# --- the service under load -----------------------------------------------------------------------------------------
PORT=$(free_port)
JFR_ARGS=()
[ "$JFR" = 1 ] && JFR_ARGS=("-XX:StartFlightRecording=filename=$OUT/service.jfr,settings=profile" "-XX:FlightRecorderOptions:stackdepth=256")
start_service "$APP" "$PORT" "$OUT/service.log" "${JFR_ARGS[@]}"
wait_ready "$PORT" 120 >/dev/null
URL="http://127.0.0.1:$PORT/cds-services"
HOOKS=(patient-view order-select order-sign)
IFS=, read -r -a SIZE_LIST <<<"$SIZES"

log "warm-up: every request for $(( SECONDS_PER / 4 + 2 ))s at full speed"
for size in "${SIZE_LIST[@]}"; do
  for hook in "${HOOKS[@]}"; do
    timeout 120 hey -z "$(( SECONDS_PER / 4 + 2 ))s" -c 2 -m POST -T application/json -D "$DATA/$hook-$size.json" \
      "$URL/mbc-$hook" >"$OUT/warmup-$hook-$size.txt" 2>&1 || true
  done
done

# hey's workers tick in step, so the fixed rate arrives in bursts of WORKERS calls every WORKERS/RATE seconds; the
# burst size, not the rate, sets much of the p99 (docs/performance.md: p99 34 ms with 10 workers, 16-20 ms with 4).
WORKERS=${WORKERS:-$(( RATE >= 20 ? 10 : 1 ))}
PER_WORKER=$(python3 -c "print(round($RATE / $WORKERS, 3))")
printf '%-14s %5s | %8s %8s %8s %8s %6s | %9s %6s\n' hook size "p50 ms" "p90 ms" "p99 ms" "calls/s" "non200" "wrk c/s" non2xx >"$OUT/table.txt"
for size in "${SIZE_LIST[@]}"; do
  for hook in "${HOOKS[@]}"; do
    body="$DATA/$hook-$size.json"
    log "$hook $size: ${RATE} calls/s for ${SECONDS_PER}s (hey), then saturated (wrk)"
    timeout $(( SECONDS_PER + 60 )) hey -z "${SECONDS_PER}s" -c "$WORKERS" -q "$PER_WORKER" -t 20 -m POST -T application/json \
      -D "$body" "$URL/mbc-$hook" >"$OUT/hey-$hook-$size.txt" 2>&1 || true
    BODY_FILE="$body" timeout $(( SECONDS_PER + 60 )) wrk -t2 -c16 -d"${SECONDS_PER}s" --timeout 10s -s "$ROOT/bench/post.lua" \
      "$URL/mbc-$hook" >"$OUT/wrk-$hook-$size.txt" 2>&1 || true
    python3 - "$OUT" "$hook" "$size" >>"$OUT/table.txt" <<'EOF'
import re, sys
out, hook, size = sys.argv[1:]
h = open(f"{out}/hey-{hook}-{size}.txt").read()
w = open(f"{out}/wrk-{hook}-{size}.txt").read()
def pct(p):
    m = re.search(rf"\s{p}% in ([\d.]+) secs", h)
    return f"{float(m.group(1)) * 1000:8.1f}" if m else f"{'?':>8}"
codes = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", h)}
errors = sum(int(n) for n in re.findall(r"(?m)^\s+\[(\d+)\]\s+\S", h.split("Error distribution:", 1)[1])) if "Error distribution:" in h else 0
rps = re.search(r"Requests/sec:\s+([\d.]+)", h)
wrps = re.search(r"Requests/sec:\s+([\d.]+)", w)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", w)
sockerr = re.search(r"Socket errors: (.*)", w)
bad = sum(n for c, n in codes.items() if c != 200) + errors
print(f"{hook:<14} {size:>5} | {pct(50)} {pct(90)} {pct(99)} {float(rps.group(1)) if rps else 0:8.1f} {bad:6d} | "
      f"{float(wrps.group(1)) if wrps else 0:9.1f} {int(non2xx.group(1)) if non2xx else 0:6d}" + (f"  wrk socket errors: {sockerr.group(1)}" if sockerr else ""))
EOF
    tail -1 "$OUT/table.txt" >&2
  done
done
RSS_NOW=$(rss_mb "$SERVICE_PID")
RSS_PEAK=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVICE_PID/status")
stop_service

# --- FHIR-server fallback ------------------------------------------------------------------------------------------
FB_SIZE=${SIZE_LIST[0]}
FHIR_PORT=$(free_port)
python3 "$ROOT/bench/slow_fhir.py" "$DATA/record-$FB_SIZE.json" "$FHIR_PORT" --delay-ms 50 --max-seconds 300 --log "$OUT/fhir.log" &
FHIR_PID=$!
PORT=$(free_port)
start_service "$APP" "$PORT" "$OUT/service-fallback.log"
wait_ready "$PORT" 120 >/dev/null
python3 - "$DATA/patient-view-$FB_SIZE.json" "http://127.0.0.1:$FHIR_PORT/fhir" "$OUT/fallback.json" <<'EOF'
import json, sys
req = json.load(open(sys.argv[1]))
del req["prefetch"]
req["fhirServer"] = sys.argv[2]
json.dump(req, open(sys.argv[3], "w"))
EOF
PID_Q=$(python3 -c "import json; print(json.load(open('$DATA/record-$FB_SIZE.json'))['patientId'])")
QUERIES=("Patient/$PID_Q" "Condition?patient=$PID_Q" "Observation?patient=$PID_Q" "MedicationStatement?patient=$PID_Q"
  "MedicationRequest?patient=$PID_Q" "MedicationAdministration?patient=$PID_Q")
# Warm the fallback path (HTTP client, streamed Bundle reading) as the prefetch path was warmed: with 15 calls its
# code was still interpreted and the hook took ~1.35x the slowest query; after 300 it is ~1.1x (docs/performance.md).
for i in $(seq 1 300); do
  curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @"$OUT/fallback.json" "http://127.0.0.1:$PORT/cds-services/mbc-patient-view"
done
: >"$OUT/fallback-times.txt"
for i in $(seq 1 21); do
  slowest=0
  for q in "${QUERIES[@]}"; do
    t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$FHIR_PORT/fhir/$q")
    slowest=$(python3 -c "print(max($slowest, $t))")
  done
  before=$(wc -l <"$OUT/fhir.log")
  hook=$(curl -s -o "$OUT/fallback-answer.json" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    --data-binary @"$OUT/fallback.json" "http://127.0.0.1:$PORT/cds-services/mbc-patient-view")
  # The queries of this very call as the FHIR server served them: concurrent queries slow each other down on a
  # Python server and a 2-core machine, which the sequential curl queries above never see.
  inside=$(tail -n +"$(( before + 1 ))" "$OUT/fhir.log" | awk '{d=$2-$1; if (d>m) m=d; s+=d; n++} END {printf "%.4f %.4f %d", m/1000, s/1000, n}')
  echo "$slowest $hook $inside" >>"$OUT/fallback-times.txt"
done
FALLBACK=$(python3 - "$OUT/fallback-times.txt" "$OUT/fallback-answer.json" <<'EOF'
import json, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
slow = statistics.median(float(r[0]) for r in rows) * 1000
hook = statistics.median(float(r[2]) for r in rows) * 1000
codes = sorted({r[1] for r in rows})
cards = json.load(open(sys.argv[2])).get("cards", [])
gaps = [c["summary"] for c in cards if "could not be read" in c["summary"]]
inside = statistics.median(float(r[3]) for r in rows) * 1000
serial = statistics.median(float(r[4]) for r in rows) * 1000
queries = statistics.median(int(r[5]) for r in rows)
print(f"slowest single query alone (sequential curl) median {slow:.1f} ms; hook median {hook:.1f} ms; ratio {hook / slow:.2f}x "
      f"(target <= 1.2x); slowest of the call's own {queries} queries (server log) median {inside:.1f} ms, ratio "
      f"{hook / inside:.2f}x; the same queries one after another would take {serial:.1f} ms ({serial / slow:.1f}x); "
      f"HTTP {','.join(codes)}; {len(cards)} cards{'; DATA GAP CARD' if gaps else ''}")
EOF
)
stop_service
kill "$FHIR_PID" 2>/dev/null || true; wait "$FHIR_PID" 2>/dev/null || true; FHIR_PID=""

# --- in-process baseline ------------------------------------------------------------------------------------------
HARNESS_OUT="(skipped)"
if [ "$HARNESS" = 1 ]; then
  CP_FILE="$ROOT/target/bench-classpath.txt"
  if [ ! -s "$CP_FILE" ] || [ "$BUILD" = 1 ]; then
    (cd "$ROOT" && ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null)
  fi
  [ -d "$ROOT/target/test-classes/org/mbccds/bench" ] || (cd "$ROOT" && ./mvnw -q -B test-compile)
  FILES=()
  for size in "${SIZE_LIST[@]}"; do for hook in "${HOOKS[@]}"; do FILES+=("$DATA/$hook-$size.json"); done; done
  HARNESS_OUT=$(cd "$ROOT" && timeout 900 java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dseconds="$(( SECONDS_PER / 5 + 1 ))" -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
    org.mbccds.bench.BaselineBench "${FILES[@]}" 2>"$OUT/harness.err")
fi

{
  echo
  echo "Start-up to ready (process start until /q/health/ready is 200): median ${START_MEDIAN} ms of ${STARTS[*]} ms;"
  echo "  with an AppCDS archive (-XX:SharedArchiveFile): median ${CDS_MEDIAN} ms of ${CDS_STARTS[*]:-} ms (target <= 1500 ms)"
  echo
  echo "Per hook and record size: latency at ${RATE} calls/s for ${SECONDS_PER}s (hey -c $WORKERS -q $PER_WORKER), saturated throughput (wrk -t2 -c16 ${SECONDS_PER}s)"
  cat "$OUT/table.txt"
  echo "RSS of the service after the load: ${RSS_NOW} MB (peak ${RSS_PEAK} MB), -Xmx512m"
  echo
  echo "FHIR-server fallback (no prefetch, $FB_SIZE resources, every query answered after 50 ms): $FALLBACK"
  echo
  echo "$HARNESS_OUT"
} >>"$RESULTS"
cat "$RESULTS"
log "results in $RESULTS"
