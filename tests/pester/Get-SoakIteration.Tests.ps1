BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
    $root = [System.IO.Path]::Combine($TestDrive, 'soak')
    $null = Start-SoakRun -Mock -Iterations 11 -AutoTune -ArtifactPath $root
}

Describe 'Get-SoakIteration' {
    It 'reads iterations back in numeric order' {
        $read = @(Get-SoakIteration -ArtifactPath $root)
        $read | Should -HaveCount 11
        $read.Iteration | Should -Be (1..11)
    }

    It 'returns the last N iterations' {
        (Get-SoakIteration -ArtifactPath $root -Last 2).Iteration | Should -Be @(10, 11)
    }

    It 'selects iterations by number' {
        (Get-SoakIteration -ArtifactPath $root -Iteration 3, 10).Iteration | Should -Be @(3, 10)
    }

    It 'refuses a run id with path characters' {
        { Get-SoakIteration -ArtifactPath $root -RunId '../etc' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
    }

    It 'reports an unknown run' {
        { Get-SoakIteration -ArtifactPath $root -RunId 'nope' -ErrorAction Stop } | Should -Throw -ErrorId 'RunNotFound*'
    }

    It 'tells the runs of -AllRuns apart by RunId' {
        $null = Start-SoakRun -Mock -Iterations 2 -Seed 9 -ArtifactPath $root
        $all = @(Get-SoakIteration -AllRuns -ArtifactPath $root)
        $runs = [System.Linq.Enumerable]::ToArray([System.Linq.Enumerable]::Distinct([string[]]$all.RunId))
        $runs.Count | Should -Be 2
        @($all | Where-Object RunId -eq $runs[0]) | Should -HaveCount 11
        @($all | Where-Object RunId -eq $runs[1]).Iteration | Should -Be @(1, 2)
    }
}
