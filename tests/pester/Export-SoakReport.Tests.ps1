BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Export-SoakReport' {
    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $runs = Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath $root -WarningAction SilentlyContinue
        $report = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N') + '.html')
    }

    It 'writes one self-contained HTML file of the latest run' {
        $result = Export-SoakReport -Path $report -ArtifactPath $root
        $result.RunId | Should -Be $runs[0].RunId
        $result.Iterations | Should -Be 6
        $result.Path | Should -Be $report
        $html = Get-Content -Raw -LiteralPath $report
        $html | Should -Match '<script id="soak-data" type="application/json">\{'
        $html | Should -Not -Match '<script[^>]+src='
        $html | Should -Not -Match '(src|href)\s*=\s*["'']?(https?:)?//'
        $html | Should -Not -Match 'url\(\s*["'']?(https?:)?//'
        $html | Should -Match "default-src 'none'"
    }

    It 'reports a past run by id from the pipeline' {
        $null = Start-SoakRun -Mock -Iterations 2 -ArtifactPath $root -WarningAction SilentlyContinue
        $result = $runs | Select-Object -First 1 | Export-SoakReport -Path $report -ArtifactPath $root
        $result.RunId | Should -Be $runs[0].RunId
        $result.Iterations | Should -Be 6
    }

    It 'writes nothing with -WhatIf' {
        $result = Export-SoakReport -Path $report -ArtifactPath $root -WhatIf
        $result | Should -BeNullOrEmpty
        Test-Path -LiteralPath $report | Should -BeFalse
    }

    It 'refuses an unknown run with RunNotFound' {
        { Export-SoakReport -Path $report -RunId 'no-such-run' -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'RunNotFound,SoakPS.Commands.ExportSoakReportCommand'
    }

    It 'refuses a directory as the report path' {
        { Export-SoakReport -Path $TestDrive -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportPathIsDirectory,SoakPS.Commands.ExportSoakReportCommand'
    }

    It 'refuses a path onto the run''s own files by name, and changes none of them' -ForEach @(
        @{ Owned = 'runtime_overrides.json' }, @{ Owned = 'latest/journal.jsonl' }, @{ Owned = 'latest/run.json' }, @{ Owned = '.soak.lock' }
    ) {
        $target = [System.IO.Path]::Combine($root, $Owned)
        $before = [System.IO.File]::ReadAllBytes($target)
        { Export-SoakReport -Path $target -ArtifactPath $root -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputPathReserved,SoakPS.Commands.ExportSoakReportCommand'
        [System.IO.File]::ReadAllBytes($target) | Should -Be $before
    }

    It 'refuses a symbolic link onto the run''s own files, and changes none of them' -ForEach @(
        @{ Owned = 'runtime_overrides.json' }, @{ Owned = 'latest/journal.jsonl' }, @{ Owned = 'latest/run.json' }, @{ Owned = '.soak.lock' }
    ) {
        $target = [System.IO.Path]::Combine($root, $Owned)
        $before = [System.IO.File]::ReadAllBytes($target)
        $link = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N') + '.html')
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
        if (-not [System.IO.File]::Exists($link) -or $null -eq [System.IO.File]::ResolveLinkTarget($link, $false)) {
            # Under Wine New-Item makes no link .NET can see (Windows and Linux do); windows-latest runs this case.
            Set-ItResult -Skipped -Because 'this file system made no symbolic link that .NET can read'
            return
        }
        { Export-SoakReport -Path $link -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputPathReserved,SoakPS.Commands.ExportSoakReportCommand'
        [System.IO.File]::ReadAllBytes($target) | Should -Be $before
    }

    It 'replaces a read-only file only with -Force' {
        Set-Content -LiteralPath $report -Value 'kept'
        Set-ItemProperty -LiteralPath $report -Name IsReadOnly -Value $true
        { Export-SoakReport -Path $report -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputFileReadOnly,SoakPS.Commands.ExportSoakReportCommand'
        (Get-Content -LiteralPath $report) | Should -Be 'kept'
        (Export-SoakReport -Path $report -ArtifactPath $root -Force).Iterations | Should -Be 6
        Get-Content -Raw -LiteralPath $report | Should -Match '<script id="soak-data"'
    }
}
