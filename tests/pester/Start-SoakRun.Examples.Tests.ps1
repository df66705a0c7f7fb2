BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
    $script:repo = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")

    # Runs an example's code as a reader pastes it: in a folder holding the repository's examples/, artifacts by default.
    function Invoke-Example([string] $Code) {
        $folder = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        Copy-Item -Recurse -LiteralPath ([System.IO.Path]::Combine($repo, 'examples')) -Destination $folder
        $artifacts = $env:SOAK_ARTIFACTS_DIR
        $env:SOAK_ARTIFACTS_DIR = $null
        Push-Location -LiteralPath $folder
        try {
            , @(& ([scriptblock]::Create($Code)))
        }
        finally {
            Pop-Location
            $env:SOAK_ARTIFACTS_DIR = $artifacts
        }
    }
}

# The examples that start a PowerShell bot must name a PowerShell that exists under every host, `dotnet pwsh` included
# (where the process itself is dotnet): they are taken from the README and from Get-Help, so a drift fails here.
Describe 'The real-bot examples, run as written' {
    It "README's 'Driving a real bot' example completes its iterations" {
        $readme = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($repo, 'README.md'))
        $section = [regex]::Match($readme, '(?ms)^## Driving a real bot$(.*?)^## ').Groups[1].Value
        $code = [regex]::Matches($section, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value } |
            Where-Object { $_ -match 'Start-SoakRun -Command \$pwsh' } | Select-Object -First 1
        $code | Should -Not -BeNullOrEmpty -Because 'the README shows a bot started once per iteration'
        $expected = [int][regex]::Match($code, '-Iterations (\d+)').Groups[1].Value

        $iterations = Invoke-Example $code

        $iterations | Should -HaveCount $expected
        $iterations.Status | Should -Be (@('completed') * $expected)
        $iterations.Verdict | Should -Not -Contain 'INVALID'
    }

    It "Get-Help Start-SoakRun's PowerShell bot example completes its iterations" {
        $example = (Get-Help Start-SoakRun -Full).examples.example | Where-Object { $_.code -match 'Start-SoakRun -Command \$pwsh' }
        $example | Should -HaveCount 1
        $expected = [int][regex]::Match($example.code, '-Iterations (\d+)').Groups[1].Value

        $iterations = Invoke-Example $example.code

        $iterations | Should -HaveCount $expected
        $iterations.Status | Should -Be (@('completed') * $expected)
        $iterations.Verdict | Should -Not -Contain 'INVALID'
    }
}
