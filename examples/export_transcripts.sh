#!/usr/bin/env bash
# Export one Specala transcript as Markdown. Open this file to see API Doctor's findings in shell.
set -euo pipefail
id="$1"

# bearer-format: the single quotes are sent as part of the token, and the server answers 401.
until curl -fsS -H "Authorization: Bearer '$SPECALA_API_KEY'" \
  "https://app.specala.ai/api/v1/developer/transcriptions/$id/export?format=md" -o "$id.md"; do
  sleep 2 # retry-without-backoff: a constant wait
done
