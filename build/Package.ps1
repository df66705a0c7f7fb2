<#
.SYNOPSIS
    Packs the built module folder (out/SoakPS) into SoakPS.<version>.nupkg with PSResourceGet's own Compress-PSResource.
.DESCRIPTION
    The package is in the PowerShell Gallery layout, so the output folder can be registered as a local
    PSResource repository and installed from with Install-PSResource. The version comes from SoakPSVersion in
    Directory.Build.props (the one place it lives); a built manifest carrying another version means out/SoakPS is
    stale and packaging stops. Build first (build.ps1 -Task Build or dotnet build src/SoakPS).
.EXAMPLE
    ./build/Package.ps1
.EXAMPLE
    ./build/Package.ps1 -OutputPath ./artifacts/package -Repository ./artifacts/repo
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    # The built module folder.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SoakPS'),
    # Where SoakPS.<version>.nupkg is written; the folder doubles as a local repository.
    [string] $OutputPath = (Join-Path $PSScriptRoot '../artifacts/package'),
    # Optional local folder repository to publish into as well, with Publish-PSResource.
    [string] $Repository
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$propsPath = Join-Path $PSScriptRoot '../Directory.Build.props'
$version = ([xml](Get-Content -Raw -LiteralPath $propsPath)).Project.PropertyGroup.SoakPSVersion | Where-Object { $_ } | Select-Object -First 1
if (-not $version) { throw "No SoakPSVersion in $propsPath." }

$manifestPath = Join-Path $ModulePath 'SoakPS.psd1'
if (-not (Test-Path -LiteralPath $manifestPath)) {
    throw "No built module at '$ModulePath'. Build it first: ./build.ps1 -Task Build (or dotnet build src/SoakPS -c Release)."
}
$manifest = Test-ModuleManifest -Path $manifestPath
if ("$($manifest.Version)" -ne $version) {
    throw "The built manifest has version $($manifest.Version) but Directory.Build.props says ${version}; out/SoakPS is stale, rebuild it."
}

$null = New-Item -ItemType Directory -Force -Path $OutputPath
$package = Join-Path $OutputPath "SoakPS.$version.nupkg"
# Compress-PSResource refuses to overwrite; a re-run replaces the package of the same version.
if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package }
Compress-PSResource -Path $ModulePath -DestinationPath $OutputPath
if (-not (Test-Path -LiteralPath $package)) { throw "Compress-PSResource did not produce $package." }

if ($Repository) {
    $null = New-Item -ItemType Directory -Force -Path $Repository
    $name = "SoakPS-local-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $name -Uri (Resolve-Path -LiteralPath $Repository).Path -Trusted
    try {
        Publish-PSResource -Path $ModulePath -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
}

Get-Item -LiteralPath $package
