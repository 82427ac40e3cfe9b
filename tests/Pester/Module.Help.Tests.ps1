# Get-Help is part of the product: every exported cmdlet has real help, offline, from out/LabelOps/en-US, with a
# synopsis of its own and at least two examples. The parameters' help is specified in Module.Conventions.Tests.ps1
# (every parameter described, no other one, types and pipeline input as the code has them), the examples' code in
# Module.HelpExamples.Tests.ps1 (it parses, holds no output, uses only commands that exist) and the about topics in
# Module.Views.Tests.ps1.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $cmdlets = @(Get-Command -Module LabelOps -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
}

Describe 'Cmdlet help' {
    It '<Name> has a synopsis of its own and at least two examples' -TestCases $cmdlets {
        param($Name)
        $help = Get-Help $Name -Full -ErrorAction Stop

        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the synopsis from the syntax: "Get-HitlJob [-ProjectId] <string> ...".
        $synopsis | Should -Not -BeLike "$Name *"
        @($help.examples.example | Where-Object { ([string]$_.code).Trim() }).Count | Should -BeGreaterOrEqual 2
    }
}
