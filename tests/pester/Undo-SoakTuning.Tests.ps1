BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Undo-SoakTuning' {
    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $null = Start-SoakRun -Mock -Iterations 5 -AutoTune -ArtifactPath $root
        $live = [System.IO.Path]::Combine($root, 'runtime_overrides.json')
    }

    It 'restores a profile' {
        $changes = @(Undo-SoakTuning -ToProfile aggressive -Confirm:$false -ArtifactPath $root)
        $changes | Should -Not -BeNullOrEmpty
        $values = [System.IO.File]::ReadAllText($live) | ConvertFrom-Json
        $values.tail_age_ms | Should -Be 500
        $values.min_interval_ms | Should -Be 50
        $values.base_spread_bps_delta | Should -Be 0.10
    }

    It 'changes nothing with -WhatIf' {
        $before = [System.IO.File]::ReadAllBytes($live)
        $preview = @(Undo-SoakTuning -ToProfile aggressive -WhatIf -ArtifactPath $root)
        $preview | Should -Not -BeNullOrEmpty
        $preview.WhatIf | Should -Not -Contain $false
        [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($live)) | Should -BeExactly ([Convert]::ToBase64String($before))
    }

    It 'acts on the folder a piped iteration came from, not the default folder' {
        $other = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $null = Start-SoakRun -Mock -Iterations 5 -AutoTune -Seed 7 -ArtifactPath $other
        $before = [System.IO.File]::ReadAllText($live)
        $second = Get-SoakIteration -ArtifactPath $other -Iteration 2
        $second.ArtifactPath | Should -BeExactly $other
        $null = $second | Undo-SoakTuning -Confirm:$false
        [System.IO.File]::ReadAllText([System.IO.Path]::Combine($other, 'runtime_overrides.json')) | Should -Match ('"min_interval_ms":\s*' + $second.MinIntervalMs + '\b')
        [System.IO.File]::ReadAllText($live) | Should -BeExactly $before
    }

    It 'refuses an iteration of a past run, which does not govern the live file' {
        $past = Get-SoakIteration -ArtifactPath $root -Iteration 2
        $null = Start-SoakRun -Mock -Iterations 3 -AutoTune -Seed 3 -ArtifactPath $root
        $before = [System.IO.File]::ReadAllText($live)
        { $past | Undo-SoakTuning -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'IterationOfAnotherRun*'
        [System.IO.File]::ReadAllText($live) | Should -BeExactly $before
    }

    It 'refuses a journal with a damaged line and changes nothing' {
        $journal = [System.IO.Path]::Combine($root, 'latest', 'journal.jsonl')
        $lines = [System.IO.File]::ReadAllLines($journal)
        $lines[2] = '{"type":"decis'
        [System.IO.File]::WriteAllLines($journal, $lines)
        $before = [System.IO.File]::ReadAllText($live)
        { Undo-SoakTuning -Steps 1 -Confirm:$false -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'JournalDamaged*'
        [System.IO.File]::ReadAllText($live) | Should -BeExactly $before
    }
}
