# Get-Help is part of the product: every exported cmdlet has real help, offline, from out/LabelOps/en-US, with a
# synopsis of its own, at least two examples that each say what they do, and an online page. The parameters' help is specified in Module.Conventions.Tests.ps1
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
        # Each example says what it does, beneath its code.
        $number = 0
        foreach ($example in @($help.examples.example)) {
            $number++
            (@($example.remarks | ForEach-Object { $_.Text }) -join '').Trim() | Should -Not -BeNullOrEmpty -Because "example $number of $Name needs remarks"
        }
    }

    It '<Name> opens its page in the repository with Get-Help -Online' -TestCases $cmdlets {
        param($Name)
        # Get-Help -Online opens the first related link; the help is installed with the module, so this is the only
        # place newer help lives (there is nothing for Update-Help to download).
        $first = @((Get-Help $Name -Full).relatedLinks.navigationLink)[0]
        [string]$first.uri | Should -BeExactly ('https://github.com/labelops/labelops/blob/main/docs/en-US/' + $Name + '.md')
    }
}
