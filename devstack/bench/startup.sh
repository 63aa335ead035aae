#!/usr/bin/env bash
# Measures how long ./run.sh takes until the whole local stack is healthy, cold (--fresh) and warm (existing data).
# Usage: devstack/bench/startup.sh [runs]   Writes docs/benchmarks/local-startup.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
out=docs/benchmarks/local-startup.md
log=$(mktemp)

measure() {
    local flag=$1
    ./run.sh $flag > "$log" 2>&1 &
    local pid=$!
    local deadline=$((SECONDS + 180))
    until grep -q "ready in" "$log"; do
        if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
            echo "run.sh $flag did not become ready:" >&2; tail -20 "$log" >&2; kill "$pid" 2>/dev/null || true; exit 1
        fi
        sleep 0.5
    done
    grep -o "ready in [0-9.]* s" "$log" | grep -o "[0-9.]*"
    kill -TERM "$pid"
    wait "$pid" || true
}

./run.sh --help >/dev/null 2>&1 || true   # builds the jars if needed, outside the measurement
cold=(); warm=()
for _ in $(seq "$runs"); do cold+=("$(measure --fresh)"); done
for _ in $(seq "$runs"); do warm+=("$(measure "")"); done

{
    echo "# Local start-up time"
    echo
    echo "From \`./run.sh\` to \"ready\" (PostgreSQL, Kafka, SMTP, the monolith, user-service, order-service, notification-service and the api-gateway healthy, demo data"
    echo "loaded, the gateway's migration state read), as"
    echo "printed by the banner. Measured by \`devstack/bench/startup.sh $runs\` on $(date -u +%Y-%m-%d),"
    echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME"/bin/java -version 2>&1 | head -n 1 || java -version 2>&1 | head -n 1)."
    echo
    echo "| run | cold (\`--fresh\`, s) | warm (existing data, s) |"
    echo "|---|---|---|"
    for i in $(seq 0 $((runs - 1))); do echo "| $((i + 1)) | ${cold[$i]} | ${warm[$i]} |"; done
    echo
    echo "The target (issue 2) is ready within 60 s once built. Build time is not included."
} > "$out"
cat "$out"
