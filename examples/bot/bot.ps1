#Requires -Version 7.4
<#
.SYNOPSIS
    A small market-making bot stand-in that speaks SoakPS's bot contract (README: Driving a real bot).
.DESCRIPTION
    Per-iteration mode (Start-SoakRun -Command): reads the parameters from $env:MM_RUNTIME_OVERRIDES_JSON, "trades"
    for -Seconds, writes its edge report to $env:SOAK_EDGE_REPORT_PATH and exits 0.
    Long-running mode (-ReportPath <file> -WindowSeconds n): reloads runtime_overrides.json every window and rewrites
    <file> with that window's report, until stopped. Replace the made-up trading below with your bot's own loop.
.NOTES
    The report's fields, units and the variants SoakPS accepts: docs/edge-report.md. How SoakPS judges them (KPI
    thresholds, verdicts) and which rules turn them into parameter changes: docs/kpi-policy.md.
#>
[CmdletBinding()]
param(
    [double] $Seconds = 0,
    [string] $ReportPath,
    [double] $WindowSeconds = 300,
    [string] $OverridesPath = $env:SOAK_RUNTIME_OVERRIDES_PATH
)
$ErrorActionPreference = 'Stop'

function Get-EdgeReport([hashtable] $Parameters) {
    # A toy outcome that responds to the parameters: a wider spread and a longer min interval lower risk and edge.
    $spread = [double] $Parameters['base_spread_bps_delta']
    $interval = [double] $Parameters['min_interval_ms']
    $risk = [math]::Round([math]::Max(0.05, 0.9 - 2.0 * $spread - 0.004 * $interval), 4)
    $net = [math]::Round(1.5 + 10.0 * $spread - 2.0 * $risk, 4)
    [ordered]@{
        totals = [ordered]@{
            net_bps           = $net
            risk_ratio        = $risk
            adverse_bps_p95   = [math]::Round(2.0 + 3.0 * $risk, 4)
            slippage_bps_p95  = 1.2
            cancel_ratio      = 0.3
            p95_latency_ms    = 210
            maker_taker_ratio = 1.4
        }
    }
}

function Write-Atomically([string] $Path, [string] $Text) {
    # Write then rename, so SoakPS never reads a half-written report.
    $temp = "$Path.$PID.tmp"
    [System.IO.File]::WriteAllText($temp, $Text)
    [System.IO.File]::Move($temp, $Path, $true)
}

if ($ReportPath) {
    while ($true) {
        Start-Sleep -Seconds $WindowSeconds
        $parameters = Get-Content -Raw -LiteralPath $OverridesPath | ConvertFrom-Json -AsHashtable
        Write-Atomically $ReportPath (Get-EdgeReport $parameters | ConvertTo-Json -Depth 4)
    }
}

if (-not $env:SOAK_EDGE_REPORT_PATH) { throw 'SOAK_EDGE_REPORT_PATH is not set: run me through Start-SoakRun -Command.' }
$parameters = $env:MM_RUNTIME_OVERRIDES_JSON | ConvertFrom-Json -AsHashtable
Write-Host "iteration $env:SOAK_ITERATION of run $env:SOAK_RUN_ID with min_interval_ms=$($parameters['min_interval_ms'])"
if ($Seconds -gt 0) { Start-Sleep -Seconds $Seconds }
Write-Atomically $env:SOAK_EDGE_REPORT_PATH (Get-EdgeReport $parameters | ConvertTo-Json -Depth 4)
