# Baseline of the import benchmark (tests/TableauWebhooks.Benchmarks): a binary module that does nothing.
@{
    RootModule           = 'TableauWebhooks.Benchmarks.EmptyModule.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '0b8e7a52-3c1d-4f6a-9e2b-7d4c5a6f8e10'
    Author               = 'TableauWebhooks contributors'
    Description          = 'Empty binary module: the baseline of the import benchmark.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Get-Empty')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
