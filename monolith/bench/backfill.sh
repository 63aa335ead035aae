#!/usr/bin/env bash
# Users backfill benchmark: how long POST /admin/backfill/users takes to put N existing users on Kafka.
# Real PostgreSQL and a real Kafka broker (devstack, each its own process), the monolith's jar as its own process with
# the local run's JVM settings (-Xmx384m, SerialGC, C1 only), N users inserted straight into the legacy table, then the
# clock runs from the POST until (1) the backfill has appended every event to the outbox (status DONE), (2) the outbox
# is drained (no unsent row), (3) the end offsets of user.updated add up to N. Afterwards, untimed, the topic is read
# back to check that every user is there. Writes docs/benchmarks/backfill.md.
#
# Usage, from anywhere in the repository:
#   monolith/bench/backfill.sh                 # 100,000 users, the monolith's default batch of 1000
#   monolith/bench/backfill.sh --users 10000 --batch-size 500 --note "what else ran"
# Needs JDK 21+ (JAVA_HOME, else picked like run.sh). Builds the jars when they are missing or stale.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/jdk.sh
source scripts/jdk.sh

USERS=100000
BATCH=1000
OUT=docs/benchmarks/backfill.md
NOTE=""
while [ $# -gt 0 ]; do
    case $1 in
        --users) USERS=$2; shift 2 ;;
        --batch-size) BATCH=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --note) NOTE=$2; shift 2 ;;
        --help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "Unknown option $1 (--help lists them)" >&2; exit 2 ;;
    esac
done

pick_jdk || { echo "The benchmark needs JDK 21 or newer: install one and set JAVA_HOME." >&2; exit 1; }
# The monolith's jar embeds messaging-support, so a change there makes it stale too.
if stale devstack || stale messaging-support || stale monolith; then
    echo "Building devstack and monolith (tests skipped) ..."
    ./mvnw -B -q -DskipTests package -pl devstack,monolith -am
fi

work=$(mktemp -d /tmp/backfill-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "Backfilling $USERS users in batches of $BATCH ..."
if ! "$JAVA_HOME/bin/java" -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:devstack/target/lib/*" \
        monolith/bench/BackfillBench.java "$PWD" "$USERS" "$BATCH" "$work" > "$work/bench.log" 2>&1; then
    echo "The benchmark failed; end of its log, then of the monolith's:" >&2
    tail -40 "$work/bench.log" >&2
    tail -40 "$work/monolith.log" >&2 || true
    exit 1
fi
result=$(grep '^RESULT ' "$work/bench.log")
echo "$result"

value() { echo "$result" | tr ' ' '\n' | awk -F= -v key="$1" '$1 == key {print $2}'; }
seconds() { awk -v ms="$(value "$1")" 'BEGIN {printf "%.1f", ms / 1000}'; }
per_second() { awk -v n="$USERS" -v ms="$(value "$1")" 'BEGIN {printf "%.0f", n * 1000 / ms}'; }

{
    echo "# Users backfill"
    echo
    echo "How long \`POST /admin/backfill/users\` takes to put every existing user on Kafka. Measured on"
    echo "$(date -u +%Y-%m-%d) with \`monolith/bench/backfill.sh --users $USERS --batch-size $BATCH\`: $(nproc) cores,"
    echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME"/bin/java -version 2>&1 | head -n 1)."
    echo
    echo "Set-up: real PostgreSQL 18 and a real Kafka broker (devstack, each its own process), the monolith's jar as its"
    echo "own process with the local run's JVM settings (\`-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1\`), $USERS"
    echo "users inserted straight into the legacy table ($(seconds seeded_ms) s, not counted). The clock starts at the POST."
    echo
    echo "| milestone | after (s) | users/s |"
    echo "|---|---|---|"
    echo "| backfill done: every event appended to the outbox ($BATCH users per transaction) | $(seconds appended_ms) | $(per_second appended_ms) |"
    echo "| outbox drained: every event acknowledged by Kafka (\`acks=all\`) and marked sent | $(seconds drained_ms) | $(per_second drained_ms) |"
    echo "| end offsets of \`user.updated\` add up to $USERS | $(seconds on_kafka_ms) | $(per_second on_kafka_ms) |"
    echo
    echo "Check, read back afterwards: $(value records) records on \`user.updated\`, $(value distinct_keys) distinct"
    echo "user ids, $(value outbox_rows) outbox rows."
    echo
    echo "Load average (1/5/15 min) at the POST: $(value load_before); when the events were on Kafka: $(value load_after)."
    echo "The machine is shared: other builds and tests may have run at the same time, so read the numbers as an order of"
    echo "magnitude rather than a capacity."
    if [ -n "$NOTE" ]; then
        echo
        echo "Note: $NOTE"
    fi
} > "$OUT"
echo "Wrote $OUT"
