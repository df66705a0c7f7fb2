BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop

    function Read-Overrides([string] $Root) {
        $text = [IO.File]::ReadAllText([IO.Path]::Combine($Root, 'runtime_overrides.json'))
        [System.Text.Json.JsonDocument]::Parse($text).RootElement
    }
}

Describe 'Set-SoakProfile' {
    BeforeEach {
        $root = [IO.Path]::Combine($TestDrive, [Guid]::NewGuid().ToString('N'))
        [void][IO.Directory]::CreateDirectory($root)
        $overrides = [IO.Path]::Combine($root, 'runtime_overrides.json')
        $env:MM_RUNTIME_OVERRIDES_JSON = $null
    }

    AfterEach {
        $env:MM_RUNTIME_OVERRIDES_JSON = $null
    }

    Context 'precedence' {
        It 'writes the steady_safe values as flat numbers' {
            Set-SoakProfile steady_safe -ArtifactPath $root
            $json = Read-Overrides $root
            $json.GetProperty('min_interval_ms').GetInt32() | Should -Be 75
            $json.GetProperty('tail_age_ms').GetInt32() | Should -Be 740
            $json.GetProperty('min_interval_ms').ValueKind | Should -Be 'Number'
        }

        It 'merges MM_RUNTIME_OVERRIDES_JSON key by key and names where each value came from' {
            $env:MM_RUNTIME_OVERRIDES_JSON = '{"min_interval_ms": 77}'
            $rows = Set-SoakProfile steady_safe -ArtifactPath $root -PassThru
            $json = Read-Overrides $root
            $json.GetProperty('min_interval_ms').GetInt32() | Should -Be 77
            $json.GetProperty('tail_age_ms').GetInt32() | Should -Be 740
            $json.GetProperty('replace_rate_per_min').GetInt32() | Should -Be 260
            $json.GetProperty('base_spread_bps_delta').GetDecimal() | Should -Be 0.16
            $json.GetProperty('impact_cap_ratio').GetDecimal() | Should -Be 0.08
            $json.GetProperty('max_delta_ratio').GetDecimal() | Should -Be 0.12
            ($rows | Where-Object Name -EQ 'min_interval_ms').Source.ToString() | Should -BeExactly 'Environment'
            $tail = $rows | Where-Object Name -EQ 'tail_age_ms'
            $tail.Source.ToString() | Should -BeExactly 'Profile'
            $tail.Profile | Should -BeExactly 'steady_safe'
        }

        It 'takes -Set keys spelt as the properties of the output objects' {
            $null = Set-SoakProfile steady_safe -Set @{ MinIntervalMs = 76; TailAgeMs = 700 } -ArtifactPath $root
            (Read-Overrides $root).GetProperty('min_interval_ms').GetInt32() | Should -Be 76
            (Read-Overrides $root).GetProperty('tail_age_ms').GetInt32() | Should -Be 700
        }

        It 'applies a user profile file and reports the rounding it needed' {
            [void][IO.Directory]::CreateDirectory([IO.Path]::Combine($root, 'profiles'))
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'profiles', 'night.json'), '{"min_interval_ms": 77.4, "tail_age_ms": 610}')
            $rows = Set-SoakProfile night -ArtifactPath $root -PassThru
            $json = Read-Overrides $root
            $json.GetProperty('min_interval_ms').GetInt32() | Should -Be 77
            $json.GetProperty('tail_age_ms').GetInt32() | Should -Be 610
            $json.GetProperty('base_spread_bps_delta').GetDecimal() | Should -Be 0.14
            ($rows | Where-Object Name -EQ 'min_interval_ms').SourceDetail | Should -Match 'rounded'
        }

        It 'lets -Set win over the environment' {
            $env:MM_RUNTIME_OVERRIDES_JSON = '{"min_interval_ms": 77}'
            $rows = Set-SoakProfile steady_safe -Set @{ min_interval_ms = 78 } -ArtifactPath $root -PassThru
            (Read-Overrides $root).GetProperty('min_interval_ms').GetInt32() | Should -Be 78
            $rows | Should -HaveCount 6
            $row = $rows | Where-Object Name -EQ 'min_interval_ms'
            $row.Source.ToString() | Should -BeExactly 'Explicit'
            "$($row.Min)", "$($row.Max)" | Should -Be '40', '80'
            ($rows | Where-Object Name -EQ 'tail_age_ms').Source.ToString() | Should -BeExactly 'Profile'
        }
    }

    Context 'bad input' {
        It 'refuses <Case> with <ErrorId> and leaves the file unchanged' -ForEach @(
            @{ Case = 'invalid JSON'; Env = '{oops'; Set = $null; ErrorId = 'InvalidOverridesJson' }
            @{ Case = 'a non-object'; Env = '[1]'; Set = $null; ErrorId = 'OverridesNotAnObject' }
            @{ Case = 'an unknown key'; Env = '{"min_intervall_ms": 75}'; Set = $null; ErrorId = 'UnknownParameter' }
            @{ Case = 'a string value'; Env = '{"min_interval_ms": "75"}'; Set = $null; ErrorId = 'ParameterNotNumeric' }
            @{ Case = 'NaN'; Env = '{"min_interval_ms": "NaN"}'; Set = $null; ErrorId = 'ParameterNotFinite' }
            @{ Case = 'a huge number'; Env = '{"min_interval_ms": 1e400}'; Set = $null; ErrorId = 'ParameterNotFinite' }
            @{ Case = 'an out-of-bounds value'; Env = '{"min_interval_ms": 95}'; Set = $null; ErrorId = 'ParameterOutOfBounds' }
            @{ Case = 'an out-of-bounds -Set'; Env = $null; Set = @{ tail_age_ms = 10 }; ErrorId = 'ParameterOutOfBounds' }
            @{ Case = 'a NaN -Set'; Env = $null; Set = @{ min_interval_ms = [double]::NaN }; ErrorId = 'ParameterNotFinite' }
            @{ Case = 'a text -Set'; Env = $null; Set = @{ min_interval_ms = 'abc' }; ErrorId = 'ParameterNotNumeric' }
            @{ Case = 'an unknown -Set key'; Env = $null; Set = @{ interval = 70 }; ErrorId = 'UnknownParameter' }
        ) {
            Set-SoakProfile ultra_safe -ArtifactPath $root
            $before = [IO.File]::ReadAllBytes($overrides)
            $env:MM_RUNTIME_OVERRIDES_JSON = $Env
            $arguments = @{ Name = 'steady_safe'; ArtifactPath = $root }
            if ($Set) { $arguments.Set = $Set }
            { Set-SoakProfile @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
            [Convert]::ToBase64String([IO.File]::ReadAllBytes($overrides)) | Should -BeExactly ([Convert]::ToBase64String($before))
            [IO.Directory]::GetFiles($root, '*.tmp') | Should -BeNullOrEmpty
        }

        It 'refuses a mistyped artifact path instead of creating a tree of folders' {
            $typo = [IO.Path]::Combine($root, 'typo', 'deeper')
            $err = { Set-SoakProfile steady_safe -ArtifactPath $typo -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactPathNotFound,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            [IO.Directory]::Exists([IO.Path]::Combine($root, 'typo')) | Should -BeFalse
        }

        It 'creates a new artifact folder whose parent exists' {
            $fresh = [IO.Path]::Combine($root, 'fresh')
            Set-SoakProfile steady_safe -ArtifactPath $fresh
            (Read-Overrides $fresh).GetProperty('min_interval_ms').GetInt32() | Should -Be 75
        }

        It 'refuses an unknown profile and lists the available ones' {
            $err = { Set-SoakProfile nope -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -Match 'aggressive'
            [IO.Directory]::GetFileSystemEntries($root) | Should -BeNullOrEmpty
        }

        It 'refuses the profile name <Name> with path characters and writes nothing' -ForEach @(
            @{ Name = '../escape' }
            @{ Name = 'a/b' }
        ) {
            $err = { Set-SoakProfile $Name -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            [IO.Directory]::GetFileSystemEntries($root) | Should -BeNullOrEmpty
        }
    }

    Context 'WhatIf and migration' {
        It 'changes nothing with -WhatIf' {
            Set-SoakProfile steady_safe -ArtifactPath $root -WhatIf
            [IO.File]::Exists($overrides) | Should -BeFalse
            Set-SoakProfile aggressive -ArtifactPath $root
            $before = [IO.File]::ReadAllBytes($overrides)
            Set-SoakProfile steady_safe -ArtifactPath $root -WhatIf -PassThru | Should -BeNullOrEmpty
            [Convert]::ToBase64String([IO.File]::ReadAllBytes($overrides)) | Should -BeExactly ([Convert]::ToBase64String($before))
        }

        It 'migrates the older tool files without deleting any, and -WhatIf moves none' {
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'steady_safe_overrides.json'), '{"min_interval_ms": 76}')
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'applied_profile.json'), '{}')
            Set-SoakProfile -MigrateLegacy -ArtifactPath $root -WhatIf
            [IO.File]::Exists([IO.Path]::Combine($root, 'steady_safe_overrides.json')) | Should -BeTrue
            [IO.File]::Exists([IO.Path]::Combine($root, 'applied_profile.json')) | Should -BeTrue
            $moves = Set-SoakProfile -MigrateLegacy -ArtifactPath $root -PassThru
            $moves | Should -HaveCount 2
            [IO.File]::Exists([IO.Path]::Combine($root, 'profiles', 'legacy_steady_safe.json')) | Should -BeTrue
            [IO.File]::Exists([IO.Path]::Combine($root, 'legacy', 'applied_profile.json')) | Should -BeTrue
            Set-SoakProfile -MigrateLegacy -ArtifactPath $root -PassThru | Should -BeNullOrEmpty
            [IO.File]::ReadAllText([IO.Path]::Combine($root, 'profiles', 'legacy_steady_safe.json')) | Should -BeExactly '{"min_interval_ms": 76}'
            Set-SoakProfile legacy_steady_safe -ArtifactPath $root
            (Read-Overrides $root).GetProperty('min_interval_ms').GetInt32() | Should -Be 76
        }
    }

    Context 'completion' {
        It 'completes built-in and user profile names' {
            $completions = (TabExpansion2 -inputScript 'Set-SoakProfile st' -cursorColumn 18).CompletionMatches
            $completions.CompletionText | Should -Contain 'steady_safe'
            $completions.CompletionText | Should -Not -Contain 'aggressive'
            [void][IO.Directory]::CreateDirectory([IO.Path]::Combine($root, 'profiles'))
            [IO.File]::WriteAllText([IO.Path]::Combine($root, 'profiles', 'stormy.json'), '{}')
            $line = "Set-SoakProfile -ArtifactPath '$root' -Name sto"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('stormy')
        }
    }
}
