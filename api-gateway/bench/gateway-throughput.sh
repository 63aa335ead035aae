#!/usr/bin/env bash
# Gateway throughput: requests/s and p50/p99 latency (wrk --latency) of GET /api/users/{id} in six configurations,
# all against the SAME backend, in one run:
#   1 direct      wrk -> backend nginx
#   2 nginx-proxy wrk -> nginx reverse proxy -> backend nginx
#   3 plain-scg   wrk -> api-gateway, a plain Spring Cloud Gateway route given on the command line
#                 (/plain/** -> lb://monolith, StripPrefix=1): the global WebFilters (request id, access log, rate
#                 limiter, metrics) but no migration routing; the reference for the targets (measured first and
#                 again last among the gateway's configurations; the better of the two counts)
#   4 monolith    wrk -> api-gateway /api/users/{id}, users reads in MONOLITH mode
#   5 canary-50   the same, CANARY 50 % (a stable half of the users goes to user-service)
#   6 shadow      the same, SHADOW (the monolith answers; a copy goes to user-service and is compared)
# The backend is one nginx with two server blocks standing in for the monolith and user-service (the same small JSON
# for every GET /api/users/<id>). The gateway keeps its migration state on a real Kafka broker (devstack's
# KafkaServerMain, its own JVM). wrk, the backend nginx and Kafka are pinned to one core (--load-cpu), the gateway and
# the nginx proxy to the other (--sut-cpu). Every user id 1..10000 is requested round-robin (api-gateway/bench/users.lua).
# Writes docs/benchmarks/gateway-throughput.md: machine, command, table, the targets (MONOLITH and CANARY 50 >= 90 %,
# SHADOW >= 60 % of the plain route's requests/s), shadow comparisons made vs dropped and the canary's real split.
#
# Reproduce, on a quiet machine with 2 or more cores, from anywhere in the repository:
#   api-gateway/bench/gateway-throughput.sh           # full run, about 6 minutes
#   api-gateway/bench/gateway-throughput.sh --quick   # smoke run, about 1.5 minutes; the numbers are noise
# Needs JDK 21+ (JAVA_HOME, else picked like run.sh), wrk and nginx (installed from Debian packages when run as root
# and missing), curl, ss and taskset. Builds the jars when they are missing or stale. --help lists the options.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=scripts/jdk.sh
source scripts/jdk.sh

BENCH_DIR=api-gateway/bench
LUA="$BENCH_DIR/users.lua"
USERS=10000

# The command line as it can be pasted into a shell again.
shell_words() {
    local word quoted=()
    for word in "$@"; do
        if [[ $word =~ ^[A-Za-z0-9_./=:,+-]+$ ]]; then
            quoted+=("$word")
        else
            quoted+=("'${word//\'/\'\\\'\'}'")
        fi
    done
    echo "${quoted[*]}"
}
COMMAND=$(shell_words "$BENCH_DIR/gateway-throughput.sh" "$@")

# Defaults of a full run; --quick shortens them.
DURATION=20          # seconds of each measured run
WARMUP=10            # seconds of warm-up right before each measured run
GATEWAY_WARMUP=120   # seconds of gateway warm-up (spread over its four configurations) before its first measurement;
                     # shorter, and the JIT is still compiling while the first configurations are measured
CONNECTIONS=64
THREADS=1            # wrk runs on one core
LOAD_CPU=0
SUT_CPU=1
GATEWAY_JAVA_OPTS="-XX:+UseSerialGC -Xms512m -Xmx512m"   # SerialGC as in docker-compose.yml; a fixed heap
OUT=docs/benchmarks/gateway-throughput.md
QUICK=false
KEEP_LOGS=false
NOTE=""

usage() {
    cat <<EOF
Usage: $BENCH_DIR/gateway-throughput.sh [options]
  --quick                smoke run: 3 s runs, 1 s warm-ups, 6 s gateway warm-up (numbers are noise)
  --duration S           seconds of each measured run (default $DURATION)
  --warmup S             seconds of warm-up before each measured run (default $WARMUP)
  --gateway-warmup S     seconds of gateway warm-up before its first measurement (default $GATEWAY_WARMUP)
  --connections N        wrk connections (default $CONNECTIONS)
  --threads N            wrk threads (default $THREADS)
  --load-cpu N           core of wrk, the backend nginx and Kafka (default $LOAD_CPU)
  --sut-cpu N            core of the gateway and of the nginx proxy (default $SUT_CPU)
  --gateway-java-opts S  JVM options of the gateway (default "$GATEWAY_JAVA_OPTS")
  --out FILE             report to write (default $OUT)
  --note TEXT            a line added to the report (for example what else ran on the machine)
  --keep-logs            keep the run directory (server logs, every wrk output) instead of deleting it
EOF
}

die() {
    echo "gateway-throughput: $*" >&2
    exit 1
}

