# Module-level checks: the manifest, the exports and the help, as a user sees them after Import-Module.
BeforeAll {
    $modulePath = if ($env:SOAKPS_MODULE_PATH) { $env:SOAKPS_MODULE_PATH } else { "$PSScriptRoot/../../out/SoakPS/SoakPS.psd1" }
    Import-Module $modulePath -Force -ErrorAction Stop
    $module = Get-Module SoakPS
}

Describe 'SoakPS module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path "$($module.ModuleBase)/SoakPS.psd1" -ErrorAction Stop } | Should -Not -Throw
    }

    It 'is a Core module for PowerShell 7.4 or later' {
        $module.PowerShellVersion | Should -Be ([version]'7.4')
        $module.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports cmdlets only, and each one exists' {
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        foreach ($name in $module.ExportedCmdlets.Keys) {
            (Get-Command $name -ErrorAction Stop).CommandType | Should -Be 'Cmdlet'
        }
    }

    It 'ships no PowerShell reference assembly' {
        [System.IO.File]::Exists([System.IO.Path]::Combine($module.ModuleBase, 'System.Management.Automation.dll')) | Should -BeFalse
    }

    It 'has an about topic' {
        [System.IO.File]::Exists([System.IO.Path]::Combine($module.ModuleBase, 'en-US', 'about_SoakPS.help.txt')) | Should -BeTrue
    }
}

Describe 'SoakPS help' {
    It 'gives every exported cmdlet a synopsis, a description and an example' {
        $module.ExportedCmdlets.Count | Should -BeGreaterThan 0
        foreach ($name in $module.ExportedCmdlets.Keys) {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because "$name needs a synopsis"
            $help.Synopsis | Should -Not -Match "^$name \[" -Because "$name's synopsis must come from its help page"
            ($help.description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty -Because "$name needs a description"
            @($help.examples.example).Count | Should -BeGreaterThan 0 -Because "$name needs an example"
        }
    }

    It "names every cmdlet's help page in the repository of the manifest's ProjectUri as its online version" {
        $project = $module.PrivateData.PSData.ProjectUri
        $project | Should -Match '^https://'
        foreach ($name in $module.ExportedCmdlets.Keys) {
            $links = @((Get-Help $name -Full).relatedLinks.navigationLink)
            $links[0].uri | Should -Be "$project/blob/main/docs/en-US/$name.md" -Because "Get-Help $name -Online opens the first related link"
        }
    }

    # Opening a browser is the platform's business; a stand-in for xdg-open records what Get-Help -Online asks it to open.
    It 'opens the online version with Get-Help -Online instead of failing generically' -Skip:($IsWindows -or $IsMacOS) {
        $bin = Join-Path $TestDrive 'bin'
        $null = New-Item -ItemType Directory -Force -Path $bin
        $opened = Join-Path $TestDrive 'opened.txt'
        Set-Content -LiteralPath (Join-Path $bin 'xdg-open') -Value "#!/bin/sh`nprintf '%s\n' `"`$1`" >> '$opened'"
        chmod +x (Join-Path $bin 'xdg-open')
        $path = $env:PATH
        try {
            $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$path"
            { Get-Help Start-SoakRun -Online -ErrorAction Stop } | Should -Not -Throw
        }
        finally {
            $env:PATH = $path
        }
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while (-not (Test-Path -LiteralPath $opened) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Get-Content -LiteralPath $opened | Should -Be "$($module.PrivateData.PSData.ProjectUri)/blob/main/docs/en-US/Start-SoakRun.md"
    }
}
