#!/usr/bin/env bash
# The test command: builds the solution (which assembles out/SoakPS) and runs every test project, one TRX file each.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf TestResults
exec dotnet test SoakPS.sln -c Release --logger trx --results-directory TestResults "$@"
