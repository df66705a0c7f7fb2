#!/usr/bin/env bash
# Debian packages the test suite runs for real: promtool and a Prometheus server (metrics tests), headless Chromium (dashboard tests).
set -euo pipefail
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
sudo_if_needed apt-get update
sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus chromium