parse_args() {
    # --quick only changes defaults: a --duration, --warmup or --gateway-warmup given as well still wins.
    if [[ " $* " == *" --quick "* ]]; then
        QUICK=true
        DURATION=3
        WARMUP=1
        GATEWAY_WARMUP=6
    fi
    while [ $# -gt 0 ]; do
        case $1 in
            --duration|--warmup|--gateway-warmup|--connections|--threads|--load-cpu|--sut-cpu|--gateway-java-opts|\
            --out|--note) [ $# -ge 2 ] || { usage >&2; die "$1 needs a value"; } ;;
        esac
        case $1 in
            --quick) ;;
            --duration) DURATION=$2; shift ;;
            --warmup) WARMUP=$2; shift ;;
            --gateway-warmup) GATEWAY_WARMUP=$2; shift ;;
            --connections) CONNECTIONS=$2; shift ;;
            --threads) THREADS=$2; shift ;;
            --load-cpu) LOAD_CPU=$2; shift ;;
            --sut-cpu) SUT_CPU=$2; shift ;;
            --gateway-java-opts) GATEWAY_JAVA_OPTS=$2; shift ;;
            --out) OUT=$2; shift ;;
            --note) NOTE=$2; shift ;;
            --keep-logs) KEEP_LOGS=true ;;
            -h|--help) usage; exit 0 ;;
            *) usage >&2; die "unknown option $1" ;;
        esac
        shift
    done
    local n
    for n in "$DURATION" "$WARMUP" "$GATEWAY_WARMUP" "$CONNECTIONS" "$THREADS" "$LOAD_CPU" "$SUT_CPU"; do
        [[ $n =~ ^[0-9]+$ ]] || die "not a whole number: $n"
    done
    [ "$DURATION" -ge 1 ] || die "--duration must be at least 1"
    [ "$CONNECTIONS" -ge "$THREADS" ] || die "wrk needs at least as many connections as threads"
}

# --- JDK and jars, as run.sh does it ---------------------------------------------------------------------------------

build_jars() {
    if stale devstack || stale api-gateway; then
        echo "Building devstack and api-gateway (tests skipped) ..."
        ./mvnw -B -ntp -q -DskipTests package -pl devstack,api-gateway -am
    fi
    GATEWAY_JAR=$(jar_of api-gateway)
    DEVSTACK_JAR=$(jar_of devstack)
    if [ -z "$GATEWAY_JAR" ] || [ -z "$DEVSTACK_JAR" ]; then die "no jars after the build"; fi
}

# --- Tools -----------------------------------------------------------------------------------------------------------

find_nginx() {
    NGINX=$(command -v nginx || true)
    if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi
}

# Installs wrk and nginx from Debian packages when they are missing, without letting apt start an nginx service.
install_tools() {
    local missing=() created_policy=false
    command -v wrk >/dev/null || missing+=(wrk)
    find_nginx
    [ -n "$NGINX" ] || missing+=(nginx)
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
            die "missing ${missing[*]}: install with 'sudo apt-get install -y ${missing[*]}' (Debian/Ubuntu) and run again"
        fi
        echo "Installing ${missing[*]} from Debian packages ..."
        export DEBIAN_FRONTEND=noninteractive
        # policy-rc.d keeps apt from starting the packaged nginx service (it would listen on port 80); left alone when
        # someone else's is already in place.
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
            created_policy=true
        fi
        apt-get -o DPkg::Lock::Timeout=300 update -qq
        apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            || { $created_policy && rm -f /usr/sbin/policy-rc.d; die "apt-get install ${missing[*]} failed"; }
        if $created_policy; then rm -f /usr/sbin/policy-rc.d; fi
        # On a systemd machine the unit is still enabled for the next boot: this benchmark never wants it.
        if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
            systemctl disable --now nginx >/dev/null 2>&1 || true
        fi
        find_nginx
    fi
    if ! command -v wrk >/dev/null || [ -z "$NGINX" ]; then die "wrk or nginx still missing"; fi
    local tool
    for tool in curl ss taskset awk; do
        command -v "$tool" >/dev/null || die "missing $tool: install curl, iproute2 (ss) and util-linux (taskset)"
    done
    local cpus
    cpus=$(nproc)
    [ "$cpus" -ge 2 ] || die "needs 2 cores (wrk on one, the gateway on the other); this machine has $cpus"
    if [ "$LOAD_CPU" -ge "$cpus" ] || [ "$SUT_CPU" -ge "$cpus" ] || [ "$LOAD_CPU" -eq "$SUT_CPU" ]; then
        die "--load-cpu and --sut-cpu must be two different cores below $cpus"
    fi
}

# --- Processes -------------------------------------------------------------------------------------------------------

PIDS=()
NAMES=()

# Starts a command in the background with its output in $RUN_DIR/<name>.log and remembers it for cleanup.
start_process() {
    local name=$1
    shift
    "$@" > "$RUN_DIR/$name.log" 2>&1 &
    PIDS+=($!)
    NAMES+=("$name")
}

