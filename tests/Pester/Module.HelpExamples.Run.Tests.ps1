# Every example of every cmdlet's help runs against the emulator (issue 11): the code Get-Help shows, as a user pastes
# it, in a fresh runspace of its own, in an empty working folder, after the example's fixture
# (HelpExampleFixtures.ps1) has prepared what the example needs. A case fails when the example writes an error, throws,
# or does not end within a minute; an example that cannot run here is skipped with its reason. Module.HelpExamples
# .Tests.ps1 checks that the examples parse and hold no sample output; this file checks that they work.
#
# Before the example runs, its runspace has: the working folder as its location and $env:TEMP; the account's key in
# $env:HITL_API_KEY and $env:ANGO_API_KEY and the emulator in $env:HITL_BASE_URI and $env:ANGO_BASE_URI (so Connect-*
# without -BaseUri, and the default sessions, reach the emulator; Connect-Ango:BaseUri is also a default parameter
# value, since an explicit -Region beats the environment); both services connected as the default sessions; and
# stand-ins for Get-AutomationPSCredential, Get-AutomationVariable, Get-Credential and Read-Host; and Set-StrictMode
# -Version Latest, so that a property the example names and the object lacks is an error rather than an empty value
# (a fixture's NotStrict, with its reason, turns it off).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    . (Join-Path $PSScriptRoot 'HelpExampleFixtures.ps1')
    $examples = @(
        foreach ($command in @(Get-Command -Module LabelOps | Sort-Object Name)) {
            $number = 0
            foreach ($example in @((Get-Help $command.Name -Full).examples.example)) {
                $number++
                $fixture = $HelpExampleFixtures["$($command.Name) $number"]
                $skip = if ($null -ne $fixture -and $fixture.Skip) { [string]$fixture.Skip } else { '' }
                # The reason is part of the name, so that a run's output says why the case was skipped.
                $note = if ($skip) { " (skipped: $skip)" } else { '' }
                @{ Name = $command.Name; Number = $number; Skip = $skip; Note = $note }
            }
        }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    . (Join-Path $PSScriptRoot 'HelpExampleFixtures.ps1')

    # ForEach-Object -Parallel starts runspaces of its own, which find the module by name.
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = [System.IO.Path]::GetDirectoryName([System.IO.Path]::GetDirectoryName((Get-LabelOpsManifestPath))) +
        [System.IO.Path]::PathSeparator + $env:PSModulePath

    $standIns = @'
function global:Get-AutomationPSCredential {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    [System.Management.Automation.PSCredential]::new($Name, $HelpExampleKey)
}
function global:Get-AutomationVariable {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    if (-not $HelpExampleAutomationVariables.ContainsKey($Name)) { throw "The fixture has no Automation variable '$Name'." }
    $HelpExampleAutomationVariables[$Name]
}
function global:Get-Credential {
    [CmdletBinding()] param([Parameter(Position = 0)][string] $UserName = 'user', [string] $Message, [string] $Title)
    [System.Management.Automation.PSCredential]::new($UserName, $HelpExampleKey)
}
function global:Read-Host {
    [CmdletBinding()] param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString, [switch] $MaskInput)
    if ($AsSecureString) { $HelpExampleKey } else { 'y' }
}
$PSDefaultParameterValues['Connect-Ango:BaseUri'] = $env:ANGO_BASE_URI
Set-Location -LiteralPath $HelpExampleFolder
Connect-Hitl -RetryInterval 0.01 -MaximumRetryCount 2
Connect-Ango -RetryInterval 0.01 -MaximumRetryCount 2
# A property or variable the example names that does not exist is an error, not an empty value.
Set-StrictMode -Version Latest
'@

    $environmentNames = @('HITL_API_KEY', 'HITL_BASE_URI', 'ANGO_API_KEY', 'ANGO_BASE_URI', 'TEMP')

    function Get-HelpExampleCode {
        param([string] $Name, [int] $Number)
        [string]@((Get-Help $Name -Full).examples.example)[$Number - 1].code
    }

    function Invoke-HelpExample {
        <#
            Runs one example as described at the top of this file and returns its streams (Invoke-InTestRunspace's
            shape), plus Code (what ran) and Context (what the fixture made).
        #>
        param([string] $Name, [int] $Number)
        $fixture = $HelpExampleFixtures["$Name $Number"]
        if ($null -eq $fixture) { $fixture = @{} }
        $account = New-EmulatorAccount
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-example-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
        $context = [pscustomobject]@{
            Account             = $account
            Emulator            = $emulator
            Folder              = $folder
            # literal text of the example -> what it becomes here (ids of the fixture's objects, shorter waits)
            Replace             = [ordered]@{}
            AutomationVariables = @{}
            Variables           = @{}
            Parameters          = @{}
            State               = @{}
        }
        if ($fixture.Replace) { foreach ($key in @($fixture.Replace.Keys)) { $context.Replace[$key] = $fixture.Replace[$key] } }
        $saved = @{}
        foreach ($variable in $environmentNames) { $saved[$variable] = [System.Environment]::GetEnvironmentVariable($variable) }
        $runspace = $null
        $running = $null
        try {
            [System.Environment]::SetEnvironmentVariable('HITL_API_KEY', $account.PlainKey)
            [System.Environment]::SetEnvironmentVariable('ANGO_API_KEY', $account.PlainKey)
            [System.Environment]::SetEnvironmentVariable('HITL_BASE_URI', $emulator.BaseUri.AbsoluteUri)
            [System.Environment]::SetEnvironmentVariable('ANGO_BASE_URI', (Get-AngoTestUri).AbsoluteUri)
            [System.Environment]::SetEnvironmentVariable('TEMP', $folder)
            if ($fixture.Arrange) { & $fixture.Arrange $context }

            $code = Get-HelpExampleCode -Name $Name -Number $Number
            foreach ($literal in @($context.Replace.Keys)) {
                # A literal the example no longer holds means the fixture is out of date.
                if (-not $code.Contains($literal)) { throw "The fixture replaces '$literal', which example $Number of $Name does not hold." }
                $code = $code.Replace($literal, [string]$context.Replace[$literal])
            }

            $variables = @{ HelpExampleKey = $account.ApiKey; HelpExampleFolder = $folder; HelpExampleAutomationVariables = $context.AutomationVariables }
            foreach ($variable in @($context.Variables.Keys)) { $variables[$variable] = $context.Variables[$variable] }
            $runspace = New-TestRunspace -Variables $variables
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $standIns -ThrowOnError
            if ($fixture.NotStrict) { $null = Invoke-InTestRunspace -Runspace $runspace -Script 'Set-StrictMode -Off' -ThrowOnError }
            if ($fixture.Prelude) { $null = Invoke-InTestRunspace -Runspace $runspace -Script $fixture.Prelude -ThrowOnError }

            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $null = $shell.AddScript($code)
            if ($context.Parameters.Count -gt 0) { $null = $shell.AddParameters($context.Parameters) }
            $inputItems = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $inputItems.Complete()
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $running = [pscustomobject]@{ Shell = $shell; Handle = $shell.BeginInvoke($inputItems, $output); Output = $output }

            # What happens elsewhere while the example waits (a worker finishing a job).
            if ($fixture.During) { & $fixture.During $context }
            $finished = Wait-InTestRunspace -Running $running -TimeoutSeconds 60
            $result = Get-InTestRunspaceResult -Running $running
            Add-Member -InputObject $result -NotePropertyName Finished -NotePropertyValue $finished
            Add-Member -InputObject $result -NotePropertyName Code -NotePropertyValue $code
            Add-Member -InputObject $result -NotePropertyName Context -NotePropertyValue $context
            if ($finished) {
                # Errors the example silenced (-ErrorAction SilentlyContinue), for a reader of a failed case.
                $silenced = (Invoke-InTestRunspace -Runspace $runspace -Script '$Error | ForEach-Object { $_.ToString() }').Output
                Add-Member -InputObject $result -NotePropertyName Silenced -NotePropertyValue @($silenced)
            }
            if ($finished -and $fixture.Assert) { & $fixture.Assert $context $result }
            $result
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
            foreach ($variable in $environmentNames) { [System.Environment]::SetEnvironmentVariable($variable, $saved[$variable]) }
            try { [System.IO.Directory]::Delete($folder, $true) } catch { Write-Verbose "Left $folder ($($_.Exception.Message))" }
        }
    }

    function Get-HelpExampleProblem {
        # What went wrong in a run, as text: errors, what ended it, or that it did not end.
        param($Result)
        $problems = @()
        if (-not $Result.Finished) { $problems += 'it did not end within 60 s' }
        foreach ($record in $Result.Errors) { $problems += 'error: ' + $record.ToString() + ' (' + $record.FullyQualifiedErrorId + ')' }
        if ($null -ne $Result.Terminating) {
            # EndInvoke wraps what ended the script.
            $exception = $Result.Terminating
            if ($exception -is [System.Management.Automation.MethodInvocationException] -and $null -ne $exception.InnerException) { $exception = $exception.InnerException }
            $problems += 'terminating: ' + $exception.Message
        }
        if ($problems.Count -gt 0) { $problems += "the code that ran:`n" + $Result.Code }
        $problems -join "`n"
    }
}

AfterAll {
    $env:PSModulePath = $savedModulePath
}

Describe 'Help examples run against the emulator' {
    It '<Name> example <Number> runs without an error<Note>' -TestCases $examples {
        param($Name, $Number, $Skip, $Note)
        if ($Skip) {
            # Pester's normal output lists no skipped test, so the reason is printed here too.
            Write-Host "[!] $Name example $Number is skipped: $Skip"
            Set-ItResult -Skipped -Because $Skip
            return
        }
        $result = Invoke-HelpExample -Name $Name -Number $Number
        Get-HelpExampleProblem -Result $result | Should -BeNullOrEmpty
    }
}
