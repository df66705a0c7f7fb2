# Packs out/SoakPS with build/Package.ps1, registers the package folder as a PSResource repository and installs SoakPS
# from it for the current user, exactly as a user installs from a gallery. Writes what was installed to -ResultPath.
param(
    [Parameter(Mandatory)] [string] $PackageFolder,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$package = & (Join-Path $PSScriptRoot '../../../build/Package.ps1') -OutputPath $PackageFolder
$repository = "SoakPS-test-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path -LiteralPath $PackageFolder).Path -Trusted
try {
    $installed = Install-PSResource -Name SoakPS -Repository $repository -Scope CurrentUser -TrustRepository -PassThru -Quiet
}
finally {
    Unregister-PSResourceRepository -Name $repository
}
[pscustomobject]@{ Package = $package.FullName; Version = "$($installed.Version)"; InstalledLocation = $installed.InstalledLocation } | ConvertTo-Json | Set-Content -LiteralPath $ResultPath
