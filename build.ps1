<#
.SYNOPSIS
    The front door of the repository, run by the pinned pwsh: dotnet tool restore && dotnet pwsh ./build.ps1 -Task <Task>.
.DESCRIPTION
    Build    builds the module and assembles out/SoakPS.
    Test     installs the OS packages tests need (tools/install-deps.sh), runs every xUnit project (one TRX file each
             in TestResults/), then tests/pester with the pinned Pester against out/SoakPS (TestResults/pester.xml,
             NUnit 3), then the Windows lane (TestWindows), and fails if anything failed. Prints how long each part took.
    TestWindows  installs Wine where missing (tools/install-deps.sh), builds the module, and runs tests/pester and the
             Windows-only xUnit tests as Windows programs under Wine (build/Test-Windows.ps1); TestResults/windows-*.xml.
    Docs     rebuilds the MAML help from docs/en-US.
    Package  builds, then packs out/SoakPS into artifacts/package/SoakPS.<version>.nupkg (build/Package.ps1).
    Clean    removes build output, out/ and TestResults/.
    Soak     the README's first run: the 24 h simulated canary (96 windows of 15 minutes, auto-tuning) into
             ./artifacts/soak, ending with latest/CANARY_REPORT.md.
    Every step is a plain dotnet command that also works without this script.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'TestWindows', 'Docs', 'Package', 'Clean', 'Soak')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
# Logs (CI, a file) get plain text rather than escape sequences.
$plainText = [Console]::IsOutputRedirected
if ($plainText) { $PSStyle.OutputRendering = 'PlainText' }

$modulePath = Join-Path $PSScriptRoot 'out/SoakPS/SoakPS.psd1'
$resultsPath = Join-Path $PSScriptRoot 'TestResults'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

# Runs one part of a task, records how long it took and whether it failed, and goes on with the next part.
$script:parts = [System.Collections.Generic.List[object]]::new()
function Invoke-Part([string] $Name, [scriptblock] $Action) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $failure = $null
    try { & $Action } catch { $failure = $_; Write-Host "$Name failed: $_" -ForegroundColor Red }
    $script:parts.Add([pscustomobject]@{ Part = $Name; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1); Failed = [bool]$failure })
}

function Install-TestDependency {
    if ($IsWindows) { Write-Host 'tools/install-deps.sh is for Linux and macOS; console tests that need tmux are skipped on Windows.'; return }
    & bash (Join-Path $PSScriptRoot 'tools/install-deps.sh')
    # A package that cannot be installed fails the tests that need it, with their own message: go on.
    if ($LASTEXITCODE -ne 0) { Write-Warning "tools/install-deps.sh exited with $LASTEXITCODE; tests that need what is missing will fail." }
}

function Invoke-PesterTest {
    # The same script CI runs against the module it built once (.github/workflows/ci.yml).
    & (Join-Path $PSScriptRoot 'build/Test-Module.ps1') -ModulePath $modulePath -ResultPath (Join-Path $resultsPath 'pester.xml')
    if ($LASTEXITCODE -ne 0) { throw "Pester failed (build/Test-Module.ps1 exited with $LASTEXITCODE)." }
}

function Invoke-WindowsLane {
    & (Join-Path $PSScriptRoot 'build/Test-Windows.ps1') -ModulePath $modulePath -ResultsPath $resultsPath -Configuration $Configuration | Out-Host
}

switch ($Task) {
    'Build' {
        Invoke-Dotnet build src/SoakPS -c $Configuration
    }
    'Test' {
        if (Test-Path $resultsPath) { Remove-Item $resultsPath -Recurse -Force }
        Invoke-Part 'install test dependencies' { Install-TestDependency }
        Invoke-Part 'restore' { Invoke-Dotnet restore SoakPS.sln }
        Invoke-Part 'build' { Invoke-Dotnet build SoakPS.sln -c $Configuration --no-restore }
        if (-not ($script:parts | Where-Object Failed)) {
            foreach ($project in Get-ChildItem tests/*/*.Tests.csproj | Sort-Object Name) {
                Invoke-Part "xUnit $($project.BaseName)" {
                    Invoke-Dotnet test $project.FullName -c $Configuration --no-build --logger "trx;LogFileName=$($project.BaseName).trx" --results-directory $resultsPath
                }
            }
            Invoke-Part 'Pester' { Invoke-PesterTest }
            Invoke-Part 'Windows lane (Wine)' { Invoke-WindowsLane }
        }
        $script:parts | Format-Table -AutoSize | Out-Host
        $failed = @($script:parts | Where-Object Failed)
        if ($failed) { throw "Failed: $($failed.Part -join ', ')" }
    }
    'TestWindows' {
        Remove-Item (Join-Path $resultsPath 'windows-*.xml') -ErrorAction Ignore
        Install-TestDependency
        Invoke-Dotnet restore tests/pester/PesterRestore.csproj
        Invoke-Dotnet build src/SoakPS -c $Configuration
        Invoke-WindowsLane
    }
    'Docs' {
        # Help is generated by the module build; this rebuilds it and shows where it went.
        Invoke-Dotnet build src/SoakPS -c $Configuration
        Get-Item out/SoakPS/en-US/SoakPS.dll-Help.xml
    }
    'Package' {
        Invoke-Dotnet build src/SoakPS -c $Configuration
        # SoakPS.<version>.nupkg made by PSResourceGet; the folder is a local PSResource repository.
        & (Join-Path $PSScriptRoot 'build/Package.ps1')
    }
    'Clean' {
        Invoke-Dotnet clean SoakPS.sln -c $Configuration
        foreach ($path in 'out', 'TestResults') {
            if (Test-Path $path) { Remove-Item $path -Recurse -Force }
        }
    }
    'Soak' {
        Invoke-Dotnet build src/SoakPS -c $Configuration
        Import-Module $modulePath -ErrorAction Stop
        Start-SoakRun -Simulate -Iterations 96 -IterationMinutes 15 -AutoTune -ArtifactPath ./artifacts/soak
        Write-Host "Canary report: $(Join-Path (Resolve-Path ./artifacts/soak) latest/CANARY_REPORT.md)"
    }
}