alive() {
    local state
    state=$(ps -o stat= -p "$1" 2>/dev/null || true)
    [ -n "$state" ] && [[ $state != Z* ]]
}

# Stops one process: SIGTERM, then SIGKILL after 30 s; reaps it.
stop_process() {
    local pid=$1 name=$2 waited=0
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        while alive "$pid" && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
        if alive "$pid"; then
            echo "$name (pid $pid) ignored SIGTERM for 30 s: killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$? i
    trap - EXIT INT TERM ERR
    if [ $status -eq 130 ] || [ $status -eq 143 ]; then
        echo "Interrupted: stopping everything this run started" >&2
    elif [ $status -ne 0 ] && [ -n "${RUN_DIR:-}" ] && [ -d "$RUN_DIR" ]; then
        echo "Failed; the end of the servers' logs (--keep-logs keeps them all):" >&2
        for i in "$RUN_DIR"/{nginx-backend,nginx-proxy,kafka,gateway}.log; do
            if [ -s "$i" ]; then echo "--- $i" >&2; tail -n 15 "$i" >&2; fi
        done
    fi
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        stop_process "${PIDS[$i]}" "${NAMES[$i]}"
    done
    if [ -n "${RUN_DIR:-}" ]; then
        if $KEEP_LOGS; then echo "Logs kept in $RUN_DIR"; else rm -rf "$RUN_DIR"; fi
    fi
    exit $status
}

USED_PORTS=" "
# A port nobody listens on, below the ephemeral range, so that neither an outgoing connection nor a test that asks the
# kernel for a free port takes it before the server binds it.
free_port() {
    local port lowest
    lowest=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    [ "$lowest" -gt 11000 ] || lowest=61000
    while :; do
        port=$((10000 + RANDOM % (lowest - 11000)))
        [[ $USED_PORTS == *" $port "* ]] && continue
        if ! ss -Hltn "sport = :$port" | grep -q .; then
            USED_PORTS+="$port "
            echo "$port"
            return
        fi
    done
}

# Waits until process $2 itself listens on port $1.
wait_for_port() {
    local port=$1 pid=$2 what=$3 timeout=$4 deadline=$((SECONDS + $4))
    until ss -Hltnp "sport = :$port" | grep -q "pid=$pid,"; do
        alive "$pid" || die "$what exited during start-up (log: $RUN_DIR/$what.log)"
        [ $SECONDS -lt $deadline ] || die "$what did not listen on $port within $timeout s"
        sleep 0.2
    done
}

# --- The servers -----------------------------------------------------------------------------------------------------

nginx_common() {
    cat <<EOF
daemon off;
worker_processes 1;
pid $RUN_DIR/nginx/$1.pid;
error_log $RUN_DIR/nginx/$1-error.log warn;
events { worker_connections 4096; }
EOF
}

nginx_http_common() {
    cat <<EOF
    access_log off;
    keepalive_timeout 60s;
    keepalive_requests 10000000;
    client_body_temp_path $RUN_DIR/nginx/tmp/$1-client;
    proxy_temp_path $RUN_DIR/nginx/tmp/$1-proxy;
    fastcgi_temp_path $RUN_DIR/nginx/tmp/$1-fastcgi;
    uwsgi_temp_path $RUN_DIR/nginx/tmp/$1-uwsgi;
    scgi_temp_path $RUN_DIR/nginx/tmp/$1-scgi;
EOF
}

# The stand-in for one backend: the same small JSON for every user.
nginx_backend_server() {
    cat <<EOF
    server {
        listen 127.0.0.1:$1;
        location ~ ^/api/users/(?<id>[0-9]+)\$ {
            default_type application/json;
            return 200 '{"id":\${id},"email":"user\${id}@example.com","name":"User \${id}"}';
        }
        location / { return 404; }
    }
EOF
}

