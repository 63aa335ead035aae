#!/usr/bin/env bash
# Static checks of the docker side (no engine runs here): the compose file and the Prometheus configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null || ! command -v promtool >/dev/null; then
    echo "check-compose needs docker-compose and promtool (Debian packages docker-compose and prometheus)" >&2
    exit 1
fi
required=(MONOLITH_DB_PASSWORD USERS_DB_PASSWORD STRANGLER_ADMIN_PASSWORD)
# Dummy values only for the check: compose refuses to run without the real ones.
dummies=()
for variable in "${required[@]}"; do
    dummies+=("$variable=check-only")
done
env "${dummies[@]}" docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid"
# Required variables really are required: without any one of them, the file must be refused, and for that reason.
for variable in "${required[@]}"; do
    others=()
    for dummy in "${dummies[@]}"; do
        [[ $dummy == "$variable="* ]] || others+=("$dummy")
    done
    if refusal=$(env -u "$variable" "${others[@]}" docker-compose -f docker-compose.yml config -q 2>&1); then
        echo "docker-compose.yml accepts a missing $variable: passwords must have no default" >&2
        exit 1
    fi
    if [[ $refusal != *"$variable"* ]]; then
        echo "docker-compose.yml refused without $variable, but not because of it: $refusal" >&2
        exit 1
    fi
done
promtool check config prometheus/prometheus.yml

# Every image builds from the whole Maven reactor, so each Dockerfile must copy every module's pom (or sources),
# and every service in the compose file must be scraped by Prometheus.
modules=$(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)
for dockerfile in */Dockerfile; do
    for module in $modules; do
        if ! grep -Eq "^COPY ($module |$module/pom.xml )" "$dockerfile"; then
            echo "$dockerfile does not copy module $module: its Maven build would fail" >&2
            exit 1
        fi
    done
done
echo "Dockerfiles: every module copied"
for dockerfile in */Dockerfile; do
    service=$(dirname "$dockerfile")
    if ! grep -q "job_name: $service\$" prometheus/prometheus.yml; then
        echo "prometheus/prometheus.yml has no job for $service" >&2
        exit 1
    fi
    if ! grep -q "^  $service:\$" docker-compose.yml; then
        echo "docker-compose.yml has no service $service" >&2
        exit 1
    fi
done
echo "Prometheus and compose: every service present"
