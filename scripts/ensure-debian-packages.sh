#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when they are missing:
#   prometheus — provides promtool (the oracle for rule-file checks) and the live-test server;
#   chromium   — headless browser for the query-preview rendering tests (playwright-core).
# Idempotent and quiet when everything is already there.
set -euo pipefail
declare -A needed=([promtool]=prometheus [prometheus]=prometheus [chromium]=chromium)
missing=()
for command in "${!needed[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${needed[$command]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "error: the tests need the Debian packages: $packages (run as root, or install them first)" >&2
    exit 1
  fi
fi
echo "installing Debian packages: $packages"
${sudo:-} apt-get update -qq
DEBIAN_FRONTEND=noninteractive ${sudo:-} apt-get install -y -qq --no-install-recommends $packages >/dev/null