write_nginx_configs() {
    mkdir -p "$RUN_DIR/nginx/tmp"
    # nginx started as root runs its workers as nobody, which must reach the temp paths.
    chmod 755 "$RUN_DIR" "$RUN_DIR/nginx" "$RUN_DIR/nginx/tmp"
    {
        nginx_common backend
        echo "http {"
        nginx_http_common backend
        nginx_backend_server "$MONOLITH_PORT"
        nginx_backend_server "$SERVICE_PORT"
        echo "}"
    } > "$RUN_DIR/nginx/backend.conf"
    {
        nginx_common proxy
        echo "http {"
        nginx_http_common proxy
        cat <<EOF
    upstream monolith {
        server 127.0.0.1:$MONOLITH_PORT;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location / {
            proxy_pass http://monolith;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
    } > "$RUN_DIR/nginx/proxy.conf"
    "$NGINX" -t -q -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/check-error.log" -c "$RUN_DIR/nginx/backend.conf"
    "$NGINX" -t -q -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/check-error.log" -c "$RUN_DIR/nginx/proxy.conf"
}

start_nginx() {
    local name=$1 cpu=$2
    shift 2
    start_process "nginx-$name" taskset -c "$cpu" "$NGINX" -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/$name-error.log" \
        -c "$RUN_DIR/nginx/$name.conf"
    local port
    for port in "$@"; do wait_for_port "$port" "${PIDS[-1]}" "nginx-$name" 20; done
}

start_kafka() {
    mkdir -p "$RUN_DIR/kafka"
    start_process kafka taskset -c "$LOAD_CPU" "$JAVA_HOME/bin/java" -Xms128m -Xmx512m -XX:+UseSerialGC \
        -Dlogback.configurationFile=devstack-kafka-logback.xml \
        -cp "$DEVSTACK_JAR:devstack/target/lib/*" dev.strangler.devstack.kafka.KafkaServerMain \
        "$RUN_DIR/kafka" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
    KAFKA_PID=${PIDS[-1]}
}

start_gateway() {
    local routes='--spring.cloud.gateway.server.webflux.routes[0]'
    export STRANGLER_ADMIN_PASSWORD=$ADMIN_PASSWORD
    # Word splitting of the JVM options is intended.
    # shellcheck disable=SC2086
    start_process gateway taskset -c "$SUT_CPU" \
        "$JAVA_HOME/bin/java" $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" \
        --server.address=127.0.0.1 --server.port="$GATEWAY_PORT" \
        --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
        "--spring.cloud.discovery.client.simple.instances.monolith[0].uri=http://127.0.0.1:$MONOLITH_PORT" \
        "--spring.cloud.discovery.client.simple.instances.user-service[0].uri=http://127.0.0.1:$SERVICE_PORT" \
        --strangler.rate-limit.burst=1000000000 --strangler.rate-limit.refill=1000000000 \
        "$routes.id=plain" "$routes.uri=lb://monolith" "$routes.predicates[0]=Path=/plain/**" \
        "$routes.filters[0]=StripPrefix=1"
    unset STRANGLER_ADMIN_PASSWORD
    GATEWAY_PID=${PIDS[-1]}
}

# Waits for our gateway to listen and /actuator/health to answer 200 with an overall status UP (the migration state read from Kafka included).
wait_for_gateway() {
    local deadline=$((SECONDS + 180)) health=""
    while :; do
        alive "$GATEWAY_PID" || die "the gateway exited during start-up"
        alive "$KAFKA_PID" || die "Kafka exited during start-up"
        if ss -Hltnp "sport = :$GATEWAY_PORT" | grep -q "pid=$GATEWAY_PID,"; then
            health=$(curl -fsS --max-time 5 "$GATEWAY_URL/actuator/health" 2>/dev/null || true)
            [[ $health == *'"status":"UP"}' ]] && return
        fi
        [ $SECONDS -lt $deadline ] || die "the gateway was not UP within 180 s; last health: ${health:-none}"
        sleep 1
    done
}

# Checks that a URL answers 200 with the backend's JSON for user 42, and for the gateway who served it.
check_url() {
    local url=$1 served_by=${2:-} headers body
    headers=$(mktemp -p "$RUN_DIR")
    body=$(curl -sS --max-time 10 -D "$headers" "$url") || die "no answer from $url"
    head -n 1 "$headers" | grep -q ' 200' || die "$url answered $(head -n 1 "$headers")"
    [ "$body" = '{"id":42,"email":"user42@example.com","name":"User 42"}' ] || die "$url answered $body"
    if [ -n "$served_by" ]; then
        grep -qi "^x-served-by: $served_by" "$headers" || die "$url was not served by $served_by: $(cat "$headers")"
    fi
    rm -f "$headers"
}

# --- Admin API and metrics -------------------------------------------------------------------------------------------

# curl with the admin's credentials, kept off the command line.
admin_curl() {
    printf 'user = "admin:%s"\n' "$ADMIN_PASSWORD" | curl -K - -sS --max-time 30 "$@"
}

# The users capability's reads as the admin API shows them, e.g. {"mode":"CANARY","percent":50}.
users_reads() {
    admin_curl "$GATEWAY_URL/admin/migration" | sed -n 's/.*"users":{[^{}]*"reads":\({[^}]*}\).*/\1/p'
}

# Moves the users reads to a setting and waits until the gateway routes by it.
set_users_reads() {
    local setting=$1 code deadline=$((SECONDS + 30))
    code=$(admin_curl -o "$RUN_DIR/admin-answer.json" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
        -d "$setting" "$GATEWAY_URL/admin/migration/users/reads")
    [ "$code" = 200 ] || [ "$code" = 202 ] || die "PUT reads $setting answered $code: $(cat "$RUN_DIR/admin-answer.json")"
    until [ "$(users_reads)" = "$setting" ]; do
        [ $SECONDS -lt $deadline ] || die "reads did not become $setting within 30 s (now $(users_reads))"
        sleep 0.2
    done
}

scrape() {
    curl -fsS --max-time 10 "$GATEWAY_URL/actuator/prometheus" > "$RUN_DIR/$1.prom"
}

# Sum of a metric's samples whose labels contain every given name="value" in scrape $1.
metric_sum() {
    local scrape=$1 metric=$2
    shift 2
    awk -v metric="$metric" -v wanted="$*" '
        BEGIN { n = split(wanted, labels, " ") }
        index($0, metric "{") == 1 {
            for (i = 1; i <= n; i++) if (index($0, labels[i]) == 0) next
            sum += $NF
        }
        END { printf "%d\n", sum }' "$RUN_DIR/$scrape.prom"
}

# Change of a metric between the scrapes before-$1 and after-$1.
metric_delta() {
    local key=$1
    shift
    echo $(($(metric_sum "after-$key" "$@") - $(metric_sum "before-$key" "$@")))
}

# --- Measuring -------------------------------------------------------------------------------------------------------

# Runs wrk on the load core; the RESULT line of users.lua ends up in $RUN_DIR/wrk-<name>.log.
run_wrk() {
    local name=$1 port=$2 prefix=$3 seconds=$4
    taskset -c "$LOAD_CPU" wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --latency -s "$LUA" \
        "http://127.0.0.1:$port" -- "$prefix" "$USERS" > "$RUN_DIR/wrk-$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    NAMES+=("wrk")
    wait "$pid" || die "wrk failed: $(cat "$RUN_DIR/wrk-$name.log")"
    unset 'PIDS[-1]' 'NAMES[-1]'
}

declare -A RPS P50 P99 ERRORS LABEL LOAD_BUSY SUT_BUSY
CONFIGS=()

# Warm-up, then a measured run of one configuration; for the gateway, scrapes its metrics around the measured run.
measure() {
    local key=$1 label=$2 port=$3 prefix=$4 gateway=$5 result
    CONFIGS+=("$key")
    LABEL[$key]=$label
    echo "[$(date +%T)] $label: ${WARMUP} s warm-up, ${DURATION} s measured"
    if [ "$WARMUP" -gt 0 ]; then run_wrk "$key-warmup" "$port" "$prefix" "$WARMUP"; fi
    # Lets the warm-up's last shadow copies finish before the counters are read.
    sleep 1
    if $gateway; then scrape "before-$key"; fi
    local load_before sut_before
    load_before=$(cpu_ticks "$LOAD_CPU")
    sut_before=$(cpu_ticks "$SUT_CPU")
    run_wrk "$key" "$port" "$prefix" "$DURATION"
    LOAD_BUSY[$key]=$(busy_percent "$load_before" "$(cpu_ticks "$LOAD_CPU")")
    SUT_BUSY[$key]=$(busy_percent "$sut_before" "$(cpu_ticks "$SUT_CPU")")
    if $gateway; then sleep 2; scrape "after-$key"; fi
    result=$(grep '^RESULT ' "$RUN_DIR/wrk-$key.log") || die "no RESULT from wrk: $(cat "$RUN_DIR/wrk-$key.log")"
    RPS[$key]=$(field rps "$result")
    P50[$key]=$(awk -v us="$(field p50_us "$result")" 'BEGIN { printf "%.2f", us / 1000 }')
    P99[$key]=$(awk -v us="$(field p99_us "$result")" 'BEGIN { printf "%.2f", us / 1000 }')
    ERRORS[$key]=$(($(field status_errors "$result") + $(field socket_errors "$result")))
    printf '    %s requests/s, p50 %s ms, p99 %s ms, %s errors; CPU busy: load %s %%, gateway/proxy %s %%\n' \
        "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "${ERRORS[$key]}" "${LOAD_BUSY[$key]}" "${SUT_BUSY[$key]}"
}

# "busy total" jiffies of one CPU from /proc/stat (busy excludes idle and iowait).
cpu_ticks() {
    awk -v cpu="cpu$1" '$1 == cpu { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' \
        /proc/stat
}

# Busy % of a CPU between two cpu_ticks readings.
busy_percent() {
    local busy_before total_before busy_after total_after
    read -r busy_before total_before <<< "$1"
    read -r busy_after total_after <<< "$2"
    awk -v b="$((busy_after - busy_before))" -v t="$((total_after - total_before))" \
        'BEGIN { if (t > 0) printf "%.0f", 100 * b / t; else printf "n/a" }'
}

field() {
    tr ' ' '\n' <<< "$2" | sed -n "s/^$1=//p"
}

# Before the gateway's first measurement: JIT warm-up over every path that is measured later.
warm_up_gateway() {
    local slice=$((GATEWAY_WARMUP / 4))
    [ "$slice" -ge 1 ] || return 0
    echo "[$(date +%T)] gateway warm-up: ${GATEWAY_WARMUP} s over the plain route, MONOLITH, CANARY 50 and SHADOW"
    run_wrk gw-warmup-plain "$GATEWAY_PORT" /plain/api/users/ "$slice"
    run_wrk gw-warmup-monolith "$GATEWAY_PORT" /api/users/ "$slice"
    set_users_reads '{"mode":"CANARY","percent":50}'
    run_wrk gw-warmup-canary "$GATEWAY_PORT" /api/users/ "$slice"
    set_users_reads '{"mode":"SHADOW"}'
    run_wrk gw-warmup-shadow "$GATEWAY_PORT" /api/users/ "$slice"
    set_users_reads '{"mode":"MONOLITH"}'
}

# --- Report ----------------------------------------------------------------------------------------------------------

percent_of() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else printf "n/a" }'
}

