# Examples in Get-Help are code only: what a user pastes must parse, and hold no sample output (tables, "What if:"
# lines), which goes to the remarks (src/LabelOps.HelpCompiler/PlatyPsMarkdownReader.cs, ```Output blocks).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $commands = @(Get-Command -Module LabelOps | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
}

Describe 'Help examples are code only' {
    It 'Every example of <Name> parses and holds no sample output' -TestCases $commands {
        param($Name)
        $problems = @()
        $number = 0
        foreach ($example in @((Get-Help $Name -Full).examples.example)) {
            $number++
            $code = [string]$example.code
            $tokens = $null; $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$errors)
            if ($errors.Count -gt 0) { $problems += "example ${number}: " + $errors[0].Message }
            foreach ($line in $code -split "`r?`n") {
                if ($line -match '^\s*-{3,}(\s+-{3,})*\s*$' -or $line -match '^\s*What if:' -or $line -match '^PS [A-Z]:\\') { $problems += "example ${number} holds output: $line" }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'Sample output of an example is shown in its remarks' {
        $example = @((Get-Help Save-HitlJobFile -Full).examples.example)[3]
        [string]$example.code | Should -Not -Match 'What if:'
        (@($example.remarks | ForEach-Object { $_.Text }) -join "`n") | Should -Match 'What if:'
    }
}
