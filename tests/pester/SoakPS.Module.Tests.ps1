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
}