# "met" or "MISSED", with the reason, for one target: configuration $1 at least $2 % of the plain route.
target_check() {
    local key=$1 threshold=$2 ratio
    ratio=$(percent_of "${RPS[$key]}" "$REFERENCE")
    local smoke=""
    if $QUICK; then smoke=" (smoke run: not a result)"; fi
    if [ "${ERRORS[$key]}" -ne 0 ] || [ "${ERRORS[plain]}" -ne 0 ] || [ "${ERRORS[plain_again]}" -ne 0 ]; then
        echo "$ratio % | MISSED: the run had errors, so it does not count$smoke"
    elif awk -v r="$ratio" -v t="$threshold" 'BEGIN { exit !(r >= t) }'; then
        echo "$ratio % | met$smoke"
    else
        echo "$ratio % | MISSED$smoke"
    fi
}

write_report() {
    local key cpu_model jdk wrk_version nginx_version
    cpu_model=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
    jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)
    wrk_version=$( (wrk -v 2>&1 || true) | head -n 1 | awk '{print $2}')   # wrk -v exits with 1
    nginx_version=$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')
    local made dropped requests_shadow pending match mismatch error skipped
    match=$(metric_delta shadow strangler_shadow_comparisons_total 'capability="users"' 'result="match"')
    mismatch=$(metric_delta shadow strangler_shadow_comparisons_total 'capability="users"' 'result="mismatch"')
    error=$(metric_delta shadow strangler_shadow_comparisons_total 'capability="users"' 'result="error"')
    skipped=$(metric_delta shadow strangler_shadow_comparisons_total 'capability="users"' 'result="skipped"')
    dropped=$(metric_delta shadow strangler_shadow_comparisons_total 'capability="users"' 'result="dropped"')
    made=$((match + mismatch))
    requests_shadow=$(metric_delta shadow strangler_requests_total 'capability="users"')
    pending=$((requests_shadow - made - error - skipped - dropped))
    local max_in_flight
    max_in_flight=$(awk '/max-in-flight:/ {print $2}' api-gateway/src/main/resources/application.yml)
    local canary_total canary_monolith canary_service canary_gateway
    canary_monolith=$(metric_delta canary strangler_requests_total 'capability="users"' 'backend="monolith"')
    canary_service=$(metric_delta canary strangler_requests_total 'capability="users"' 'backend="user-service"')
    canary_gateway=$(metric_delta canary strangler_requests_total 'capability="users"' 'backend="api-gateway"')
    canary_total=$((canary_monolith + canary_service))
    {
        echo "# API gateway throughput"
        echo
        if $QUICK; then
            echo "> **SMOKE RUN (\`--quick\`): ${DURATION} s runs after ${WARMUP} s warm-ups. These numbers only show that the"
            echo "> benchmark works end to end; they say nothing about the gateway's speed or the targets. Run the script"
            echo "> without \`--quick\` on a quiet machine for results.**"
            echo
        fi
        if [ -n "$NOTE" ]; then echo "> $NOTE"; echo; fi
        echo "Requests/s and latency of \`GET /api/users/{id}\` (ids 1..$USERS round-robin) through the api-gateway, and of"
        echo "the same requests straight to the backend and through an nginx reverse proxy. Measured by"
        echo "\`$COMMAND\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu_model),"
        echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $jdk; load average before the run: $LOAD_BEFORE."
        echo
        echo "| configuration | requests/s | p50 (ms) | p99 (ms) | % of the plain route | errors | CPU $LOAD_CPU busy (load) | CPU $SUT_CPU busy (gateway/proxy) |"
        echo "|---|---|---|---|---|---|---|---|"
        for key in "${CONFIGS[@]}"; do
            printf '| %s | %.0f | %s | %s | %s | %s | %s %% | %s %% |\n' "${LABEL[$key]}" "${RPS[$key]}" "${P50[$key]}" \
                "${P99[$key]}" "$(percent_of "${RPS[$key]}" "$REFERENCE")" "${ERRORS[$key]}" "${LOAD_BUSY[$key]}" \
                "${SUT_BUSY[$key]}"
        done
        echo
        echo "The plain route is measured first and again last among the gateway's configurations; the better of the two"
        echo "($(printf '%.0f' "$REFERENCE") requests/s) is the 100 % of the table and of the targets, so that the gateway's"
        echo "JIT warming up during the run cannot flatter the migration modes. Errors are non-2xx answers plus socket"
        echo "errors (connect, read, write, timeout) as wrk counts them. CPU busy is each core's non-idle time during the"
        echo "measured run (/proc/stat), whoever used it: on a quiet machine the core near 100 % is the bottleneck (the"
        echo "load core: wrk and the backend; the other: the gateway or the nginx proxy)."
        echo
        echo "Reading the absolute numbers: nginx proxies a tiny static answer in C on one core; the gateway is a JVM"
        echo "reactive stack that, for every request, also assigns and forwards a request id, writes an access-log line,"
        echo "takes a rate-limit token, resolves the backend through discovery, counts metrics and passes the admin"
        echo "security chain's matcher. The targets compare the gateway with itself (migration routes vs a plain Spring"
        echo "Cloud Gateway route in the same process), which is what the migration routing costs."
        echo
        echo "## Targets"
        echo
        echo "| target | measured | result |"
        echo "|---|---|---|"
        echo "| MONOLITH ≥ 90 % of the plain route's requests/s | $(target_check monolith 90) |"
        echo "| CANARY 50 ≥ 90 % of the plain route's requests/s | $(target_check canary 90) |"
        echo "| SHADOW ≥ 60 % of the plain route's requests/s | $(target_check shadow 60) |"
        echo
        echo "## Shadow comparisons (measured SHADOW run)"
        echo
        echo "\`strangler_shadow_comparisons_total{capability=\"users\"}\` and \`strangler_requests_total{capability=\"users\"}\`,"
        echo "scraped from \`/actuator/prometheus\` right before the measured run and 2 s after it:"
        echo
        echo "| reads | comparisons made (match + mismatch) | mismatch | service error | skipped | dropped | not yet counted |"
        echo "|---|---|---|---|---|---|---|"
        echo "| $requests_shadow | $made ($(percent_of "$made" "$requests_shadow") %) | $mismatch | $error | $skipped | $dropped ($(percent_of "$dropped" "$requests_shadow") %) | $pending |"
        echo
        echo "A dropped read got the monolith's answer but no copy: \`strangler.shadow.max-in-flight\` ($max_in_flight) copies were"
        echo "already open, and a copy stays open until both the client's response and the service's answer are in, while"
        echo "wrk keeps up to $CONNECTIONS reads in flight. Service error: user-service did not answer; skipped: a copy was"
        echo "sent but the monolith's answer was incomplete (for example cut off when wrk stopped); not yet counted: still"
        echo "open 2 s after the run."
        echo
        echo "## Canary split (measured CANARY 50 run)"
        echo
        echo "\`strangler_requests_total{capability=\"users\"}\` by \`backend\`, before and after the measured run:"
        echo
        echo "| served by the monolith | served by user-service | counted as \`backend=\"api-gateway\"\` |"
        echo "|---|---|---|"
        echo "| $canary_monolith ($(percent_of "$canary_monolith" "$canary_total") %) | $canary_service ($(percent_of "$canary_service" "$canary_total") %) | $canary_gateway |"
        echo
        echo "The shares are of the reads a backend answered. The last column are requests wrk abandoned when it stopped"
        echo "and closed its connections before the gateway had chosen a backend (at most one per connection per wrk"
        echo 'run); the gateway counts them with `outcome="cancelled"` and logs them with status 499.'
        echo
        echo "## Set-up"
        echo
        echo "- Load: wrk $wrk_version, $THREADS thread(s), $CONNECTIONS connections, pinned to CPU $LOAD_CPU;"
        echo "  \`$LUA\` (the same for every configuration; the plain route's paths are prefixed with \`/plain\`)."
        echo "- Backend: nginx $nginx_version, one worker pinned to CPU $LOAD_CPU (it shares the load core with wrk and"
        echo "  Kafka), two \`server\` blocks on 127.0.0.1 for the monolith and user-service, \`return 200\` of"
        echo "  \`{\"id\":<id>,\"email\":\"user<id>@example.com\",\"name\":\"User <id>\"}\`, access log off."
        echo "- nginx proxy (configuration 2): one worker pinned to CPU $SUT_CPU, upstream keep-alive (64), access log off."
        echo "- Gateway: \`$GATEWAY_JAR\` pinned to CPU $SUT_CPU, JVM options \`$GATEWAY_JAVA_OPTS\`, every global WebFilter on"
        echo "  (its access log written to a file), rate limiter on with burst and refill of 10^9 so it never refuses."
        echo "  Backends registered as simple discovery instances; the plain route is"
        echo "  \`Path=/plain/** -> lb://monolith, StripPrefix=1\`."
        echo "- Kafka: devstack's \`KafkaServerMain\` (its own JVM, \`-XX:+UseSerialGC -Xmx512m\`) pinned to CPU $LOAD_CPU;"
        echo "  idle while measuring, the gateway reads the migration state from it and the admin API writes to it."
        echo "- Order: direct, nginx proxy, then ${GATEWAY_WARMUP} s of gateway warm-up spread over the plain route, MONOLITH,"
        echo "  CANARY 50 and SHADOW, then plain, MONOLITH, CANARY 50, SHADOW and plain again; each measured run"
        echo "  (${DURATION} s) follows a ${WARMUP} s warm-up of the same configuration. Modes are changed with"
        echo "  \`PUT /admin/migration/users/reads\` and the gateway's admin view is polled until it routes by the new mode."
        echo "- Direct-to-backend has wrk and the backend on the same core, so it shows what the load core can drive, not"
        echo "  a latency floor of a separate backend machine."
    } > "$OUT"
}

