<#
.SYNOPSIS
    Submits a CSV file of Humans in the Loop jobs, safe to stop and start again at any point.

.DESCRIPTION
    Creates one job per row of -CsvPath (columns FileUrl and optionally ProjectId, Prediction, WebhookUrl,
    ExpirationMinutes, as New-HitlJob takes them) and writes every row's job to -OutputPath as CSV (ProjectId, JobId,
    Status, FileUrl).

    Azure Automation stops a sandbox job after three hours of fair share and runs it again from the start; a Hybrid
    Worker may reboot. This runbook keeps a ledger (New-HitlJob -Ledger) on -LedgerPath, by default next to the CSV
    file, so a run that starts over after being killed sends only the rows no earlier run created, looks up on the
    service the rows whose create was cut off halfway, and writes the job of every row again: -OutputPath is complete
    after the last run, however often the runbook was stopped. Keep the CSV file and the ledger on storage every run
    reaches (a file share mounted on the Hybrid Worker, for example). A row whose job cannot be told from the service
    is reported as a LabelOps.Conflict error and is not sent again.

    Connection: the Azure Automation credential asset named -CredentialName (its password is the API key) when the
    runbook runs in Azure Automation and the asset exists; otherwise $env:HITL_API_KEY. The service address is
    -BaseUri, else the Automation variable named -BaseUriVariableName, else $env:HITL_BASE_URI, else the public API.
    Nothing prompts.

.PARAMETER CsvPath
    The rows to submit.

.PARAMETER ProjectId
    The project of rows that name none. Default: the Automation variable 'HitlProjectId', else $env:HITL_PROJECT_ID.

.PARAMETER LedgerPath
    The ledger file. Default: the CSV file's path with '.ledger.jsonl' added. Its folder must exist.

.PARAMETER OutputPath
    Where every row's job is written. Default: the CSV file's path with '.jobs.csv' added.

.PARAMETER ThrottleLimit
    How many creates may be in flight at once. Default: 8.

.PARAMETER CredentialName
    The Azure Automation credential asset that holds the HITL API key as its password. Default: 'HITL'.

.PARAMETER BaseUri
    The HITL API address, e.g. the emulator's http://127.0.0.1:5080.

.PARAMETER BaseUriVariableName
    The Azure Automation variable that holds the API address when -BaseUri is not given. Default: 'HitlBaseUri'.

.EXAMPLE
    .\Submit-HitlJobBatch.ps1 -CsvPath \\files\labeling\batch-45.csv -ProjectId 5f2b7c0e9d3a4c1b8e6f0a12

    Submits batch-45.csv, keeping batch-45.csv.ledger.jsonl and writing batch-45.csv.jobs.csv beside it. Started
    again after a stop, it creates only what is missing and writes the complete list again.

.EXAMPLE
    .\Submit-HitlJobBatch.ps1 -CsvPath D:\drop\jobs.csv -LedgerPath D:\state\jobs.ledger.jsonl -WhatIf

    Shows which rows would be submitted, without sending any or creating the ledger.

.NOTES
    Windows PowerShell 5.1 and PowerShell 7 runbook. Import the LabelOps module into the Automation account first.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [string] $CsvPath,

    [string] $ProjectId,

    [string] $LedgerPath,

    [string] $OutputPath,

    [ValidateRange(1, 64)]
    [int] $ThrottleLimit = 8,

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
    $ProjectId = Get-RunbookSetting -VariableName 'HitlProjectId' -EnvironmentName 'HITL_PROJECT_ID'
}
if (-not $BaseUri) {
    $BaseUri = Get-RunbookSetting -VariableName $BaseUriVariableName -EnvironmentName 'HITL_BASE_URI'
}
$csv = (Resolve-Path -LiteralPath $CsvPath).ProviderPath
if (-not $LedgerPath) { $LedgerPath = $csv + '.ledger.jsonl' }
if (-not $OutputPath) { $OutputPath = $csv + '.jobs.csv' }

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

$rows = @(Import-Csv -LiteralPath $csv | ForEach-Object {
        # Rows that name no project take -ProjectId (a CSV of file URLs only is enough).
        if (-not ($_.PSObject.Properties.Name -contains 'ProjectId') -or -not $_.ProjectId) {
            if (-not $ProjectId) {
                throw 'A row names no project: add a ProjectId column, pass -ProjectId, or set the Automation variable HitlProjectId.'
            }
            $_ | Add-Member -NotePropertyName 'ProjectId' -NotePropertyValue $ProjectId -Force
        }
        $_
    })
Write-Verbose ("{0} row(s) in '{1}'; ledger '{2}'." -f $rows.Count, $csv, $LedgerPath)

# -Ledger makes the create restartable; a failed row is one non-terminating error and the others go on.
# The output file is rewritten by every run and is complete after the last one.
$rows |
    New-HitlJob -Ledger $LedgerPath -ThrottleLimit $ThrottleLimit -Confirm:$false -ErrorAction Continue |
    Select-Object ProjectId, JobId, Status, @{ Name = 'FileUrl'; Expression = { $_.FileUrl -join ';' } } |
    Export-Csv -LiteralPath $OutputPath -NoTypeInformation
