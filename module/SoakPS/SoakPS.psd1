@{
    RootModule           = 'SoakPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f4c1e-8a5b-4f7e-9b63-2a9c1f0e7d41'
    Author               = 'SoakPS team'
    CompanyName          = 'SoakPS'
    Copyright            = '(c) SoakPS team. MIT License.'
    Description          = 'Soak tests of a market-making bot with safe, guarded tuning of its runtime parameters between iterations.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('SoakPS.format.ps1xml')
    CmdletsToExport      = @(
        'Start-SoakRun'
        'Get-SoakIteration'
        'Set-SoakProfile'
        'Get-SoakProfile'
        'Undo-SoakTuning'
        'Get-SoakTuningState'
        'Invoke-SoakRotation'
        'Invoke-SoakStudy'
        'Export-SoakReport'
        'Find-SoakPreset'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('soak', 'market-making', 'tuning', 'trading', 'testing', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/soakps/SoakPS'
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First release: soak runs of a market-making bot (mock, replay or bot command) with guarded live tuning of runtime_overrides.json, KPI gate with -FailOnKpi, undo, tuning state, rotation of artifacts.'
        }
    }
}
