#!/usr/bin/env bash
# The README's test command: brings what the tests need, builds the app, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium. Install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

[ -d node_modules ] || npm install

npx tsc
# esbuild 0.17 can print a stray goroutine message after a good build: judge by the exit code
npm run -s build >/dev/null 2>tests/.build-log || { cat tests/.build-log >&2; exit 1; }

mkdir -p tests/.tmp
report=tests/.vitest-report.json
set +e
npx vitest run --config tests/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$report" "$@"
status=$?
set -e
if [ -f "$report" ]; then
  # one closing line that CI can count: "tests: N passed, N failed"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  ' "$report"
fi
exit $status
