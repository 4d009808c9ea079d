#!/usr/bin/env bash
# Prints the Chromium/Chrome to drive in browser tests, installing Debian's chromium when possible.
# CHROMIUM_PATH (env) wins when it is set.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2; exit 1; }
  echo "$CHROMIUM_PATH"; exit 0
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  [ -x "$candidate" ] && { echo "$candidate"; exit 0; }
done
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Chromium with apt-get (needed by the browser tests)…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; exit 0; }
fi
cat >&2 <<'MSG'
No Chromium or Chrome was found, and it could not be installed here.
Install one (Debian/Ubuntu: sudo apt-get install -y chromium; macOS: install Google Chrome),
or point the tests at yours:  CHROMIUM_PATH=/path/to/chrome make test
MSG
exit 1
