# A new pwsh imports SoakPS by name (as every help example writes it) and runs each exported cmdlet once.
# Writes one JSON document to -ResultPath: where the module came from and, per cmdlet, what it wrote.
param(
    [Parameter(Mandatory)] [string] $ArtifactPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

Import-Module SoakPS -ErrorAction Stop
$module = Get-Module SoakPS

# One harmless call per cmdlet, in an order where later calls have a run to look at. A cmdlet exported without
# an entry here is reported as missing, so the test names it.
$calls = [ordered]@{
    'Start-SoakRun'       = { Start-SoakRun -Mock -Iterations 3 -AutoTune -ArtifactPath $ArtifactPath }
    'Get-SoakIteration'   = { Get-SoakIteration -ArtifactPath $ArtifactPath }
    'Get-SoakProfile'     = { Get-SoakProfile -ArtifactPath $ArtifactPath }
    'Set-SoakProfile'     = { Set-SoakProfile -Name aggressive -ArtifactPath $ArtifactPath -PassThru -Confirm:$false }
    'Get-SoakTuningState' = { Get-SoakTuningState -ArtifactPath $ArtifactPath }
    'Undo-SoakTuning'     = { Undo-SoakTuning -ToProfile steady_safe -ArtifactPath $ArtifactPath -Confirm:$false }
    'Invoke-SoakRotation' = { Invoke-SoakRotation -ArtifactPath $ArtifactPath -WhatIf }
    'Export-SoakReport'   = { Export-SoakReport -Path (Join-Path $ArtifactPath 'report.html') -ArtifactPath $ArtifactPath }
    'Invoke-SoakStudy'    = { Invoke-SoakStudy -Seeds 1 -Iterations 4 -Profile steady_safe -ArtifactPath (Join-Path $ArtifactPath 'study') }
    'Find-SoakPreset'     = { Find-SoakPreset -Seeds 1 -Iterations 3 -IterationMinutes 5 -ArtifactPath $ArtifactPath }
}

$exported = @($module.ExportedCommands.Keys | Sort-Object)
$results = foreach ($name in $calls.Keys) {
    if ($name -notin $exported) { continue }
    try {
        $written = @(& $calls[$name] 2>&1)
    }
    catch {
        $written = @($_)
    }
    $errors = @($written | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    $output = @($written | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
    [pscustomobject]@{
        Name   = $name
        Count  = $output.Count
        Types  = @($output | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique)
        Errors = @($errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
    }
}

[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version    = "$($module.Version)"
    Exported   = $exported
    Missing    = @($exported | Where-Object { $_ -notin $calls.Keys })
    Results    = @($results)
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $ResultPath
