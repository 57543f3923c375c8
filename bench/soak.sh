#!/usr/bin/env bash
# Soak test: a steady rate over the three hooks for a long time, sampling memory every minute.
#
#   bench/soak.sh [--duration 30m] [--rate 30] [--size 300] [--no-build] [--out DIR]
#
# --duration: 30m (default), or seconds, or Nm; --rate: calls per second over all three hooks (default 20);
# --size: record size (resources) of the requests. The packaged service is copied to DIR/app first, so a rebuild
# during the soak does not touch it. Every minute: RSS, and heap after a full GC (jcmd GC.run; the GC log's after-size).
# Passes when every call answered 200, no call failed, and memory is flat: heap after GC and RSS in the last third
# of the run within 20% (+16 MB) of the first third after warm-up. Loopback only; bounded by duration + 5 min.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=30m RATE=20 SIZE=300 BUILD=1 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --size) SIZE="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$DURATION" in
  *m) SECS=$(( ${DURATION%m} * 60 )) ;;
  *s) SECS=${DURATION%s} ;;
  *) SECS=$DURATION ;;
esac
OUT="${OUT:-$ROOT/target/soak-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
ensure_tools hey curl python3 jcmd

[ "$BUILD" = 1 ] && build_app
rm -rf "$OUT/app" && cp -r "$ROOT/target/quarkus-app" "$OUT/app"
python3 "$ROOT/bench/gen_records.py" "$OUT/data" --sizes "$SIZE" >/dev/null

PORT=$(free_port)
HEY_PIDS=()
cleanup() {
  for p in "${HEY_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_service
}
trap cleanup EXIT

start_service "$OUT/app" "$PORT" "$OUT/service.log" -Xlog:gc:file="$OUT/gc.log"
READY_MS=$(wait_ready "$PORT" 120)
log "service pid $SERVICE_PID ready in ${READY_MS} ms on 127.0.0.1:$PORT; soak ${SECS}s at ${RATE} calls/s (size $SIZE)"

PER_HOOK=$(python3 -c "print(max(1, round($RATE / 3)))")
for hook in patient-view order-select order-sign; do
  timeout $(( SECS + 120 )) hey -z "${SECS}s" -q "$PER_HOOK" -c 1 -t 20 -m POST -T application/json \
    -D "$OUT/data/$hook-$SIZE.json" "http://127.0.0.1:$PORT/cds-services/mbc-$hook" >"$OUT/hey-$hook.txt" 2>&1 &
  HEY_PIDS+=($!)
done

echo "minute,rss_mb,heap_after_gc_mb,threads" >"$OUT/memory.csv"
sample() {
  local m="$1" heap threads
  jcmd "$SERVICE_PID" GC.run >/dev/null 2>&1 || true
  # The full GC's own "before->after" line: GC.heap_info a moment later also counts what the load allocated since
  # (tens of MB at 20 calls/s), which made the first soak's heap column swing between 26 and 91 MB.
  heap=$(grep 'Pause Full (Diagnostic Command)' "$OUT/gc.log" 2>/dev/null | tail -1 | sed -E 's/.*->([0-9]+)M\(.*/\1/')
  threads=$(awk '/Threads/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo "?")
  echo "$m,$(rss_mb "$SERVICE_PID"),${heap:-?},$threads" >>"$OUT/memory.csv"
}
START=$(date +%s)
sample 0
minute=0
while [ $(( $(date +%s) - START )) -lt "$SECS" ]; do
  sleep $(( 60 - ( $(date +%s) - START ) % 60 ))
  minute=$(( minute + 1 ))
  kill -0 "$SERVICE_PID" 2>/dev/null || { log "the service died"; break; }
  sample "$minute"
  tail -1 "$OUT/memory.csv" >&2
done
for p in "${HEY_PIDS[@]}"; do wait "$p" || true; done
HEY_PIDS=()
ALIVE=1; kill -0 "$SERVICE_PID" 2>/dev/null || ALIVE=0
grep -q "OutOfMemory" "$OUT/service.log" && ALIVE=0

python3 - "$OUT" "$SECS" "$RATE" "$ALIVE" <<'EOF'
import csv, re, sys, statistics, pathlib
out, secs, rate, alive = pathlib.Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
total = ok = errors = 0
lines = []
for hook in ("patient-view", "order-select", "order-sign"):
    text = (out / f"hey-{hook}.txt").read_text()
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", text)}
    errs = sum(int(n) for n in re.findall(r"(?m)^\s+\[(\d+)\]\s+\S", text.split("Error distribution:", 1)[1])) \
        if "Error distribution:" in text else 0
    p99 = re.search(r"99% in ([\d.]+) secs", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    n = sum(codes.values()); total += n; ok += codes.get(200, 0); errors += errs
    lines.append(f"{hook}: {n} calls, codes {codes}, errors {errs}, {rps.group(1) if rps else '?'} calls/s, p99 "
                 f"{float(p99.group(1)) * 1000:.1f} ms" if p99 else f"{hook}: {n} calls, codes {codes}, errors {errs}")
rows = [r for r in csv.DictReader(open(out / "memory.csv")) if r["heap_after_gc_mb"] not in ("", "?")]
heap = [float(r["heap_after_gc_mb"]) for r in rows]
rss = [float(r["rss_mb"]) for r in rows if r["rss_mb"] != "?"]
def flat(series):
    s = series[2:] if len(series) > 6 else series  # the first two minutes are warm-up
    if len(s) < 3:
        return True, "too few samples"
    third = max(1, len(s) // 3)
    first, last = statistics.median(s[:third]), statistics.median(s[-third:])
    return last <= first * 1.2 + 16, f"first third median {first:.1f} MB, last third median {last:.1f} MB"
heap_ok, heap_msg = flat(heap)
rss_ok, rss_msg = flat(rss)
expected = secs * rate * 0.9
print("\n".join(lines))
print(f"calls: {total} (expected about {secs * rate:.0f}), 200: {ok}, other: {total - ok}, client errors: {errors}")
print(f"heap after full GC: {heap_msg}; min {min(heap):.1f} max {max(heap):.1f} MB" if heap else "heap: no samples")
print(f"RSS: {rss_msg}; min {min(rss):.0f} max {max(rss):.0f} MB" if rss else "RSS: no samples")
passed = alive and total > 0 and ok == total and errors == 0 and total >= expected and heap_ok and rss_ok
print("SOAK " + ("PASSED" if passed else "FAILED") + f" (service alive: {alive}, memory flat: heap {heap_ok}, RSS {rss_ok})")
(out / "summary.txt").write_text("\n".join(lines) + "\n")
sys.exit(0 if passed else 1)
EOF
