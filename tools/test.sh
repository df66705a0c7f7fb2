#!/usr/bin/env bash
# The README's test command from bash: the pinned pwsh runs build.ps1 -Task Test (xUnit, then Pester).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
exec dotnet pwsh -NoProfile -NonInteractive ./build.ps1 -Task Test "$@"
