# Packs out/SoakPS with build/Package.ps1, registers the package folder as a PSResource repository and installs SoakPS
# from it for the current user, exactly as a user installs from a gallery. Writes what was installed to -ResultPath.
param(
    [Parameter(Mandatory)] [string] $PackageFolder,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# HOME keeps the user scope inside the test's folder on Linux and macOS; Windows takes it from the Documents known
# folder, so there the test installs into the user's own module folder and must not replace a SoakPS already there.
if ($IsWindows -and (Get-InstalledPSResource -Name SoakPS -Scope CurrentUser -ErrorAction SilentlyContinue)) {
    throw 'SoakPS is already installed for this user; this test installs into the same folder on Windows and would replace it. Uninstall it first (Uninstall-PSResource SoakPS -Scope CurrentUser).'
}
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
