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

    It 'reports a folder that does not exist instead of returning nothing' {
        $missing = [System.IO.Path]::Combine($TestDrive, 'does', 'not', 'exist')
        { Get-SoakIteration -ArtifactPath $missing -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactPathNotFound*'
    }

    It 'finds nothing with a non-terminating error that -ErrorAction silences, as Get- cmdlets do (<Case>)' -TestCases @(
        @{ Case = 'no artifact folder'; ErrorId = 'ArtifactPathNotFound'; Arguments = @{ ArtifactPath = [System.IO.Path]::Combine($TestDrive, 'nope') } }
        @{ Case = 'no such run'; ErrorId = 'RunNotFound'; Arguments = @{ RunId = 'nope' } }
        @{ Case = 'no such iteration'; ErrorId = 'IterationNotFound'; Arguments = @{ Iteration = 999 } }
    ) {
        param($ErrorId, $Arguments)
        if (-not $Arguments.ContainsKey('ArtifactPath')) { $Arguments.ArtifactPath = $root }
        @(Get-SoakIteration @Arguments -ErrorAction Ignore) | Should -HaveCount 0
        $found = @(Get-SoakIteration @Arguments -ErrorAction SilentlyContinue -ErrorVariable failed)
        $found | Should -HaveCount 0
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes the iterations it has and an error for the one it does not' {
        $found = @(Get-SoakIteration -ArtifactPath $root -Iteration 2, 999 -ErrorAction SilentlyContinue -ErrorVariable failed)
        $found.Iteration | Should -Be @(2)
        $failed.FullyQualifiedErrorId | Should -BeLike 'IterationNotFound,*'
        $failed[0].TargetObject | Should -Be 999
    }

    It 'completes -RunId with the run ids of the artifact root' {
        $line = "Get-SoakIteration -ArtifactPath '$root' -RunId "
        $completions = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $completions | Should -Contain (Get-SoakIteration -ArtifactPath $root -Last 1).RunId
        $completions | Should -Not -Contain 'latest'
    }

    It 'reports a file given as the artifact folder' {
        $file = [System.IO.Path]::Combine($TestDrive, 'a-file.txt')
        [System.IO.File]::WriteAllText($file, 'x')
        { Get-SoakIteration -ArtifactPath $file -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactPathNotAFolder*'
    }

    It 'carries the artifact path and run id on every object' {
        $read = @(Get-SoakIteration -ArtifactPath $root -Last 1)
        $read[0].ArtifactPath | Should -BeExactly $root
        $read[0].RunId | Should -Not -BeNullOrEmpty
    }
    It 'keeps numeric order across read-ahead batches and reports a damaged file in the error stream while the rest streams on' {
        $many = [System.IO.Path]::Combine($TestDrive, 'many')
        $null = Start-SoakRun -Mock -Iterations 2 -ArtifactPath $many
        $latest = [System.IO.Path]::Combine($many, 'latest')
        $template = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($latest, 'ITER_SUMMARY_2.json'))
        foreach ($n in 3..1200) {
            $text = if ($n -eq 777) { '{ "iteration": ' } else { $template -replace '"iteration": 2,', """iteration"": $n," }
            [System.IO.File]::WriteAllText([System.IO.Path]::Combine($latest, "ITER_SUMMARY_$n.json"), $text)
        }
        $read = @(Get-SoakIteration -ArtifactPath $many -ErrorVariable damaged -ErrorAction SilentlyContinue)
        $read.Iteration | Should -Be (@(1..776) + @(778..1200))
        $damaged | Should -HaveCount 1
        $damaged[0].FullyQualifiedErrorId | Should -BeLike 'UnreadableIterationSummary*'
        $damaged[0].TargetObject | Should -BeLike '*ITER_SUMMARY_777.json'
    }
}
