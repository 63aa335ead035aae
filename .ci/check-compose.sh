#!/usr/bin/env bash
# Static checks of the docker side (no engine runs here): the compose file and the Prometheus configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null || ! command -v promtool >/dev/null; then
    echo "check-compose needs docker-compose and promtool (Debian packages docker-compose and prometheus)" >&2
    exit 1
fi
# Dummy values only for the check: compose refuses to run without the real ones.
MONOLITH_DB_PASSWORD=check-only docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid"
# Required variables really are required: without them, the file must be refused.
if env -u MONOLITH_DB_PASSWORD docker-compose -f docker-compose.yml config -q 2>/dev/null; then
    echo "docker-compose.yml accepts a missing MONOLITH_DB_PASSWORD: passwords must have no default" >&2
    exit 1
fi
promtool check config prometheus/prometheus.yml
