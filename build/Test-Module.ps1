<#
.SYNOPSIS
    Runs tests/pester with the pinned Pester against an already built module, without building anything.
.DESCRIPTION
    CI builds out/SoakPS once and tests that same folder on Windows, Linux and macOS with this script. The pinned
    Pester comes from tests/pester/PesterRestore.csproj (restore it first); NuGet decides where its packages folder is.
    Exits non-zero when a test failed or none passed.
.EXAMPLE
    dotnet restore tests/pester/PesterRestore.csproj; dotnet pwsh ./build/Test-Module.ps1 -ModulePath out/SoakPS/SoakPS.psd1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SoakPS/SoakPS.psd1'),
    [string] $ResultPath = (Join-Path $PSScriptRoot '../TestResults/pester.xml'),
    # Given by a caller that has no dotnet to ask, such as PowerShell under Wine.
    [string] $PesterPath
)
$ErrorActionPreference = 'Stop'

$pester = $PesterPath
if (-not $pester) {
    $pester = & dotnet msbuild (Join-Path $PSScriptRoot '../tests/pester/PesterRestore.csproj') -getProperty:PesterModulePath
    if ($LASTEXITCODE -ne 0) { $pester = $null }
}
if (-not $pester -or -not (Test-Path -LiteralPath $pester)) {
    throw "Pester is not restored ($pester): run 'dotnet restore SoakPS.sln' (or tests/pester/PesterRestore.csproj) first."
}
Import-Module $pester -Force
$env:SOAKPS_MODULE_PATH = (Resolve-Path -LiteralPath $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot '../tests/pester'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnit3'
$config.TestResult.OutputPath = $ResultPath
# The test files decide their own error handling.
$ErrorActionPreference = 'Continue'
$result = Invoke-Pester -Configuration $config
"Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped; $($result.FailedBlocksCount) blocks and $($result.FailedContainersCount) files failed"
if ($result.Result -ne 'Passed' -or $result.PassedCount -eq 0) { exit 1 }
