<#
.SYNOPSIS
    The Windows lane: the Pester suite and the Windows-only xUnit tests, run as Windows programs under Wine.
.DESCRIPTION
    Publishes a Windows pwsh (tests/SoakPS.WindowsPwsh: the pinned PowerShell SDK as a self-contained win-x64 pwsh.exe)
    and the engine tests as a self-contained win-x64 program (with the soak child and the test bot beside it), then
    runs under Wine, in a throwaway prefix under out/windows: tests/pester against the built module, and the xUnit
    tests marked [Trait("Lane", "Windows")]. Results go to TestResults/windows-*.xml (NUnit 3), where .ci/run counts
    them; the lane ends with its own "N passed, N failed, N skipped".
    Where Wine is missing (not Linux, or tools/install-deps.sh could not install it) the lane says so and writes one
    skipped test, so it is never silently green. The module must be built (out/SoakPS) and Pester restored.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task TestWindows
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SoakPS/SoakPS.psd1'),
    [string] $ResultsPath = (Join-Path $PSScriptRoot '../TestResults'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Each Wine program is ended after this long: a hang under Wine fails the lane instead of the whole CI run.
    [int] $TimeoutMinutes = 12
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$windows = Join-Path $repo 'out/windows'
$null = New-Item -ItemType Directory -Force -Path $ResultsPath

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

# NUnit 3 counts of a result file, as .ci/run reads them.
function Get-ResultCount([string] $Path) {
    $run = ([xml][System.IO.File]::ReadAllText($Path)).'test-run'
    [pscustomobject]@{ Passed = [int]$run.passed; Failed = [int]$run.failed; Skipped = [int]$run.skipped + [int]$run.inconclusive }
}

function Write-SkippedLane([string] $Reason) {
    Write-Warning "Windows lane skipped: $Reason"
    $reasonXml = [System.Security.SecurityElement]::Escape($Reason)
    [System.IO.File]::WriteAllText((Join-Path $ResultsPath 'windows-lane.xml'), @"
<?xml version="1.0" encoding="utf-8"?>
<test-run testcasecount="1" total="1" passed="0" failed="0" skipped="1" inconclusive="0" result="Skipped">
  <test-suite type="Assembly" name="Windows lane under Wine">
    <test-case name="Windows lane" fullname="Windows lane" result="Skipped"><reason><message>$reasonXml</message></reason></test-case>
  </test-suite>
</test-run>
"@)
    '0 passed, 0 failed, 1 skipped'
}

# Runs a Windows program under Wine on a pseudo-terminal (ConsoleHost needs a console; CI has no TTY and no stdin).
# Its output, escape sequences and all, goes to a log; the caller reads the results from the result file.
function Invoke-Wine([string] $Name, [string[]] $CommandLine) {
    $log = Join-Path $windows "$Name.log"
    $quoted = ($CommandLine | ForEach-Object { "'" + $_.Replace("'", "'\''") + "'" }) -join ' '
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    # A wide console, so the log keeps one line a test.
    & bash -c 'timeout --kill-after=30 "$1" script -qec "$2" /dev/null </dev/null >"$3" 2>&1' bash ($TimeoutMinutes * 60) "stty cols 250; wine $quoted" $log
    $code = $LASTEXITCODE
    Write-Host ("{0}: exit code {1} after {2:0} s (log: {3})" -f $Name, $code, $clock.Elapsed.TotalSeconds, $log)
    if ($code -eq 124 -or $code -eq 137) { Write-Warning "$Name did not finish within $TimeoutMinutes minutes." }
    # The failures, without the console's escape sequences, so CI's log shows them.
    Get-Content -LiteralPath $log | ForEach-Object { $_ -replace '\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\a]*\a', '' } |
        Select-String -Pattern '^\s*\[-\]|^unhandled exception|^Pester: ' -Context 0, 8 | Out-Host
}

if (-not $IsLinux) {
    Write-SkippedLane 'the lane runs Windows programs under Wine on Linux; on Windows itself the ci.yml windows-latest job runs these tests natively.'
    return
}
if (-not (Get-Command wine -CommandType Application -ErrorAction Ignore)) {
    Write-SkippedLane 'Wine is not installed and tools/install-deps.sh could not install it (it needs root or password-less sudo, and apt-get).'
    return
}

$pwshVersion = (Get-Content -Raw (Join-Path $repo '.config/dotnet-tools.json') | ConvertFrom-Json).tools.powershell.version
$pester = & dotnet msbuild (Join-Path $repo 'tests/pester/PesterRestore.csproj') -getProperty:PesterModulePath
if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $pester)) { throw "Pester is not restored ($pester): run 'dotnet restore SoakPS.sln' first." }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "The module is not built at ${ModulePath}: run 'dotnet pwsh ./build.ps1 -Task Build' first." }