# docs/benchmarks.md is the index of every benchmark: this script rewrites its own section there (between markers)
# with the table and the targets of the report it just wrote. Only for the default report, never for --out elsewhere.
update_index() {
    local index=docs/benchmarks.md block
    [ "$OUT" = docs/benchmarks/gateway-throughput.md ] || return 0
    block=$(mktemp)
    {
        echo "<!-- gateway-throughput:begin (written by $BENCH_DIR/gateway-throughput.sh; do not edit by hand) -->"
        echo "## API gateway throughput"
        echo
        echo "Measured on $(date -u '+%Y-%m-%d') with \`$COMMAND\`; the full report, with the set-up, the shadow sample"
        echo "and the canary split: [benchmarks/gateway-throughput.md](benchmarks/gateway-throughput.md)."
        echo
        sed -n '/^| configuration/,/^$/p' "$OUT"
        sed -n '/^| target/,/^$/p' "$OUT"
        echo "<!-- gateway-throughput:end -->"
    } > "$block"
    if [ ! -f "$index" ]; then
        printf '# Benchmarks\n\n' > "$index"
    fi
    if grep -q 'gateway-throughput:begin' "$index"; then
        awk -v block="$block" '
            /gateway-throughput:begin/ { while ((getline line < block) > 0) print line; skipping = 1; next }
            /gateway-throughput:end/ { skipping = 0; next }
            !skipping { print }' "$index" > "$index.new"
        mv "$index.new" "$index"
    else
        { echo; cat "$block"; } >> "$index"
    fi
    rm -f "$block"
}

