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

    It 'refuses with -WhatIf what the run would refuse, with the same ErrorId (<Refused>)' -TestCases @(
        @{ Refused = 'ProfileNotFound'; Arguments = @{ Mock = $true; Profile = 'agressive' } }
        @{ Refused = 'ParameterOutOfBounds'; Arguments = @{ Mock = $true; Set = @{ min_interval_ms = 9999 } } }
        @{ Refused = 'BotCommandNotFound'; Arguments = @{ Command = './nobot' } }
    ) {
        param($Refused, $Arguments)
        { Start-SoakRun @Arguments -Iterations 2 -ArtifactPath $root -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId "$Refused*"
        { Start-SoakRun @Arguments -Iterations 2 -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId "$Refused*"
        [System.IO.Directory]::Exists([System.IO.Path]::Combine($root, 'latest')) | Should -BeFalse
    }

    It 'simulates only the regime a profile pins the chain to' {
        $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($root, 'profiles'))
        Set-Content -LiteralPath ([System.IO.Path]::Combine($root, 'profiles', 'calm_only.json')) -Value '{"policy": {"simulator": {"regimes": {"calm": {"transitions": {"calm": 1}}}}}}'
        $iterations = @(Start-SoakRun -Simulate -Seed 3 -Iterations 8 -Profile calm_only -ArtifactPath $root)
        $iterations | Should -HaveCount 8
        $iterations.Regime | Sort-Object -Unique | Should -BeExactly @('calm')
    }

    It 'refuses a transition row that does not sum to 1 before writing anything' {
        $null = New-Item -ItemType Directory -Path ([System.IO.Path]::Combine($root, 'profiles'))
        Set-Content -LiteralPath ([System.IO.Path]::Combine($root, 'profiles', 'broken.json')) -Value '{"policy": {"simulator": {"regimes": {"spike": {"transitions": {"calm": 0.5, "spike": 0.4}}}}}}'
        { Start-SoakRun -Simulate -Iterations 2 -Profile broken -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRegimeTransitions*'
        [System.IO.Directory]::Exists([System.IO.Path]::Combine($root, 'latest')) | Should -BeFalse
        [System.IO.File]::Exists([System.IO.Path]::Combine($root, 'runtime_overrides.json')) | Should -BeFalse
    }

    It 'refuses -Resume when there is nothing to resume' {
        { Start-SoakRun -Resume -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'NothingToResume*'
    }

    It 'ends with one summary line on the information stream, outside the output' {
        $all = @(Start-SoakRun -Mock -Iterations 3 -AutoTune -ArtifactPath $root 6>&1)
        $summary = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] -and $_.Tags -contains 'SoakPS.RunSummary' })
        $summary | Should -HaveCount 1
        $all[-1] | Should -Be $summary[0]
        $runId = @($all | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] })[0].RunId
        "$($summary[0].MessageData)" | Should -Match "^Run $runId completed after 3 iterations: verdict \w+, \d+ (apply|applies), \d+ guard events?; artifacts in "
        @(Start-SoakRun -Mock -Iterations 1 -ArtifactPath $root) | Should -HaveCount 1
    }
    It 'labels every metric with the run and the -MetricsInstance name' {
        $prom = [System.IO.Path]::Combine($root, 'bot-a.prom')
        $last = Start-SoakRun -Mock -Iterations 2 -MetricsFile $prom -MetricsInstance bot-a -ArtifactPath $root -WarningAction SilentlyContinue | Select-Object -Last 1
        $samples = @([System.IO.File]::ReadAllLines($prom) | Where-Object { $_ -notlike '#*' -and $_ })
        $samples.Count | Should -BeGreaterThan 10
        $samples | Should -Match ('^soak_[a-z0-9_]+\{{run_id="{0}",soak_instance="bot-a"' -f $last.RunId)
    }

    It 'keeps Prometheus metrics of the last iteration in -MetricsFile' {
        $prom = [System.IO.Path]::Combine($root, 'textfile', 'soak.prom')
        $last = Start-SoakRun -Mock -Iterations 3 -MetricsFile $prom -ArtifactPath $root -WarningAction SilentlyContinue | Select-Object -Last 1
        $text = [System.IO.File]::ReadAllText($prom)
        $text | Should -Match ('(?m)^soak_iteration\{{run_id="{0}"\}} 3$' -f $last.RunId)
        $text | Should -Match ('(?m)^soak_net_bps\{{run_id="{0}"\}} {1}$' -f $last.RunId, [regex]::Escape($last.NetBps.ToString('R', [cultureinfo]::InvariantCulture)))
    }

    It 'refuses a metrics port that is in use before the run starts' {
        $busy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $busy.Start()
        try {
            $port = $busy.LocalEndpoint.Port
            { Start-SoakRun -Mock -Iterations 2 -MetricsPort $port -ArtifactPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'MetricsPortInUse*'
            [System.IO.Directory]::Exists([System.IO.Path]::Combine($root, 'latest')) | Should -BeFalse
        }
        finally {
            $busy.Stop()
        }
    }
}