# One win-x64 restore and publish for the host; the engine tests, the soak child and the test bot share one folder,
# so the tests start the child and the bot as .exe programs (there is no dotnet under Wine).
Invoke-Dotnet publish (Join-Path $repo 'tests/SoakPS.WindowsPwsh') -c $Configuration "-p:PwshVersion=$pwshVersion" -o (Join-Path $windows 'pwsh') --nologo -v quiet
$engineTests = Join-Path $windows 'engine-tests'
foreach ($project in 'tests/SoakPS.SoakChild', 'tests/bots/SoakPS.TestBot', 'tests/SoakPS.Engine.Tests') {
    Invoke-Dotnet publish (Join-Path $repo $project) -c $Configuration -r win-x64 --self-contained '-p:UseAppHost=true' -o $engineTests --nologo -v quiet
}

# A new prefix each time: nothing of an earlier run (registry, temp files) leaks into this one.
$env:WINEPREFIX = Join-Path $windows 'wineprefix'
$env:WINEDEBUG = '-all'
# .NET under Wine 8 crashes in DynamicResolver finalizers with W^X on; winedbg would wait on a crash instead of ending it.
$env:DOTNET_EnableWriteXorExecute = '0'
$env:WINEDLLOVERRIDES = 'winedbg.exe=d'
$env:NO_COLOR = '1'
if (Test-Path $env:WINEPREFIX) { Remove-Item -Recurse -Force $env:WINEPREFIX }
$null = New-Item -ItemType Directory -Path $env:WINEPREFIX
# Wine's own services start here, away from the pseudo-terminal: started by a test program they would keep it open
# after the program ended, and `script` would wait for them. A persistent wineserver keeps them until the end.
& bash -c 'wineserver --persistent && wineboot --init </dev/null >/dev/null 2>&1'

$pesterResult = Join-Path $ResultsPath 'windows-pester.xml'
$engineResult = Join-Path $ResultsPath 'windows-engine-tests.xml'
try {
    Invoke-Wine 'pester' @((Join-Path $windows 'pwsh/pwsh.exe'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $repo 'build/Test-Module.ps1'),
        '-ModulePath', (Resolve-Path $ModulePath).Path, '-ResultPath', $pesterResult, '-PesterPath', $pester)
    Invoke-Wine 'engine-tests' @((Join-Path $engineTests 'SoakPS.Engine.Tests.exe'), '--result', $engineResult)
}
finally {
    & wineserver --kill 2>$null
}

$counts = foreach ($result in $pesterResult, $engineResult) {
    if (Test-Path -LiteralPath $result) { Get-ResultCount $result }
    else {
        Write-Warning "No result file at ${result}: the program under Wine ended before writing it."
        [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
}
$passed = ($counts | Measure-Object Passed -Sum).Sum
$failed = ($counts | Measure-Object Failed -Sum).Sum
$skipped = ($counts | Measure-Object Skipped -Sum).Sum
"$passed passed, $failed failed, $skipped skipped"
if ($failed -gt 0 -or $passed -eq 0) { throw "The Windows lane under Wine failed: $failed failed, $passed passed." }
