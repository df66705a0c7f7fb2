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
            $regimes = @($output | Where-Object { $_ -is [SoakPS.Output.SoakStudyRegime] })
            $pairs = @($output | Where-Object { $_ -is [SoakPS.Output.SoakStudyComparison] })
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

        It 'judges each run on money: net and volume USD per window are the means of its iterations' {
            $row = $rows | Where-Object Arm -eq 'aggressive+regime' | Where-Object Seed -eq 1
            $iterations = @(Get-SoakIteration -ArtifactPath ([System.IO.Path]::Combine($root, 'aggressive-regime', 'seed-1')))
            $net = ($iterations | Measure-Object NetUsd -Average).Average
            $volume = ($iterations | Measure-Object VolumeUsd -Average).Average
            $row.NetUsdPerWindow | Should -BeGreaterThan ($net - 0.01)
            $row.NetUsdPerWindow | Should -BeLessThan ($net + 0.01)
            [math]::Abs($row.VolumeUsdPerWindow - $volume) | Should -BeLessOrEqual 0.5
            ($row.CalmOk + $row.CalmWarn + $row.CalmFail) | Should -Be @($iterations | Where-Object Regime -eq 'calm').Count
        }

        It 'gives verdict shares by regime for every arm and compares every pair of arms once' {
            $regimes | Should -HaveCount 18
            ($regimes | Select-Object -ExpandProperty Regime -Unique) | Should -Be @('calm', 'volatile', 'spike')
            $pairs | Should -HaveCount 15
            foreach ($p in $pairs) {
                $p.ArmA | Should -Not -Be $p.ArmB
                $p.Seeds | Should -Be 2
                ($p.ArmAWins + $p.ArmBWins) | Should -BeLessOrEqual 2
            }
        }

        It 'exports each kind of object to CSV with one column per property' {
            $csv = [System.IO.Path]::Combine($TestDrive, 'pairs.csv')
            $pairs | Export-Csv -LiteralPath $csv
            $back = @(Import-Csv -LiteralPath $csv)
            $back | Should -HaveCount 15
            $back[0].PSObject.Properties.Name | Should -Contain 'NetUsdPerWindowDifference'
            $summaries | Export-Csv -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'arms.csv'))
            (Import-Csv -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'arms.csv')))[0].FailRuns | Should -Match '^\d+$'
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

        It 'writes flat objects (scalars only), so Export-Csv gives one column per property' {
            foreach ($o in @($rows[0], $summaries[0], $regimes[0], $pairs[0])) {
                foreach ($p in $o.PSObject.Properties) {
                    ($null -eq $p.Value -or $p.Value -is [string] -or $p.Value -is [ValueType]) | Should -BeTrue
                }
            }
        }
    }

    It 'puts every arm in the market of -Market' {
        $root = [System.IO.Path]::Combine($TestDrive, 'market')
        [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($root, 'profiles'))
        $stormy = '{"parameters": {}, "policy": {"simulator": {"regimes": {"calm": {"transitions": {"calm": 0, "volatile": 0, "spike": 1}}, "spike": {"transitions": {"calm": 0, "volatile": 0, "spike": 1}}}}}}'
        [System.IO.File]::WriteAllText([System.IO.Path]::Combine($root, 'profiles', 'stormy.json'), $stormy)
        $regimes = @(Invoke-SoakStudy -Seeds 1 -Iterations 3 -IterationMinutes 5 -Profile steady_safe -Tuner regime -Market stormy -ArtifactPath $root |
            Where-Object { $_ -is [SoakPS.Output.SoakStudyRegime] })
        foreach ($r in $regimes) {
            if ($r.Regime -eq 'spike') { $r.Windows | Should -Be 3 } else { $r.Windows | Should -Be 0 }
        }
    }

    It 'writes only the pairs of arms with -Result Pairs, as one table' {
        $pairs = @(Invoke-SoakStudy -Seeds 2 -Iterations 2 -Profile aggressive -Tuner regime -Result Pairs)
        $pairs | Should -HaveCount 1
        $pairs[0] | Should -BeOfType ([SoakPS.Output.SoakStudyComparison])
        ($pairs | Format-Table | Out-String -Width 80) | Should -Match 'ArmA\s+ArmB\s+UsdDiff'
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
