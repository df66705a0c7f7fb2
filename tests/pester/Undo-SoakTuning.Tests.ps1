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
        [System.IO.File]::ReadAllText($live) | Should -Match '"tail_age_ms":\s*500\b'
    }

    It 'changes nothing with -WhatIf' {
        $before = [System.IO.File]::ReadAllText($live)
        $preview = @(Undo-SoakTuning -ToProfile aggressive -WhatIf -ArtifactPath $root)
        $preview[0].WhatIf | Should -BeTrue
        [System.IO.File]::ReadAllText($live) | Should -BeExactly $before
    }

    It 'goes back to an iteration piped from Get-SoakIteration' {
        $first = Get-SoakIteration -ArtifactPath $root -Iteration 1
        $null = $first | Undo-SoakTuning -Confirm:$false -ArtifactPath $root
        [System.IO.File]::ReadAllText($live) | Should -Match ('"min_interval_ms":\s*' + $first.MinIntervalMs + '\b')
    }
}
