#!/usr/bin/env bash
# The full test suite: what `npm test` runs and what CI runs (.ci/run).
# Installs the Debian packages it needs, type-checks, bundles, sets up the editor-test
# environment, packages the .vsix the editor tests install, then runs every node:test suite
# in one runner invocation so there is one summary at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-debian-packages.sh
echo "== type-check"
npx tsc -p tsconfig.json --noEmit
npx tsc -p client/webview --noEmit
echo "== lint (keeps server/src/service pure)"
npx eslint server client test bench scripts
npx prettier --check server client test bench scripts
echo "== bundle"
node esbuild.mjs
echo "== editor-test environment (code-server, chromium, neovim; cached outside the clone) and the .vsix"
bash test/e2e/setup.sh
npm run --silent package >/dev/null
echo "== tests"
ALERTSMITH_E2E=require node scripts/run-tests.mjs test/unit test/server test/live test/webview test/e2e
