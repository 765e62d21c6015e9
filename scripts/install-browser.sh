#!/usr/bin/env bash
# Install Debian's chromium for the dashboard's browser tests (tests/web/test_browser.py).
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (CI runs as root).
# Always exits 0: without a browser the browser tests skip with a loud message instead.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-browser: /usr/bin/chromium is missing and this is not root; the browser tests will skip" >&2
  exit 0
fi
echo "install-browser: installing Debian's chromium (apt-get, quiet)..." >&2
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null 2>&1 \
  && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; then
  echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')" >&2
else
  echo "install-browser: could not install chromium; the browser tests will skip" >&2
fi
exit 0
