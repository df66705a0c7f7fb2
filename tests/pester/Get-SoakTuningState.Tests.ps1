BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
    $root = [System.IO.Path]::Combine($TestDrive, 'soak')
    $null = Start-SoakRun -Mock -Iterations 6 -AutoTune -ArtifactPath $root
}

Describe 'Get-SoakTuningState' {
    It 'shows the guard state of the last run' {
        $state = Get-SoakTuningState -ArtifactPath $root
        $state.Iteration | Should -Be 6
        $state.VelocityBudget | Should -Match 'min_interval_ms'
        $state.RebuiltFromJournal | Should -BeFalse
    }

    It 'lists every parameter with its velocity budget' {
        $rows = @(Get-SoakTuningState -ByParameter -ArtifactPath $root)
        $rows | Should -HaveCount 6
        ($rows | Where-Object Parameter -eq 'min_interval_ms').VelocityLimit | Should -Be 30
    }

    It 'reports a root without a run' {
        $empty = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($TestDrive, 'empty')).FullName
        { Get-SoakTuningState -ArtifactPath $empty -ErrorAction Stop } | Should -Throw -ErrorId 'NoRun*'
    }

    It 'finds nothing with a non-terminating error that -ErrorAction silences' {
        $empty = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($TestDrive, 'empty-too')).FullName
        @(Get-SoakTuningState -ArtifactPath $empty -ErrorAction Ignore) | Should -HaveCount 0
        $state = Get-SoakTuningState -ArtifactPath $empty -ErrorAction SilentlyContinue -ErrorVariable failed
        $state | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Should -BeLike 'NoRun,*'
        $null = Get-SoakTuningState -ArtifactPath ([System.IO.Path]::Combine($TestDrive, 'missing')) -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | Should -BeLike 'ArtifactPathNotFound,*'
    }

    It 'reports an artifact path that does not exist' {
        { Get-SoakTuningState -ArtifactPath ([System.IO.Path]::Combine($TestDrive, 'missing')) -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactPathNotFound*'
    }
}
