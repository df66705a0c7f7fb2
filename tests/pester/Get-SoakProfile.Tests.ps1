BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
}

Describe 'Get-SoakProfile' {
    BeforeEach {
        $root = [IO.Path]::Combine($TestDrive, [Guid]::NewGuid().ToString('N'))
        [void][IO.Directory]::CreateDirectory([IO.Path]::Combine($root, 'profiles'))
        $env:MM_RUNTIME_OVERRIDES_JSON = $null
    }

    AfterEach {
        $env:MM_RUNTIME_OVERRIDES_JSON = $null
    }

    Context 'listing' {
        It 'lists the built-ins and user profiles' {
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'profiles', 'night.json'), '{"min_interval_ms": 78}')
            $profiles = Get-SoakProfile -ArtifactPath $root
            $profiles | Should -HaveCount 4
            $profiles.Name | Should -Contain 'night'
            ($profiles | Where-Object Name -EQ 'steady_safe').MinIntervalMs | Should -Be 75
            ($profiles | Where-Object Name -EQ 'night').Kind.ToString() | Should -BeExactly 'User'
            ($profiles | Where-Object Name -EQ 'night').TailAgeMs | Should -Be 650
        }

        It 'filters with wildcards' {
            (Get-SoakProfile '*safe' -ArtifactPath $root).Name | Should -Be @('steady_safe', 'ultra_safe')
        }

        It 'reports a broken file and still lists the others' {
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'profiles', 'broken.json'), '{')
            $profiles = Get-SoakProfile -ArtifactPath $root -ErrorVariable problems -ErrorAction SilentlyContinue
            $profiles | Should -HaveCount 3
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -Match '^InvalidProfileFile'
        }

        It 'reports an unknown literal name' {
            { Get-SoakProfile nope -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,*'
        }
    }

    Context 'resolved values' {
        It 'shows the source of every value' {
            $env:MM_RUNTIME_OVERRIDES_JSON = '{"min_interval_ms": 77}'
            $rows = Get-SoakProfile steady_safe -Resolved -Set @{ tail_age_ms = 700 } -ArtifactPath $root
            $rows | Should -HaveCount 6
            ($rows | Where-Object Name -EQ 'min_interval_ms').Value | Should -Be 77
            ($rows | Where-Object Name -EQ 'min_interval_ms').Source.ToString() | Should -BeExactly 'Environment'
            ($rows | Where-Object Name -EQ 'tail_age_ms').Source.ToString() | Should -BeExactly 'Explicit'
            ($rows | Where-Object Name -EQ 'impact_cap_ratio').Source.ToString() | Should -BeExactly 'Profile'
            [IO.File]::Exists([IO.Path]::Combine($root, 'runtime_overrides.json')) | Should -BeFalse
        }

        It 'shows the defaults without a name' {
            $rows = Get-SoakProfile -Resolved -ArtifactPath $root
            ($rows | Where-Object Name -EQ 'min_interval_ms').Value | Should -Be 70
            ($rows | Where-Object { $_.Source.ToString() -ne 'Default' }) | Should -BeNullOrEmpty
        }
    }
}
