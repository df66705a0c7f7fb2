BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Invoke-SoakRotation' {
    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $null = Start-SoakRun -Mock -Iterations 12 -ArtifactPath $root
        $latest = [System.IO.Path]::Combine($root, 'latest')
    }

    It 'keeps the newest summaries of a finished run by number, whatever the file times, and logs the rotation' {
        foreach ($file in [System.IO.Directory]::GetFiles($latest, 'ITER_SUMMARY_*.json')) {
            [System.IO.File]::SetLastWriteTimeUtc($file, [datetime]::new(2026, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc))
        }
        $result = Invoke-SoakRotation -KeepSummaries 5 -ArtifactPath $root
        $result.GetType().FullName | Should -BeExactly 'SoakPS.Output.SoakRotationResult'
        $result.Removed | Should -Be 7
        (Get-SoakIteration -ArtifactPath $root).Iteration | Should -Be (8..12)
        $log = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($root, 'rotation', 'ROTATION_LOG.jsonl'))
        $log | Should -HaveCount 1
        ($log[0] | ConvertFrom-Json).removed | Should -Be 7
    }

    It 'changes nothing with -WhatIf' {
        $before = [System.IO.Directory]::GetFiles($root, '*', 'AllDirectories') | Sort-Object
        $result = Invoke-SoakRotation -KeepSummaries 5 -CompressAfterDays 0 -ArtifactPath $root -WhatIf
        $result.WhatIf | Should -BeTrue
        $result.Removed | Should -Be 0
        [System.IO.Directory]::GetFiles($root, '*', 'AllDirectories') | Sort-Object | Should -Be $before
    }

    It 'says under -WhatIf what it would remove, next to the projected size' {
        $result = Invoke-SoakRotation -KeepSummaries 5 -ArtifactPath $root -WhatIf
        $result.WouldRemove | Should -Be 7
        $result.BytesAfter | Should -BeLessThan $result.BytesBefore
        $result.PSObject.TypeNames[0] | Should -Be 'SoakPS.Output.SoakRotationResult#WhatIf'
        $table = $result | Format-Table | Out-String -Width 120
        $table | Should -Match 'WouldRemove'
        $table | Should -Match 'ProjectedBytesAfter'
        $table | Should -Not -Match 'Removed '
        (Invoke-SoakRotation -KeepSummaries 5 -ArtifactPath $root -Confirm:$false).WouldRemove | Should -BeNullOrEmpty
    }

    It 'plans the old summaries of a run folder as one action that counts its files' {
        $actions = Invoke-SoakRotation -KeepSummaries 5 -ArtifactPath $root -Detailed -WhatIf | Where-Object Kind -eq 'RemoveSummary'
        $actions | Should -HaveCount 1
        $actions.Path | Should -Be $latest
        $actions.BelowIteration | Should -Be 8
        $actions.Files | Should -Be 7
        $actions.Outcome | Should -Be 'Declined'
        [System.IO.Directory]::GetFiles($latest, 'ITER_SUMMARY_*.json') | Should -HaveCount 12
    }

    It 'removes the files of that action and reports them taken' {
        $output = Invoke-SoakRotation -KeepSummaries 5 -ArtifactPath $root -Detailed
        ($output | Where-Object { $_ -is [SoakPS.Output.SoakRotationResult] }).Removed | Should -Be 7
        $range = $output | Where-Object Kind -eq 'RemoveSummary'
        $range.Outcome | Should -Be 'Taken'
        $range.Taken | Should -Be 7
        $range.Failed | Should -Be 0
        ($range | Format-Table | Out-String) | Should -Match 'ITER_SUMMARY_<n> below 8'
    }

    It 'compresses snapshots and keeps them readable' {
        $result = Invoke-SoakRotation -CompressAfterDays 0 -ArtifactPath $root
        $result.Compressed | Should -BeGreaterThan 0
        [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($root, 'snapshots'), '*.json.gz') | Should -Not -BeNullOrEmpty
    }

    It 'reports a small root as within its budget' {
        $result = Invoke-SoakRotation -MaxSizeMB 1 -ArtifactPath $root -WarningAction SilentlyContinue
        $result.OverBudget | Should -BeFalse
    }

    It 'refuses a bad option' {
        { Invoke-SoakRotation -KeepSummaries -1 -ArtifactPath $root -ErrorAction Stop } | Should -Throw
    }
}
