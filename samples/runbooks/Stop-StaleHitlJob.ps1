<#
.SYNOPSIS
    Hourly clean-up on Humans in the Loop: cancels the jobs that are still waiting for a worker after a given time.

.DESCRIPTION
    For each project, lists the jobs whose status is still 'new' and cancels those created more than
    -OlderThanMinutes ago. Jobs a worker has started ('progress') are left alone. Each cancelled job is written to
    the output. A job that cannot be cancelled is one error, and the others still go on.

    Running it again cancels nothing twice: a cancelled job is no longer 'new'. Try it with -WhatIf first: it then
    lists what it would cancel and sends no cancellation.

    Connection: the Azure Automation credential asset named -CredentialName (its password is the API key) when the
    runbook runs in Azure Automation and the asset exists; otherwise $env:HITL_API_KEY. The service address is
    -BaseUri, else the Automation variable named -BaseUriVariableName, else $env:HITL_BASE_URI, else the public API.
    Nothing prompts.

.PARAMETER ProjectId
    The HITL projects to clean up. Default: the Automation variable 'HitlProjectId', else $env:HITL_PROJECT_ID
    (several IDs separated by commas).

.PARAMETER OlderThanMinutes
    How long a job may wait for a worker before it is cancelled. Default: 60.

.PARAMETER CredentialName
    The Azure Automation credential asset that holds the HITL API key as its password. Default: 'HITL'.

.PARAMETER BaseUri
    The HITL API address, e.g. the emulator's http://127.0.0.1:5080.

.PARAMETER BaseUriVariableName
    The Azure Automation variable that holds the API address when -BaseUri is not given. Default: 'HitlBaseUri'.

.EXAMPLE
    .\Stop-StaleHitlJob.ps1 -ProjectId 5f2b7c0e9d3a4c1b8e6f0a12 -OlderThanMinutes 120 -WhatIf

    Lists the jobs that have waited more than two hours, without cancelling them.

.EXAMPLE
    .\Stop-StaleHitlJob.ps1 -ProjectId 5f2b7c0e9d3a4c1b8e6f0a12, 5f2b7c0e9d3a4c1b8e6f0a13

    Cancels the jobs of both projects that have waited more than an hour.

.NOTES
    Windows PowerShell 5.1 and PowerShell 7 runbook. Import the LabelOps module into the Automation account first.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string[]] $ProjectId,

    [ValidateRange(1, 525600)]
    [int] $OlderThanMinutes = 60,

    [string] $CredentialName = 'HITL',

    [string] $BaseUri,

    [string] $BaseUriVariableName = 'HitlBaseUri'
)

$ErrorActionPreference = 'Stop'

# Azure Automation imports each runbook on its own, so these settings functions stand in every runbook
# rather than in a shared module that each Automation account would have to import as well.
function Get-RunbookSetting {
    # An Azure Automation variable when the runbook runs there and the variable exists, else an environment variable.
    param([string] $VariableName, [string] $EnvironmentName)
    if ($VariableName -and (Get-Command -Name Get-AutomationVariable -ErrorAction SilentlyContinue)) {
        try {
            $value = Get-AutomationVariable -Name $VariableName -ErrorAction Stop
            if ($value) {
                return [string]$value
            }
        }
        catch {
            Write-Verbose "No Automation variable '$VariableName'; trying `$env:$EnvironmentName."
        }
    }
    if ($EnvironmentName) {
        [System.Environment]::GetEnvironmentVariable($EnvironmentName)
    }
}

function Get-RunbookCredential {
    # The Azure Automation credential asset, or $null outside Azure Automation or when there is no such asset.
    param([string] $Name)
    if ($Name -and (Get-Command -Name Get-AutomationPSCredential -ErrorAction SilentlyContinue)) {
        try {
            return Get-AutomationPSCredential -Name $Name -ErrorAction Stop
        }
        catch {
            Write-Verbose "No Automation credential '$Name'; using `$env:HITL_API_KEY."
        }
    }
    $null
}

if (-not $ProjectId) {
    $setting = Get-RunbookSetting -VariableName 'HitlProjectId' -EnvironmentName 'HITL_PROJECT_ID'
    if ($setting) {
        $ProjectId = @($setting.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
}
if (-not $ProjectId) {
    throw 'No project: pass -ProjectId, or set the Automation variable HitlProjectId or $env:HITL_PROJECT_ID.'
}
if (-not $BaseUri) {
    $BaseUri = Get-RunbookSetting -VariableName $BaseUriVariableName -EnvironmentName 'HITL_BASE_URI'
}

$connect = @{ ErrorAction = 'Stop' }
if ($BaseUri) {
    $connect['BaseUri'] = $BaseUri
}
$credential = Get-RunbookCredential -Name $CredentialName
if ($null -ne $credential) {
    $connect['Credential'] = $credential
}
# Without -Credential, Connect-Hitl reads $env:HITL_API_KEY; it checks the key before anything else runs.
Connect-Hitl @connect

# Compared as instants: CreateDate is a DateTimeOffset, so the local time zone of the worker does not matter.
$cutoff = [System.DateTimeOffset]::UtcNow.AddMinutes(-$OlderThanMinutes)
Write-Verbose ("Cancelling jobs still 'new' that were created before {0:u}." -f $cutoff)

foreach ($project in $ProjectId) {
    # -Status new is filtered by the service; the age is checked here. A project that cannot be read is one error.
    $stale = @(Get-HitlJob -ProjectId $project -Status new -ErrorAction Continue |
            Where-Object { $null -ne $_.CreateDate -and $_.CreateDate -lt $cutoff })
    Write-Verbose ("Project {0}: {1} stale job(s)." -f $project, $stale.Count)
    if ($stale.Count -gt 0) {
        # -Confirm:$false because this runs unattended; -WhatIf on the runbook reaches Stop-HitlJob.
        $stale | Stop-HitlJob -Confirm:$false -PassThru -ErrorAction Continue
    }
}
