# What only the real pipeline shows: SoakPS objects through the built-in cmdlets users chain them with.
BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
    $root = [IO.Path]::Combine($TestDrive, 'soak')
    $null = Start-SoakRun -Mock -Iterations 8 -AutoTune -ArtifactPath $root -WarningAction SilentlyContinue
}

Describe 'Iterations through Where-Object, Select-Object and ConvertTo-Json' {
    It 'keeps the chosen iterations and properties with their values' {
        $chosen = @(Get-SoakIteration -ArtifactPath $root | Where-Object Verdict -NE 'OK')
        $chosen | Should -Not -BeNullOrEmpty -Because 'a mock run of 8 iterations has warnings or failures'

        $json = Get-SoakIteration -ArtifactPath $root | Where-Object Verdict -NE 'OK' |
            Select-Object Iteration, Verdict, NetBps, Timestamp | ConvertTo-Json
        $rows = @($json | ConvertFrom-Json -DateKind String)

        $rows | Should -HaveCount $chosen.Count
        $rows[0].PSObject.Properties.Name | Should -Be @('Iteration', 'Verdict', 'NetBps', 'Timestamp')
        $rows.Iteration | Should -Be $chosen.Iteration
        $rows.Verdict | Should -Not -Contain 'OK'
        $rows.NetBps | Should -Be $chosen.NetBps
        $rows.Timestamp | ForEach-Object { [DateTimeOffset]::Parse($_, [cultureinfo]::InvariantCulture) } | Should -Be $chosen.Timestamp
    }

    It 'filters iterations by time with Where-Object, the Timestamp being a date' {
        $all = @(Get-SoakIteration -ArtifactPath $root)
        $all[0].Timestamp | Should -BeOfType [DateTimeOffset]
        $all[0].Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
        @(Get-SoakIteration -ArtifactPath $root | Where-Object Timestamp -gt (Get-Date).AddDays(30)) | Should -HaveCount 0
        @(Get-SoakIteration -ArtifactPath $root | Where-Object Timestamp -gt (Get-Date).AddDays(-1)) | Should -HaveCount $all.Count
        @(Get-SoakIteration -ArtifactPath $root | Where-Object Timestamp -ge $all[-1].Timestamp).Iteration | Should -Be @($all[-1].Iteration)
    }

    It 'sorts and measures numbers as numbers' {
        $worst = Get-SoakIteration -ArtifactPath $root | Sort-Object NetBps | Select-Object -First 1
        $minimum = (Get-SoakIteration -ArtifactPath $root | Measure-Object NetBps -Minimum).Minimum
        $worst.NetBps | Should -Be $minimum
    }
}

Describe 'Format-List * of every output type' {
    BeforeAll {
        $legacy = [IO.Path]::Combine($TestDrive, 'legacy')
        [void][IO.Directory]::CreateDirectory($legacy)
        [IO.File]::WriteAllText([IO.Path]::Combine($legacy, 'steady_safe_overrides.json'), '{"min_interval_ms": 76}')

        $samples = @(
            Get-SoakIteration -ArtifactPath $root -Last 1
            Get-SoakTuningState -ArtifactPath $root
            Get-SoakTuningState -ByParameter -ArtifactPath $root
            Get-SoakProfile steady_safe -ArtifactPath $root
            Get-SoakProfile steady_safe -Resolved -ArtifactPath $root
            Undo-SoakTuning -ToProfile aggressive -WhatIf -ArtifactPath $root
            Invoke-SoakRotation -KeepSummaries 2 -Detailed -WhatIf -ArtifactPath $root
            Set-SoakProfile -MigrateLegacy -PassThru -ArtifactPath $legacy
            Export-SoakReport -Path ([IO.Path]::Combine($TestDrive, 'report.html')) -ArtifactPath $root
            Invoke-SoakStudy -Seeds 1 -Iterations 2 -IterationMinutes 5 -Profile steady_safe -ArtifactPath ([IO.Path]::Combine($TestDrive, 'study'))
            Find-SoakPreset -Seeds 1 -Iterations 3 -IterationMinutes 5 -ArtifactPath $root
        )
        $byType = $samples | Group-Object { $_.GetType().FullName } -AsHashTable -AsString
    }

    It 'has a sample of every type an exported cmdlet declares' {
        $declared = @((Get-Command -Module SoakPS).OutputType.Type.FullName | Sort-Object -Unique)
        $declared | Should -Not -BeNullOrEmpty
        foreach ($type in $declared) {
            $byType.ContainsKey($type) | Should -BeTrue -Because "a sample of $type must be formatted"
        }
    }

    It 'shows every property of every sample' {
        foreach ($type in $byType.Keys) {
            $text = $byType[$type][0] | Format-List * | Out-String -Width 500
            foreach ($property in $byType[$type][0].GetType().GetProperties().Name) {
                $text | Should -Match "(?m)^$property\s+:" -Because "Format-List * of $type shows $property"
            }
        }
    }
}

Describe 'Verbs' {
    It 'exports only approved verbs' {
        $approved = (Get-Verb).Verb
        $verbs = @((Get-Command -Module SoakPS).Verb | Sort-Object -Unique)
        $verbs | Should -Not -BeNullOrEmpty
        $verbs | Where-Object { $_ -notin $approved } | Should -BeNullOrEmpty
    }

    It 'imports without a warning' {
        Import-Module $modulePath -Force -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
    }
}
