#!/usr/bin/env bash
# Static checks of the docker side (no engine runs here): the compose file, the Prometheus configuration and the
# Grafana dashboards. (system-tests runs every dashboard query against a real Prometheus; this only checks the files.)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null || ! command -v promtool >/dev/null || ! command -v jq >/dev/null; then
    echo "check-compose needs docker-compose, promtool and jq (Debian packages docker-compose, prometheus and jq)" >&2
    exit 1
fi
required=(MONOLITH_DB_PASSWORD USERS_DB_PASSWORD ORDERS_DB_PASSWORD NOTIFICATIONS_DB_PASSWORD STRANGLER_ADMIN_PASSWORD GRAFANA_ADMIN_PASSWORD)
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

# Grafana: every dashboard is valid JSON with its own uid and title, every panel, query and variable uses the
# provisioned data source, every query parses as PromQL, and every service has its dashboard.
datasource_uid=$(sed -n 's/^ *uid: *\([^ #]*\).*/\1/p' grafana/provisioning/datasources/prometheus.yml)
if [[ -z $datasource_uid ]]; then
    echo "grafana/provisioning/datasources/prometheus.yml has no uid" >&2
    exit 1
fi
dashboards=(grafana/dashboards/*.json)
for dashboard in "${dashboards[@]}"; do
    if ! jq -e 'type == "object" and (.uid | type == "string") and (.title | type == "string")' "$dashboard" >/dev/null; then
        echo "$dashboard is not valid JSON with a uid and a title" >&2
        exit 1
    fi
    strays=$(jq -r --arg uid "$datasource_uid" '
        [.. | objects | select(has("targets"))] as $panels
        | ($panels[] | select(.datasource.uid != $uid) | "panel \(.title | tojson)"),
          ($panels[] | .title as $title | .targets[] | select(.datasource.uid != $uid)
              | "query \(.refId) of panel \($title | tojson)"),
          (.templating.list[]? | select(.type == "query" and .datasource.uid != $uid) | "variable \(.name)"),
          ($panels[] | select((.targets | length) == 0 or any(.targets[]; (.expr // "") == ""))
              | "panel \(.title | tojson) without a query")' "$dashboard")
    if [[ -n $strays ]]; then
        echo "$dashboard: not on the provisioned data source \"$datasource_uid\" (or no query):" >&2
        echo "$strays" >&2
        exit 1
    fi
done
for field in uid title; do
    duplicates=$(jq -r ".$field" "${dashboards[@]}" | sort | uniq -d)
    if [[ -n $duplicates ]]; then
        echo "Dashboards share a $field: $duplicates" >&2
        exit 1
    fi
done
# promtool parses every query (as a recording rule), with the dashboard variables replaced by sample values.
rules=$(mktemp --suffix=.yml)
trap 'rm -f "$rules"' EXIT
jq -s '{groups: [{name: "dashboards", rules: [.[] | .title as $dashboard | .. | objects | select(has("targets"))
        | .title as $panel | .targets[]
        | {expr: (.expr | gsub("\\$__rate_interval"; "1m") | gsub("\\$capability"; "users")),
           labels: {dashboard: $dashboard, panel: $panel}}]
        | to_entries | map({record: "dashboard:query:\(.key)"} + .value)}]}' "${dashboards[@]}" > "$rules"
if ! parsed=$(promtool check rules "$rules" 2>&1); then
    echo "$parsed" >&2
    for rule in $(grep -o 'dashboard:query:[0-9]*' <<< "$parsed" | sort -u); do
        jq -r --arg rule "$rule" '.groups[0].rules[] | select(.record == $rule)
            | "\($rule) is \(.labels.dashboard) / \(.labels.panel)"' "$rules" >&2
    done
    echo "A dashboard query is not valid PromQL (variables replaced: \$__rate_interval, \$capability)" >&2
    exit 1
fi
for dockerfile in */Dockerfile; do
    service=$(dirname "$dockerfile")
    if [[ ! -f grafana/dashboards/$service.json ]]; then
        echo "grafana/dashboards has no dashboard for $service" >&2
        exit 1
    fi
done
echo "Grafana: ${#dashboards[@]} dashboards valid, on data source $datasource_uid, every service has one"
