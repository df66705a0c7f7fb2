BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Find-SoakPreset' {
    BeforeAll {
        $root = [IO.Path]::Combine($TestDrive, 'fit')
        $presets = @(Find-SoakPreset -Seeds 2 -Iterations 6 -IterationMinutes 5 -ArtifactPath $root -SaveAs fitted)
        $saved = Get-Content -Raw ([IO.Path]::Combine($root, 'profiles', 'fitted.json')) | ConvertFrom-Json
    }

    It 'writes one preset per class of the policy, in its order' {
        $presets.Class | Should -Be @('calm', 'volatile', 'spike')
        $presets | ForEach-Object { $_ | Should -BeOfType ([SoakPS.Output.SoakPreset]) }
    }

    It 'judges each preset on the windows that followed its class, every window once' {
        ($presets | Measure-Object Windows -Sum).Sum | Should -Be (2 * (6 - 1))
    }

    It 'keeps every value within the bounds of its parameter' {
        foreach ($p in $presets) {
            $p.ImpactCapRatio | Should -BeGreaterOrEqual 0.08
            $p.ImpactCapRatio | Should -BeLessOrEqual 0.12
            $p.MaxDeltaRatio | Should -BeGreaterOrEqual 0.10
            $p.MaxDeltaRatio | Should -BeLessOrEqual 0.16
            $p.MinIntervalMs | Should -BeGreaterOrEqual 40
            $p.MinIntervalMs | Should -BeLessOrEqual 80
        }
    }

    It 'saves the presets and their evidence as the regime tuner of a profile' {
        $saved.policy.tuner.name | Should -Be 'regime'
        $saved.policy.tuner.classes.name | Should -Be @('calm', 'volatile', 'spike')
        $calm = $presets | Where-Object Class -EQ 'calm'
        $saved.policy.tuner.classes[0].preset.impact_cap_ratio | Should -Be $calm.ImpactCapRatio
        $saved.policy.tuner.classes[0].evidence.windows | Should -Be $calm.Windows
        $presets | ForEach-Object { $_.SavedTo | Should -Be ([IO.Path]::Combine($root, 'profiles', 'fitted.json')) }
    }

    It 'gives a profile a run can tune with, landing only on its presets' {
        $runRoot = [IO.Path]::Combine($TestDrive, 'run')
        [void][IO.Directory]::CreateDirectory([IO.Path]::Combine($runRoot, 'profiles'))
        Copy-Item ([IO.Path]::Combine($root, 'profiles', 'fitted.json')) ([IO.Path]::Combine($runRoot, 'profiles', 'fitted.json'))
        $iterations = @(Start-SoakRun -Simulate -Iterations 12 -IterationMinutes 5 -AutoTune -Profile fitted -ArtifactPath $runRoot)
        $names = 'BaseSpreadBpsDelta', 'ImpactCapRatio', 'MaxDeltaRatio', 'MinIntervalMs', 'ReplaceRatePerMin', 'TailAgeMs'
        $applied = @($iterations | Where-Object Applied)
        $applied.Count | Should -BeGreaterThan 0
        foreach ($i in $applied) {
            $onPreset = @($presets | Where-Object { $p = $_; @($names | Where-Object { $p.$_ -ne $i.$_ }).Count -eq 0 })
            $onPreset | Should -HaveCount 1 -Because "iteration $($i.Iteration) applied values that are no preset"
        }
        (Get-Content -Raw ([IO.Path]::Combine($runRoot, 'latest', 'run.json')) | ConvertFrom-Json).tuner | Should -Be 'regime'
    }

    It 'writes nothing with -WhatIf' {
        $whatIfRoot = [IO.Path]::Combine($TestDrive, 'whatif')
        Find-SoakPreset -Seeds 1 -Iterations 3 -IterationMinutes 5 -ArtifactPath $whatIfRoot -SaveAs never -WhatIf | Should -HaveCount 3
        [IO.File]::Exists([IO.Path]::Combine($whatIfRoot, 'profiles', 'never.json')) | Should -BeFalse
    }

    It 'refuses to save over a built-in profile' {
        { Find-SoakPreset -Seeds 1 -Iterations 3 -IterationMinutes 5 -ArtifactPath $root -SaveAs steady_safe -ErrorAction Stop } |
            Should -Throw -ErrorId 'BuiltInProfileImmutable,SoakPS.Commands.FindSoakPresetCommand'
    }

    It 'refuses an unknown starting profile with ProfileNotFound' {
        { Find-SoakPreset -Seeds 1 -Iterations 3 -Profile nothere -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProfileNotFound,SoakPS.Commands.FindSoakPresetCommand'
    }
}
