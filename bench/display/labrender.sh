#!/usr/bin/env bash
# labrender.sh times JupyterLab 4 (the PyPI test environment, .ci/venv) opening the
# executed notebooks of two runs and rendering every output: labrender.mjs does the
# timing. No kernel is started (the notebooks are opened with none), so only rendering
# is measured.
#
# usage: [AFTER_FIRST=1] bench/display/labrender.sh BEFORE_DIR AFTER_DIR [RUNS]
#   e.g. sluice run -o /tmp/before notebooks/0*.ipynb (with the old binary), the same
#   into /tmp/after with the new one, then bench/display/labrender.sh /tmp/before /tmp/after 5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${SLUICE_VENV:-$root/.venv}"
runs="${3:-3}"
work="$(mktemp -d)"
trap 'kill "$lab" 2>/dev/null || true; wait "$lab" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/nb/before" "$work/nb/after" "$work/settings/@jupyterlab/notebook-extension" "$work/settings/@jupyterlab/apputils-extension"
cp "$1"/*.ipynb "$work/nb/before/"
cp "$2"/*.ipynb "$work/nb/after/"
# Render every cell (JupyterLab 4 otherwise renders only those in view) and stay offline.
echo '{"windowingMode": "none"}' >"$work/settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
echo '{"fetchNews": "false", "checkForUpdates": false}' >"$work/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
export HOME="$work/home" JUPYTER_CONFIG_DIR="$work/jconfig" JUPYTER_DATA_DIR="$work/jdata" JUPYTER_RUNTIME_DIR="$work/jrt" \
  JUPYTERLAB_SETTINGS_DIR="$work/settings" JUPYTERLAB_WORKSPACES_DIR="$work/ws"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="bench$RANDOM$RANDOM"
root_flag=(); [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
"$venv/bin/jupyter-lab" --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
  --IdentityProvider.token="$token" --ServerApp.root_dir="$work/nb" --LabApp.expose_app_in_browser=True \
  "${root_flag[@]}" >"$work/lab.log" 2>&1 &
lab=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/status?token=$token" >/dev/null && break
  sleep 0.3
done
uptime
cd "$here"
# AFTER_FIRST=1 opens the second run's notebooks first (the page loads the Vega
# renderer on the first chart it draws, so order matters a little).
order=(before after); [ "${AFTER_FIRST:-}" = 1 ] && order=(after before)
nbs=()
for d in "${order[@]}"; do
  for f in "$work/nb/$d"/*.ipynb; do nbs+=("$d/$(basename "$f")"); done
done
node labrender.mjs "http://127.0.0.1:$port" "$token" "$runs" "${nbs[@]}"
uptime
