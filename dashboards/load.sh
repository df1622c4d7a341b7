#!/bin/sh
# Installs Earshot's Elasticsearch index templates and imports its Kibana saved objects (data views, saved
# searches, the "Earshot — city operations" dashboard). Safe to run again: both steps overwrite.
#
#   dashboards/load.sh [all|templates|kibana]        (default: all)
#
# Environment:
#   ES_URL        Elasticsearch, default http://localhost:9200
#   KIBANA_URL    Kibana, default http://localhost:5601
#   KIBANA_PUBLIC_URL  Kibana as a browser reaches it, for the final message; default KIBANA_URL
#   WAIT_SECONDS  how long to wait for each service to answer, default 180
#
# Needs only a POSIX shell and curl (it runs in the curlimages/curl container of docker/compose.yaml).
set -eu

ES_URL=${ES_URL:-http://localhost:9200}
KIBANA_URL=${KIBANA_URL:-http://localhost:5601}
KIBANA_PUBLIC_URL=${KIBANA_PUBLIC_URL:-$KIBANA_URL}
WAIT_SECONDS=${WAIT_SECONDS:-180}
HERE=$(cd "$(dirname "$0")" && pwd)
RESPONSE=$(mktemp)
trap 'rm -f "$RESPONSE"' EXIT

fail() {
    echo "load.sh: $*" >&2
    exit 1
}

# Prints the HTTP status of a request and leaves the body in $RESPONSE; 000 when nothing answered.
http() {
    curl -sS -o "$RESPONSE" -w '%{http_code}' --connect-timeout 5 --max-time 60 "$@" 2>/dev/null || true
}

# wait_for NAME URL: polls URL until it answers 200, for at most WAIT_SECONDS.
wait_for() {
    name=$1
    url=$2
    waited=0
    while :; do
        status=$(http "$url")
        [ "$status" = 200 ] && return 0
        if [ "$waited" -ge "$WAIT_SECONDS" ]; then
            fail "$name did not become ready at $url within ${WAIT_SECONDS}s (last HTTP status: $status);" \
                "is it running, and is the URL right? Set ES_URL / KIBANA_URL, or WAIT_SECONDS to wait longer."
        fi
        echo "waiting for $name at $url (HTTP $status)..."
        sleep 5
        waited=$((waited + 5))
    done
}

install_templates() {
    wait_for Elasticsearch "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=5s"
    for file in "$HERE"/index-templates/*.json; do
        name=$(basename "$file" .json)
        status=$(http -X PUT "$ES_URL/_index_template/$name" -H 'Content-Type: application/json' \
            --data-binary "@$file")
        [ "$status" = 200 ] || fail "Elasticsearch refused index template $name (HTTP $status): $(cat "$RESPONSE")"
        echo "installed index template $name"
    done
}

import_saved_objects() {
    wait_for Kibana "$KIBANA_URL/api/status"
    file="$HERE/kibana/earshot.ndjson"
    status=$(http -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: true' \
        --form "file=@$file")
    [ "$status" = 200 ] || fail "Kibana refused the saved objects (HTTP $status): $(cat "$RESPONSE")"
    # Kibana answers 200 even when single objects fail; their errors are in the body.
    grep -Eq '"success"[[:space:]]*:[[:space:]]*true' "$RESPONSE" ||
        fail "Kibana could not import every saved object: $(cat "$RESPONSE")"
    imported=$(grep -Eo '"successCount"[[:space:]]*:[[:space:]]*[0-9]+' "$RESPONSE" | grep -Eo '[0-9]+$')
    echo "imported $imported Kibana saved objects;" \
        "open $KIBANA_PUBLIC_URL/app/dashboards#/view/earshot-city-operations"
}

case "${1:-all}" in
    all) install_templates; import_saved_objects ;;
    templates) install_templates ;;
    kibana) import_saved_objects ;;
    *) fail "unknown step '$1': use all, templates or kibana" ;;
esac
