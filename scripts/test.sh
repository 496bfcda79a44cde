#!/usr/bin/env bash
# The project's test command (`npm test`, and what CI runs): installs what the tests need,
# typechecks, runs every test against the real engine, ping and processes, and ends with
# one plain summary line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
npx tsc -p tsconfig.json && npx tsc -p tsconfig.browser.json
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
node -e '
  const r = require("./test-results/vitest.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file whose set-up (beforeAll) fails reports its tests as skipped, not failed: say so.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed")).length;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") +
    (brokenFiles ? `; ${brokenFiles} test file(s) failed outside a test (set-up or teardown), see above` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit "$status"
