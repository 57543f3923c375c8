#!/usr/bin/env python3
"""A loopback FHIR server that answers every query after a fixed delay (python3 stdlib only).

    python3 bench/slow_fhir.py RECORD.json PORT [--delay-ms 50] [--max-seconds 600] [--log FILE]

RECORD.json is a record-N.json of bench/gen_records.py ({"patientId", "prefetch"}). Answers the service's prefetch
queries (Patient/{id}, Condition?, Observation?, MedicationStatement?, MedicationRequest?, MedicationAdministration?,
Medication/{id}) with the same Bundles the prefetch would carry, so the service reads the same data through the
fallback. Each request waits --delay-ms in its own thread, so parallel queries overlap and serial ones add up. Logs
"start_ms end_ms path" per request. Binds 127.0.0.1 only and exits by itself after --max-seconds.
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

SEARCH_KEYS = {"Condition": "conditions", "Observation": "observations", "MedicationStatement": "medStatements",
               "MedicationRequest": "medRequests", "MedicationAdministration": "medAdministrations"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("record")
    ap.add_argument("port", type=int)
    ap.add_argument("--delay-ms", type=float, default=50)
    ap.add_argument("--max-seconds", type=float, default=600)
    ap.add_argument("--log", default=None)
    a = ap.parse_args()
    rec = json.load(open(a.record))
    pf = rec["prefetch"]
    bodies = {"Patient/" + rec["patientId"]: json.dumps(pf["patient"]).encode()}
    for rtype, key in SEARCH_KEYS.items():
        bodies[rtype] = json.dumps(pf[key]).encode()
        for e in pf[key]["entry"]:
            if e["resource"]["resourceType"] == "Medication":
                bodies["Medication/" + e["resource"]["id"]] = json.dumps(e["resource"]).encode()
    log = open(a.log, "a") if a.log else sys.stderr
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in two writes; with Nagle on, the body waits for the client's delayed ACK (up to
        # 40 ms on Linux), which is this server's cost, not the service's.
        disable_nagle_algorithm = True

        def do_GET(self):
            start = time.time()
            path = urlsplit(self.path).path
            rel = path[path.index("/fhir/") + 6:] if "/fhir/" in path else path.lstrip("/")
            body = bodies.get(rel)
            time.sleep(a.delay_ms / 1000.0)
            if body is None:
                body = json.dumps({"resourceType": "OperationOutcome", "issue": [
                    {"severity": "error", "code": "not-found", "diagnostics": "not here: " + rel}]}).encode()
                self.send_response(404)
            else:
                self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                log.write("%d %d %s\n" % (start * 1000, time.time() * 1000, rel))
                log.flush()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    threading.Timer(a.max_seconds, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
