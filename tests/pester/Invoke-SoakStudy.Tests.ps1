BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Invoke-SoakStudy' {
    Context 'a small study of two profiles' {
        BeforeAll {
            $root = [System.IO.Path]::Combine($TestDrive, 'study')
            $output = Invoke-SoakStudy -Seeds 2 -Iterations 4 -IterationMinutes 5 -Profile steady_safe, aggressive -ArtifactPath $root
            $rows = @($output | Where-Object { $_ -is [SoakPS.Output.SoakStudyRun] })
            $summaries = @($output | Where-Object { $_ -is [SoakPS.Output.SoakStudySummary] })
        }

        It 'writes one row per seed and arm: each profile fixed, and tuned by regime and by rules' {
            $rows | Should -HaveCount 12
            ($rows | Where-Object AutoTune).Count | Should -Be 8
            ($rows.Arm | Sort-Object -Unique) | Should -Be @('aggressive', 'aggressive+regime', 'aggressive+rules', 'steady_safe', 'steady_safe+regime', 'steady_safe+rules')
            $rows | ForEach-Object { $_.Iterations | Should -Be 4 }
        }

        It 'summarises each of the six arms from its rows' {
            $summaries | Should -HaveCount 6
            foreach ($s in $summaries) {
                $armRows = @($rows | Where-Object Arm -eq $s.Arm)
                $s.Runs | Should -Be $armRows.Count
                $applies = 0
                foreach ($r in $armRows) { $applies += $r.Applies }
                $s.Applies | Should -Be $applies
                ($s.OkShare + $s.WarnShare + $s.FailShare) | Should -BeGreaterThan 0.999
            }
        }

        It 'never applies anything in a fixed arm' {
            $rows | Where-Object { -not $_.AutoTune } | ForEach-Object { $_.Applies | Should -Be 0 }
        }

        It 'records the tuner of each tuned arm in its runs' {
            $run = Get-Content -Raw ([System.IO.Path]::Combine($root, 'aggressive-regime', 'seed-1', 'latest', 'run.json')) | ConvertFrom-Json
            $run.tuner | Should -Be 'regime'
            $run = Get-Content -Raw ([System.IO.Path]::Combine($root, 'steady_safe-rules', 'seed-1', 'latest', 'run.json')) | ConvertFrom-Json
            $run.tuner | Should -Be 'rules'
        }

        It 'keeps the runs under -ArtifactPath' {
            [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'aggressive-regime', 'seed-1', 'latest', 'run.json')) | Should -BeTrue
            (Get-SoakIteration -ArtifactPath ([System.IO.Path]::Combine($root, 'aggressive-regime', 'seed-1'))) | Should -HaveCount 4
        }

        It 'writes flat rows (scalars only), so Export-Csv gives one column per property' {
            foreach ($p in $rows[0].PSObject.Properties) {
                ($p.Value -is [string] -or $p.Value -is [ValueType]) | Should -BeTrue
            }
        }
    }

    It 'refuses an unknown profile with a stable error id' {
        { Invoke-SoakStudy -Seeds 1 -Iterations 1 -Profile no_such_profile -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,*'
    }

    It 'runs nothing with -WhatIf' {
        $root = [System.IO.Path]::Combine($TestDrive, 'whatif')
        Invoke-SoakStudy -Seeds 1 -Iterations 1 -ArtifactPath $root -WhatIf | Should -BeNullOrEmpty
        [System.IO.Directory]::Exists($root) | Should -BeFalse
    }
}
