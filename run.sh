#!/usr/bin/env bash
# Runs the whole Strangler Shop locally without Docker: ./run.sh [--fresh] [--no-seed] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/jdk.sh
source scripts/jdk.sh

pick_jdk || { echo "Strangler Shop needs JDK 21 or newer: install one and set JAVA_HOME." >&2; exit 1; }
modules=(devstack monolith user-service order-service notification-service api-gateway)
to_build=()
for module in "${modules[@]}"; do
    if stale "$module"; then to_build+=("$module"); fi
done
if [ ${#to_build[@]} -gt 0 ]; then
    echo "Building ${to_build[*]} (tests skipped; run ./mvnw verify for those) ..."
    ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "${to_build[*]}")" -am
fi

exec "$JAVA_HOME/bin/java" -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:devstack/target/lib/*" \
    dev.strangler.devstack.DevStack --repo-root "$PWD" "$@"
