#!/usr/bin/env bash
# Prepares the offline editor-test environment (test/e2e/*.test.ts), idempotently:
#   - Debian packages: chromium (the browser Playwright drives), neovim (a second LSP client),
#     ripgrep (VS Code's search), and what node-gyp needs to build native modules.
#   - code-server (a real VS Code 1.100 workbench served to a browser), installed from the npm
#     registry with install scripts off: they would download from GitHub, which CI cannot reach.
#     Its native modules are built from source against the headers shipped with Node.
#   - playwright-core (no browser download; we point it at Debian's chromium).
# Everything lands in a cache folder OUTSIDE the clone (about 500 MB), reused between runs:
#   ${ALERTSMITH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alertsmith-e2e}
# Cold: a few minutes. Warm: well under a second. Safe to run concurrently (flock).
# Usage: bash test/e2e/setup.sh [--check]    (--check: exit 0 if ready, 1 if not; installs nothing)
set -euo pipefail

CACHE="${ALERTSMITH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/alertsmith-e2e}"
CS_VERSION=4.100.3 # VS Code 1.100.3; the last code-server whose npm package targets Node 20
PW_VERSION=1.65.1
CS_DIR="$CACHE/code-server-$CS_VERSION"
TOOLS_DIR="$CACHE/tools"
CS_READY="$CS_DIR/.ready"
TOOLS_READY="$TOOLS_DIR/.ready-playwright-core-$PW_VERSION"
DEBIAN_PACKAGES=(chromium neovim ripgrep libkrb5-dev python3 make g++)

t0=$SECONDS
say() { echo "[e2e-setup +$((SECONDS - t0))s] $*"; }

missing_packages() {
  local p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
}

if [ "${1:-}" = --check ]; then
  [ -f "$CS_READY" ] && [ -f "$TOOLS_READY" ] && [ -z "$(missing_packages)" ] && exit 0
  exit 1
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9 # a second concurrent run waits here, then finds everything done

# ---- 1. Debian packages ------------------------------------------------------------------------
mapfile -t need < <(missing_packages)
if ((${#need[@]})); then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${need[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  say "apt-get install ${need[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ---- 2. Node facts -----------------------------------------------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || echo "warning: code-server $CS_VERSION is built for Node 20, this is Node $node_major" >&2
# node-gyp would download Node's headers from nodejs.org; use the ones installed with node instead.
NODEDIR="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
[ -f "$NODEDIR/include/node/node.h" ] || { echo "error: no Node headers under $NODEDIR/include/node" >&2; exit 1; }
export npm_config_nodedir="$NODEDIR"
NODE_GYP="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || { echo "error: npm's bundled node-gyp not found at $NODE_GYP" >&2; exit 1; }
npm_flags=(--no-audit --no-fund --loglevel=error --ignore-scripts)

# ---- 3. code-server ----------------------------------------------------------------------------
if [ ! -f "$CS_READY" ]; then
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"alertsmith-e2e-code-server","private":true}' >"$CS_DIR/package.json"
  installed="$(node -p "try { require('$CS_DIR/node_modules/code-server/package.json').version } catch { '' }")"
  if [ "$installed" != "$CS_VERSION" ]; then
    say "npm install code-server@$CS_VERSION"
    (cd "$CS_DIR" && npm install --save-exact "${npm_flags[@]}" "code-server@$CS_VERSION")
  fi
  CSP="$CS_DIR/node_modules/code-server"
  VS="$CSP/lib/vscode"

  # argon2 is loaded at start-up even with --auth none; its prebuilt binary comes from GitHub.
  if ! ls "$CS_DIR"/node_modules/argon2/lib/binding/*/argon2.node >/dev/null 2>&1; then
    say "build argon2 from source"
    (cd "$CS_DIR" && npm_config_build_from_source=true npm rebuild argon2 --no-audit --no-fund --loglevel=error)
  fi
  # What code-server's own postinstall would do, minus the downloads.
  if [ ! -d "$VS/node_modules/@vscode/spdlog" ]; then
    say "npm install VS Code server dependencies"
    (cd "$VS" && npm install --omit=dev "${npm_flags[@]}")
  fi
  for module in @vscode/spdlog native-watchdog node-pty @vscode/deviceid kerberos; do
    dir="$VS/node_modules/$module"
    if ! ls "$dir"/build/Release/*.node >/dev/null 2>&1; then
      say "node-gyp rebuild $module"
      (cd "$dir" && node "$NODE_GYP" rebuild --nodedir="$NODEDIR" >"$dir/.gyp.log" 2>&1) || { cat "$dir/.gyp.log"; exit 1; }
    fi
  done
  mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
  cp -f "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$VS/node_modules.asar"
  ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"
  if [ ! -d "$VS/extensions/node_modules/typescript" ]; then
    say "npm install built-in extension dependencies"
    (cd "$VS/extensions" && npm install --omit=dev "${npm_flags[@]}")
  fi
  node -e "require('$CSP/out/node/util.js')" >/dev/null # the server's modules load
  touch "$CS_READY"
fi

# ---- 4. playwright-core ------------------------------------------------------------------------
if [ ! -f "$TOOLS_READY" ]; then
  mkdir -p "$TOOLS_DIR"
  [ -f "$TOOLS_DIR/package.json" ] || echo '{"name":"alertsmith-e2e-tools","private":true}' >"$TOOLS_DIR/package.json"
  say "npm install playwright-core@$PW_VERSION"
  (cd "$TOOLS_DIR" && npm install --save-exact "${npm_flags[@]}" "playwright-core@$PW_VERSION")
  touch "$TOOLS_READY"
fi

say "ready in $CACHE"
