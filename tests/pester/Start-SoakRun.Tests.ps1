BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Start-SoakRun' {
    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
    }

    It 'streams one SoakIteration per iteration and writes the artifacts' {
        $iterations = @(Start-SoakRun -Mock -Iterations 3 -AutoTune -Profile steady_safe -ArtifactPath $root)
        $iterations | Should -HaveCount 3
        $iterations[0].GetType().FullName | Should -BeExactly 'SoakPS.Output.SoakIteration'
        $iterations.Iteration | Should -Be @(1, 2, 3)
        [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'latest', 'ITER_SUMMARY_3.json')) | Should -BeTrue
        [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'latest', 'TUNING_REPORT.json')) | Should -BeTrue
        [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'runtime_overrides.json')) | Should -BeTrue
    }

    It 'applies tuning into the flat parameter file' {
        $iterations = @(Start-SoakRun -Mock -Iterations 3 -AutoTune -Profile steady_safe -ArtifactPath $root)
        ($iterations | Where-Object Applied) | Should -Not -BeNullOrEmpty
        $live = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'runtime_overrides.json'))
        $live | Should -Match '"min_interval_ms":\s*\d+'
        $live | Should -Not -Match '\{[^}]*\{'
    }

    It 'gives the same reports for the same seed' {
        $a = [System.IO.Path]::Combine($root, 'a'); $b = [System.IO.Path]::Combine($root, 'b')
        $null = Start-SoakRun -Mock -Iterations 4 -Seed 11 -ArtifactPath $a
        $null = Start-SoakRun -Mock -Iterations 4 -Seed 11 -ArtifactPath $b
        foreach ($n in 1..4) {
            $ra = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($a, 'latest', 'reports', "EDGE_REPORT_$n.json"))
            $rb = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($b, 'latest', 'reports', "EDGE_REPORT_$n.json"))
            $ra | Should -BeExactly $rb
        }
    }

    It 'fails a CI step with -FailOnKpi when the run verdict is FAIL' {
        { Start-SoakRun -Mock -Iterations 2 -FailOnKpi -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'KpiGateFailed*'
    }

    It 'changes nothing with -WhatIf' {
        $out = @(Start-SoakRun -Mock -Iterations 2 -AutoTune -WhatIf -ArtifactPath $root)
        $out | Should -HaveCount 0
        [System.IO.Directory]::Exists([System.IO.Path]::Combine($root, 'latest')) | Should -BeFalse
    }

    It 'refuses -Resume when there is nothing to resume' {
        { Start-SoakRun -Resume -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'NothingToResume*'
    }
}
