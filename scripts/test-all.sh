#!/usr/bin/env bash
# `npm test`: everything — typecheck, unit tests, golden parity checks against upstream BuildKit output,
# the real BuildKit daemon tests and the browser end-to-end tests. Installs the Debian packages the
# daemon and browser tests need when they are missing (and says so).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
results=.tmp/results
: > "$results"
status=0
step() { printf '\n==> %s\n' "$*"; }
record() { echo "$1 $2 $3 0" >> "$results"; }   # name passed failed skipped

step "build the CLI"
node scripts/build-cli.mjs || status=1

step "typecheck"
if npx tsc --noEmit -p tsconfig.json; then record typecheck 1 0; else record typecheck 0 1; status=1; fi

step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json
[ $? -eq 0 ] || status=1
node scripts/tally-vitest.mjs .tmp/vitest.json unit >> "$results" || status=1

step "real BuildKit daemon tests (Docker Engine from Debian; scripts/dockerd-up.sh installs docker.io and busybox-static if missing)"
if [ -n "${BUILDKIT_HOST:-}" ]; then
  echo "BUILDKIT_HOST=$BUILDKIT_HOST: running the daemon tests against it"
else
  dockerd_host=$(bash scripts/dockerd-up.sh | tee .tmp/dockerd-up.txt | sed -n 's/^DOCKER_HOST=//p' | tail -n 1)
  tail -n 3 .tmp/dockerd-up.txt
  export DOCKER_HOST="$dockerd_host"
fi
npx vitest run -c vitest.daemon.config.ts --reporter=default --reporter=json --outputFile=.tmp/vitest-daemon.json
[ $? -eq 0 ] || status=1
node scripts/tally-vitest.mjs .tmp/vitest-daemon.json daemon >> "$results" || status=1

step "browser end-to-end tests (Playwright with Debian's Chromium; apt-get installs chromium if missing)"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium (apt-get install chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core
fi
rm -f .tmp/e2e.json
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/e2e.json npx playwright test --reporter=list,json
[ $? -eq 0 ] || status=1
node scripts/tally-playwright.mjs .tmp/e2e.json e2e >> "$results"

shared=../shared
if [ -d "$shared/tools" ]; then
  step "dump-llb parity with upstream (../shared/tools/check-dump.mjs)"
  node "$shared/tools/check-dump.mjs" --cli "node bin/llbx.cjs" | tee .tmp/check-dump.txt | tail -n 5
  line=$(tail -n 1 .tmp/check-dump.txt)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p'); f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  record check-dump "${p:-0}" "${f:-1}"; [ "${f:-1}" = 0 ] || status=1

  step "Dockerfile compiler parity with upstream on our golden set (../shared/tools/check-compile.mjs)"
  node "$shared/tools/check-compile.mjs" "$shared/golden/cases.json" --cli "node bin/llbx.cjs" | tee .tmp/check-compile.txt | tail -n 3
  line=$(tail -n 1 .tmp/check-compile.txt)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p'); f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  record check-compile "${p:-0}" "${f:-1}"; [ "${f:-1}" = 0 ] || status=1
else
  echo "(../shared not found: the golden parity checks need the reference material beside the project)"
fi

step "summary"
# Skipped tests are listed apart: they are not passes.
awk '{ printf "  %-14s %5d passed, %d failed%s\n", $1, $2, $3, ($4 > 0 ? sprintf(", %d skipped", $4) : ""); p += $2; f += $3; k += $4 } END { printf "\n%d passed, %d failed%s\n", p, f, (k > 0 ? sprintf(" (%d skipped)", k) : "") }' "$results"
exit $status
