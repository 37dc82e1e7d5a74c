#!/usr/bin/env bash
# Starts a local Prometheus (Debian package) on 127.0.0.1:${PORT:-9090} with demo data for the
# last ${HOURS:-6} hours: several services' request counters and latency histograms, node CPU
# and memory. Metadata (type/help/unit) comes from a loopback target that serves the demo's
# `# TYPE`/`# HELP`/`# UNIT` lines, since backfilled blocks carry none. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-9090}"
hours="${HOURS:-6}"
for binary in prometheus promtool node; do
  command -v "$binary" >/dev/null || { echo "error: $binary is not installed (apt-get install -y prometheus)" >&2; exit 1; }
done

work="$(mktemp -d -t alertsmith-demo-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "generating ${hours}h of demo data…"
node scripts/generate-openmetrics.mjs --demo --hours "$hours" > "$work/demo.om.txt"
promtool tsdb create-blocks-from openmetrics "$work/demo.om.txt" "$work/data" >/dev/null
grep '^#' "$work/demo.om.txt" > "$work/metadata.txt"

# The metadata target: a few lines of node on a free loopback port; it prints the port.
node -e '
  const http = require("node:http");
  const body = require("node:fs").readFileSync(process.argv[1], "utf8");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/openmetrics-text; version=1.0.0; charset=utf-8" });
    res.end(body);
  }).listen(0, "127.0.0.1", () => console.log(server.address().port));
' "$work/metadata.txt" > "$work/target.port" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/target.port" ] && break; sleep 0.1; done
target_port="$(cat "$work/target.port")"

cat > "$work/prometheus.yml" <<YAML
global: { scrape_interval: 5s }
scrape_configs:
  - job_name: demo-metadata
    static_configs: [{ targets: ['127.0.0.1:${target_port}'] }]
YAML

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:${port}" --storage.tsdb.retention.time=30d --log.level=warn &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:${port}/-/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:${port}/-/ready" >/dev/null || { echo "error: prometheus did not start" >&2; exit 1; }

echo
echo "Prometheus with demo data: http://127.0.0.1:${port}"
echo "  try: sum by (job) (rate(http_requests_total[5m]))"
echo "       histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))"
echo "Set alertsmith.prometheus.url to that URL (the default is http://localhost:9090). Ctrl-C stops it."
wait "${pids[-1]}"
