# Examples in Get-Help are code only: what a user pastes must parse, and hold no sample output (tables, "What if:"
# lines), which goes to the remarks (src/LabelOps.HelpCompiler/PlatyPsMarkdownReader.cs, ```Output blocks). And
# every command an example calls exists: LabelOps's own are exported by the module, the others are found by
# Get-Command in this pwsh, except the Azure Automation and Az commands that only runbook examples call.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $commands = @(Get-Command -Module LabelOps | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    # Azure Automation's own commands, which exist only inside an Automation job.
    $automationCommands = @('Get-AutomationPSCredential', 'Get-AutomationVariable', 'Set-AutomationVariable')
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

    It 'Every command an example of <Name> uses exists' -TestCases $commands {
        param($Name)
        $exported = @(Get-Command -Module LabelOps | ForEach-Object { $_.Name })
        $unknown = @()
        $used = 0
        foreach ($example in @((Get-Help $Name -Full).examples.example)) {
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$example.code, [ref]$tokens, [ref]$errors)
            foreach ($call in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $command = $call.GetCommandName()
                # Scripts (./Sync-Labels.ps1) and names that are not Verb-Noun are not commands to look up.
                if (-not $command -or -not $command.Contains('-') -or $command.Contains('/') -or $command.Contains('\') -or $command.EndsWith('.ps1')) { continue }
                $used++
                if ($command -match '-(Hitl|Ango)') {
                    if ($exported -notcontains $command) { $unknown += $command }
                }
                elseif ($command -match '^[A-Za-z]+-Az' -or $automationCommands -contains $command) {
                    continue # Azure PowerShell (Az modules) and Azure Automation, for runbook examples
                }
                elseif (-not (Get-Command -Name $command -ErrorAction SilentlyContinue)) {
                    $unknown += $command
                }
            }
        }
        $used | Should -BeGreaterThan 0 -Because 'every example calls a command'
        $unknown | Should -BeNullOrEmpty
    }
}