# --- Main ------------------------------------------------------------------------------------------------------------

main() {
    parse_args "$@"
    pick_jdk || die "the gateway needs JDK 21 or newer: install one and set JAVA_HOME"
    install_tools
    build_jars
    trap cleanup EXIT
    trap 'echo "gateway-throughput: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
    trap 'exit 130' INT
    trap 'exit 143' TERM
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gateway-bench.XXXXXX")
    ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    MONOLITH_PORT=$(free_port); SERVICE_PORT=$(free_port); PROXY_PORT=$(free_port)
    KAFKA_PORT=$(free_port); KAFKA_CONTROLLER_PORT=$(free_port); GATEWAY_PORT=$(free_port)
    GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT

    echo "[$(date +%T)] starting the backend nginx, the nginx proxy, Kafka and the gateway (logs in $RUN_DIR)"
    write_nginx_configs
    start_nginx backend "$LOAD_CPU" "$MONOLITH_PORT" "$SERVICE_PORT"
    start_nginx proxy "$SUT_CPU" "$PROXY_PORT"
    start_kafka
    wait_for_port "$KAFKA_PORT" "$KAFKA_PID" kafka 120
    start_gateway
    wait_for_gateway
    echo "[$(date +%T)] gateway UP"
    check_url "http://127.0.0.1:$MONOLITH_PORT/api/users/42"
    check_url "http://127.0.0.1:$SERVICE_PORT/api/users/42"
    check_url "http://127.0.0.1:$PROXY_PORT/api/users/42"
    check_url "$GATEWAY_URL/plain/api/users/42" monolith
    check_url "$GATEWAY_URL/api/users/42" monolith
    [ "$(users_reads)" = '{"mode":"MONOLITH"}' ] || die "users reads start as $(users_reads), not MONOLITH"

    measure direct "direct to backend" "$MONOLITH_PORT" /api/users/ false
    measure nginx "nginx reverse proxy" "$PROXY_PORT" /api/users/ false
    warm_up_gateway
    measure plain "gateway, plain SCG route" "$GATEWAY_PORT" /plain/api/users/ true
    measure monolith "gateway /api/users, MONOLITH" "$GATEWAY_PORT" /api/users/ true
    set_users_reads '{"mode":"CANARY","percent":50}'
    measure canary "gateway /api/users, CANARY 50" "$GATEWAY_PORT" /api/users/ true
    set_users_reads '{"mode":"SHADOW"}'
    measure shadow "gateway /api/users, SHADOW" "$GATEWAY_PORT" /api/users/ true
    measure plain_again "gateway, plain SCG route, again last" "$GATEWAY_PORT" /plain/api/users/ true
    REFERENCE=$(awk -v a="${RPS[plain]}" -v b="${RPS[plain_again]}" 'BEGIN { print (a > b ? a : b) }')

    mkdir -p "$(dirname "$OUT")"
    write_report
    update_index
    echo
    cat "$OUT"
}

main "$@"
