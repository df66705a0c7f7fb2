# Renders the default table view of every SoakPS output type at the console widths users have, in real pwsh.
# Objects come from the cmdlets themselves (two mock runs, profiles, state, undo, rotation, legacy migration), so
# the views are judged on what users see. Writes JSON to -ResultPath: one entry per type and width.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ArtifactPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int[]] $Width = @(80, 120)
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $ModulePath -ErrorAction Stop

$root = $ArtifactPath
$null = New-Item -ItemType Directory -Force -Path $root
# Files of the older tool, so -MigrateLegacy has something to move.
'{"min_interval_ms": 80}' | Set-Content -LiteralPath (Join-Path $root 'steady_safe_overrides.json')
'{"profile": "steady_safe"}' | Set-Content -LiteralPath (Join-Path $root 'applied_profile.json')

$samples = @(
    $null = Start-SoakRun -Mock -Iterations 12 -AutoTune -ArtifactPath $root
    $null = Start-SoakRun -Mock -Iterations 4 -Seed 7 -AutoTune -ArtifactPath $root
    Get-SoakIteration -AllRuns -ArtifactPath $root
    Get-SoakProfile -ArtifactPath $root
    Get-SoakProfile steady_safe -Resolved -Set @{ min_interval_ms = 80 } -ArtifactPath $root
    Get-SoakTuningState -ArtifactPath $root
    Get-SoakTuningState -ByParameter -ArtifactPath $root
    Set-SoakProfile -Name aggressive -ArtifactPath $root -Confirm:$false
    Undo-SoakTuning -ToProfile steady_safe -ArtifactPath $root -WhatIf
    Undo-SoakTuning -ToProfile ultra_safe -ArtifactPath $root -Confirm:$false
    Set-SoakProfile -MigrateLegacy -PassThru -ArtifactPath $root -Confirm:$false
    # Cmdlets of later releases, where this module has them.
    if (Get-Command Export-SoakReport -Module SoakPS -ErrorAction Ignore) {
        Export-SoakReport -Path (Join-Path $root 'report.html') -ArtifactPath $root
    }
    if (Get-Command Invoke-SoakStudy -Module SoakPS -ErrorAction Ignore) {
        Invoke-SoakStudy -Seeds 2 -Iterations 4 -Profile steady_safe -ArtifactPath (Join-Path $root 'study')
    }
    if (Get-Command Find-SoakPreset -Module SoakPS -ErrorAction Ignore) {
        Find-SoakPreset -Seeds 1 -Iterations 4 -IterationMinutes 5 -ArtifactPath $root
    }
    Invoke-SoakRotation -ArtifactPath $root -KeepSummaries 2 -CompressAfterDays 0 -WhatIf
    Invoke-SoakRotation -ArtifactPath $root -KeepSummaries 2 -CompressAfterDays 0 -Detailed -Confirm:$false
)

# By the first type name: a -WhatIf rotation result has a view of its own (its counts are a projection).
$renderings = foreach ($group in $samples | Group-Object { $_.PSObject.TypeNames[0] }) {
    foreach ($columns in $Width) {
        [pscustomobject]@{
            Type  = $group.Name
            Count = $group.Count
            Width = $columns
            Text  = $group.Group | Format-Table | Out-String -Width $columns
        }
    }
}
ConvertTo-Json -InputObject @($renderings) -Depth 3 | Set-Content -LiteralPath $ResultPath -Encoding utf8
