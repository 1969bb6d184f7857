#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) into
# .vscode-test/code-server, plus the Debian packages the end-to-end tests need (chromium for
# Playwright, ripgrep for VS Code's search, libkrb5-dev to build the kerberos module).
#
# Why by hand: code-server's postinstall downloads ripgrep and native binaries from the internet,
# which is unreachable here. So install scripts are off, Debian's rg stands in for
# @vscode/ripgrep, and the native modules are rebuilt from source.
#
# Idempotent: returns at once when the right version is already installed.
# Usage: scripts/install-code-server.sh        (prints the path of the code-server binary last)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
install_dir="${CODE_SERVER_DIR:-$repo_root/.vscode-test/code-server}"
package_dir="$install_dir/node_modules/code-server"
marker="$install_dir/.installed-version"
code_server_bin="$package_dir/out/node/entry.js"

log() { echo "[install-code-server] $*" >&2; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  # node-gyp needs a compiler, make and python for the native modules.
  { command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1; } || missing+=(build-essential)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      log "missing Debian packages: ${missing[*]} - install them as root (apt-get install -y ${missing[*]})"
      exit 1
    fi
  fi
  log "step 1/5: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

already_installed() {
  [ -f "$marker" ] && [ "$(cat "$marker")" = "$CODE_SERVER_VERSION" ] && [ -f "$code_server_bin" ]
}

install_debian_packages

if already_installed; then
  log "code-server $CODE_SERVER_VERSION already installed in $install_dir"
  echo "$code_server_bin"
  exit 0
fi

started=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION into $install_dir"
rm -rf "$install_dir"
mkdir -p "$install_dir"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false
npm_quiet=(--no-audit --no-fund --loglevel=error)

cd "$install_dir"
npm init -y >/dev/null
log "step 2/5: code-server $CODE_SERVER_VERSION from npm"
npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts "${npm_quiet[@]}"

# VS Code's own server dependencies, native parts built against this Node.
log "step 3/5: VS Code's server dependencies, native modules built from source (the longest step)"
cd "$package_dir/lib/vscode"
npm install --omit=dev --ignore-scripts "${npm_quiet[@]}"
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild --foreground-scripts "${npm_quiet[@]}" >"$install_dir/rebuild-vscode.log" 2>&1 \
  || { tail -40 "$install_dir/rebuild-vscode.log" >&2; exit 1; }
ln -sfn node_modules node_modules.asar
(cd bin && ln -sfn code-linux.sh remote-cli/code-server && ln -sfn browser-linux.sh helpers/browser.sh)
log "step 4/5: VS Code's built-in extensions"
(cd extensions && npm install --omit=dev "${npm_quiet[@]}")

# code-server's own dependencies. Not a plain `npm rebuild` here: code-server's postinstall would
# try the ripgrep download again; only argon2 needs building.
cd "$package_dir"
log "step 5/5: code-server's own dependencies"
npm install --omit=dev --ignore-scripts "${npm_quiet[@]}"
npm rebuild argon2 --foreground-scripts "${npm_quiet[@]}" >"$install_dir/rebuild-argon2.log" 2>&1 \
  || { tail -40 "$install_dir/rebuild-argon2.log" >&2; exit 1; }

node "$code_server_bin" --version >/dev/null
echo "$CODE_SERVER_VERSION" >"$marker"
log "installed in $(( $(date +%s) - started ))s"
echo "$code_server_bin"
