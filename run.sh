#!/usr/bin/env bash
# Runs the whole Strangler Shop locally without Docker: ./run.sh [--fresh] [--no-seed] [--data-dir DIR]
set -euo pipefail
cd "$(dirname "$0")"

java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

pick_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
        return
    fi
    if command -v java >/dev/null && [ "$(java_major java)" -ge 21 ]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        export JAVA_HOME
        return
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            return
        fi
    done
    echo "Strangler Shop needs JDK 21 or newer: install one and set JAVA_HOME." >&2
    exit 1
}

# A module needs building when its jar is missing or older than its sources or pom.
stale() {
    local module=$1 jar
    jar=$(ls "$module"/target/"$module"-*.jar 2>/dev/null | grep -v -e '-stubs.jar' -e '-sources.jar' | head -n 1 || true)
    [ -z "$jar" ] && return 0
    [ -n "$(find "$module/src" "$module/pom.xml" pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

pick_jdk
modules=(devstack monolith api-gateway)
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
