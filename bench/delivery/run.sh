#!/usr/bin/env bash
# Runs the demo with Slack (incoming webhook and Web API), webhook and Zendesk delivery against a local stub and
# counts what each received.
# Usage: bench/delivery/run.sh        (needs python3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
python3 "$here/stub.py" "$work/requests.log" 18081 & stub=$!
trap 'kill $stub' EXIT
sleep 1
EARSHOT_SLACK_WEBHOOK_URL=http://127.0.0.1:18081/slack/T000/B000/secret EARSHOT_SLACK_BOT_TOKEN=xoxb-0-0-not-a-real-token \
EARSHOT_WEBHOOK_URL=http://127.0.0.1:18081/hook EARSHOT_WEBHOOK_SECRET=$(openssl rand -hex 32) \
ZD_EMAIL=agent@example.com ZD_TOKEN=not-a-real-token \
  "$here/../../earshot" run -c "$here/earshot.yaml" -o "$work/output"
python3 - "$work" <<'PY'
import collections, json, sys
work = sys.argv[1]
received = collections.Counter()
for line in open(work + '/requests.log'):
    r = json.loads(line)
    path = r['path']
    if path.startswith('/slack-api'):
        received['slack api messages, ' + ('thread replies' if r['thread'] else 'top-level')] += 1
    elif path.startswith('/slack'):
        received['slack messages'] += 1
    elif path.startswith('/hook'):
        received['webhook messages (signed)' if r['sig'] else 'webhook messages (UNSIGNED)'] += 1
    elif path == '/api/v2/users/me.json':
        received['zendesk credential checks (start-up)'] += 1
    elif r['method'] == 'POST':
        received['zendesk tickets created'] += 1
    elif r['method'] == 'PUT':
        received['zendesk comments added'] += 1
    else:
        received['zendesk look-ups'] += 1
versions = [json.loads(l)['status'] for l in open(work + '/output/alerts.jsonl')]
print(f"alert versions produced: {len(versions)} {dict(collections.Counter(versions))}")
for name, count in sorted(received.items()):
    print(f"{count:5d} {name}")
PY
