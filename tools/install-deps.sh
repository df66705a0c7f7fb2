#!/usr/bin/env bash
# Installs the OS packages the tests need, skipping whatever is already present, so it is safe to run every time
# (build.ps1 -Task Test does). Without apt-get it only says what is missing and exits 0.
# To add a need, add one line: the command that must exist, then the Debian or npm package that provides it.
set -uo pipefail

apt_needs=(
    "tmux tmux"          # console tests answer -Confirm prompts on a pseudo-terminal
    "promtool prometheus" # metrics tests: promtool check metrics, and a real Prometheus server scraping a run
    "chromium chromium"   # dashboard and report tests: headless screenshots and the browser's network log
    "prometheus-node-exporter prometheus-node-exporter" # two runs' metrics files in one textfile collector folder
    "wine wine"           # the Windows lane: Windows PowerShell and the Windows-only tests under Wine (wine64)
)
npm_needs=(
    "action-validator @action-validator/cli@0.6.0"   # WorkflowTests validate .github/workflows/*.yml
)

missing_apt=()
missing_npm=()
for need in ${apt_needs[@]+"${apt_needs[@]}"}; do
    read -r command package <<<"$need"
    command -v "$command" >/dev/null 2>&1 || missing_apt+=("$package")
done
for need in ${npm_needs[@]+"${npm_needs[@]}"}; do
    read -r command package <<<"$need"
    command -v "$command" >/dev/null 2>&1 || missing_npm+=("$package")
done
if [ ${#missing_npm[@]} -gt 0 ] && ! command -v npm >/dev/null 2>&1; then
    missing_apt+=(npm)
fi

if [ ${#missing_apt[@]} -eq 0 ] && [ ${#missing_npm[@]} -eq 0 ]; then
    echo "install-deps: everything the tests need is present"
    exit 0
fi

if [ ${#missing_apt[@]} -gt 0 ] && ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: no apt-get on this machine; install these yourself: ${missing_apt[*]} ${missing_npm[*]}"
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
    else
        echo "install-deps: not root and no password-less sudo; install these yourself: ${missing_apt[*]} ${missing_npm[*]}"
        exit 0
    fi
fi

if [ ${#missing_apt[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing_apt[*]}"
    ${as_root[@]+"${as_root[@]}"} apt-get update -qq || exit 1
    ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" || exit 1
fi

if [ ${#missing_npm[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing_npm[*]} with npm"
    ${as_root[@]+"${as_root[@]}"} npm install --global --no-fund --no-audit "${missing_npm[@]}" || exit 1
fi
