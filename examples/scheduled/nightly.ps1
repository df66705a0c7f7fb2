# A nightly soak for Task Scheduler or cron: pwsh -NoProfile -NonInteractive -File nightly.ps1
# Exits 1 when the KPI gate fails (or anything else stops the run), 0 otherwise; the artifact folder is rotated either way.
param(
    [string] $ArtifactPath = 'D:\soak\artifacts',
    [string] $Module = 'SoakPS'
)

# In a script file a terminating error ends only its own statement and the script would exit 0;
# 'Stop' makes it end the script, and an error that ends a -File script sets exit code 1.
$ErrorActionPreference = 'Stop'
Import-Module $Module

try {
    Start-SoakRun -Mock -Iterations 96 -AutoTune -FailOnKpi -ArtifactPath $ArtifactPath
}
finally {
    Invoke-SoakRotation -ArtifactPath $ArtifactPath
}