Describe 'Start-SoakRun with a real bot' {
    BeforeAll {
        # The bots are pwsh scripts run by this very pwsh (through dotnet when pwsh itself was started as pwsh.dll).
        $script:pwsh = [Environment]::ProcessPath
        $script:pwshPrefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { [System.IO.Path]::Combine($PSHOME, 'pwsh.dll') })
        $script:exampleBot = [System.IO.Path]::GetFullPath("$PSScriptRoot/../../examples/bot/bot.ps1")
    }

    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $root
    }

    It 'runs the example bot once per iteration and tunes from its reports' {
        $iterations = @(Start-SoakRun -Command $pwsh -ArgumentList ($pwshPrefix + @('-NoProfile', '-File', $exampleBot)) -Iterations 2 -AutoTune -IntervalSeconds 0 -ArtifactPath $root)
        $iterations | Should -HaveCount 2
        $iterations.Source | Should -Be @('command', 'command')
        $iterations.Status | Should -Be @('completed', 'completed')
        $iterations[0].Verdict | Should -Not -Be 'INVALID'
        Get-Content -Raw ([System.IO.Path]::Combine($root, 'latest', 'logs', 'iteration_2.out')) | Should -Match 'iteration 2 of run'
    }

    It 'hands the bot an argument with spaces, quotes, ; and $(...) unchanged' {
        $bot = [System.IO.Path]::Combine($root, 'args-bot.ps1')
        Set-Content -LiteralPath $bot -Value @'
param([string] $Text)
[System.IO.File]::WriteAllText("$PSScriptRoot/received.txt", $Text)
[System.IO.File]::WriteAllText($env:SOAK_EDGE_REPORT_PATH, '{"totals":{"net_bps":3.0,"risk_ratio":0.3}}')
'@
        $tricky = 'a b "c" ''d''; echo $(Get-Date) `n'
        $null = Start-SoakRun -Command $pwsh -ArgumentList ($pwshPrefix + @('-NoProfile', '-File', $bot, $tricky)) -Iterations 1 -IntervalSeconds 0 -ArtifactPath $root
        [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'received.txt')) | Should -BeExactly $tricky
    }

    It 'stops with SourceFailedRepeatedly and a failed run.json when the bot keeps failing' {
        $bot = [System.IO.Path]::Combine($root, 'failing-bot.ps1')
        Set-Content -LiteralPath $bot -Value 'exit 3'
        { Start-SoakRun -Command $pwsh -ArgumentList ($pwshPrefix + @('-NoProfile', '-File', $bot)) -Iterations 5 -MaxFailedIterations 2 -IntervalSeconds 0 -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'SourceFailedRepeatedly*'
        $run = Get-Content -Raw ([System.IO.Path]::Combine($root, 'latest', 'run.json')) | ConvertFrom-Json
        $run.status | Should -Be 'failed'
        $run.iterations_completed | Should -Be 2
    }

    It 'takes a new report of a long-running bot each iteration with -ReportPath' {
        $report = [System.IO.Path]::Combine($root, 'edge_report.json')
        $overrides = [System.IO.Path]::Combine($root, 'soak', 'runtime_overrides.json')
        $null = Set-SoakProfile steady_safe -ArtifactPath ([System.IO.Path]::Combine($root, 'soak')) -Confirm:$false
        # In this console: a window of its own is not needed, and under Wine with no display its pwsh.exe has no console and crashes.
        $bot = Start-Process -FilePath $pwsh -PassThru -NoNewWindow -RedirectStandardOutput ([System.IO.Path]::Combine($root, 'bot.out')) `
            -ArgumentList ($pwshPrefix + @('-NoProfile', '-File', $exampleBot, '-ReportPath', $report, '-WindowSeconds', '0.5', '-OverridesPath', $overrides))
        try {
            $iterations = @(Start-SoakRun -ReportPath $report -IterationSeconds 20 -GraceSeconds 5 -Iterations 2 -IntervalSeconds 0 -ArtifactPath ([System.IO.Path]::Combine($root, 'soak')))
        }
        finally {
            Stop-Process -Id $bot.Id -ErrorAction SilentlyContinue
        }
        $iterations.Source | Should -Be @('report', 'report')
        $iterations.Status | Should -Be @('completed', 'completed')
    }
}

Describe 'Start-SoakRun output targets' {
    BeforeEach {
        $root = [System.IO.Path]::Combine($TestDrive, [guid]::NewGuid().ToString('N'))
    }

    It 'refuses a -MetricsFile onto the live parameter file or the journal before the run writes anything' -ForEach @(
        @{ Owned = 'runtime_overrides.json' }, @{ Owned = 'latest/journal.jsonl' }, @{ Owned = '.soak.lock' }
    ) {
        $null = Start-SoakRun -Mock -Iterations 2 -AutoTune -ArtifactPath $root
        $target = [System.IO.Path]::Combine($root, $Owned)
        $before = [System.IO.File]::ReadAllBytes($target)
        $run = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'latest', 'run.json'))
        { Start-SoakRun -Mock -Iterations 2 -AutoTune -MetricsFile $target -Force -ArtifactPath $root -ErrorAction Stop } |
            Should -Throw -ErrorId 'OutputPathReserved,SoakPS.Commands.StartSoakRunCommand'
        [System.IO.File]::ReadAllBytes($target) | Should -Be $before
        [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'latest', 'run.json')) | Should -BeExactly $run
    }
}
