#!/usr/bin/env bash
# Editor tests on their own: what `npm run test:e2e` runs.
#   1. prepares the offline environment (code-server, chromium, neovim, playwright-core) in a
#      cache outside the clone — minutes the first time, under a second after;
#   2. packages the extension (alertsmith.vsix) exactly as users get it;
#   3. runs test/e2e with ALERTSMITH_E2E=require, so a missing piece fails instead of skipping.
# Screenshots: test-results/e2e/. ALERTSMITH_E2E_DOCS_IMAGES=1 refreshes docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/e2e/setup.sh
npm run --silent package >/dev/null
ALERTSMITH_E2E=require node scripts/run-tests.mjs test/e2e
