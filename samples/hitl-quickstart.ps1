<#
.SYNOPSIS
    A labeling lead's daily run on Humans in the Loop: submit a batch of images from a CSV, wait for the
    labels, report job metrics, tidy up jobs nobody has picked up, and note the service's egress IP.

.DESCRIPTION
    Quickest way to see it work (only the .NET SDK needed): from the repository root run

        dotnet run --project src/LabelOps.Demo

    which starts the embedded emulator, sets HITL_API_KEY, HITL_BASE_URI and HITL_DEMO_PROJECT_ID, and runs
    this script.

    With pwsh 7 or Windows PowerShell 5.1, against the standalone emulator, nothing needs to be set:

        dotnet run --project src/LabelOps.Emulator      # in a second terminal (http://127.0.0.1:5080)
        pwsh samples/hitl-quickstart.ps1

    With no $env:HITL_API_KEY the script uses the emulator's demo account (key labelops-demo-key at
    http://127.0.0.1:5080) and its project 'Street scenes demo'.

    Against your real account, set only $env:HITL_API_KEY (Connect-Hitl then uses the public API) and pass the
    -ProjectId of an active project. Note that the last step cancels every job of that project that is still
    waiting for a worker.

.PARAMETER ProjectId
    The active HITL project that receives the jobs. Default: $env:HITL_DEMO_PROJECT_ID, else (on the emulator's
    demo account) its project 'Street scenes demo' (5f1e1d0c0b0a090807060504).

.PARAMETER JobsCsv
    The jobs to submit: columns FileUrl (one or more URLs separated by ';') and ExpirationMinutes (1 to 1440).
    Default: jobs.csv next to this script.

.PARAMETER MetricsCsv
    Where to save the daily metrics when Export-Csv is available. Default: hitl-metrics.csv in the temp folder.
#>
[CmdletBinding()]
param(
    [string] $ProjectId = $env:HITL_DEMO_PROJECT_ID,
    [string] $JobsCsv,
    [string] $MetricsCsv
)

# Written for Windows PowerShell 5.1 as well as PowerShell 7: no ?? or ?: operators, no ForEach-Object -Parallel.
# It also runs in the bare engine of the LabelOps demo host, which has the core cmdlets only (Where-Object,
# ForEach-Object, Get-Command, Import-Module, Out-Host...) but not Join-Path, Import-Csv, Export-Csv, Format-Table
# or Write-Host; so paths are built with .NET, and headings are plain strings.
#
# Each batch of objects is shown with Out-Host, which formats it with the module's table view for its type.
# Left in the script's output instead, only the first type would get its table: PowerShell formats everything
# a script outputs in the shape chosen for the first object, and objects of other types come out as lists.

# With no key in the environment, the standalone emulator's demo account (DemoAccount in src/LabelOps.Emulator).
$useDemoAccount = -not $env:HITL_API_KEY
$demoKey = 'labelops-demo-key'
$demoUri = 'http://127.0.0.1:5080'
if ($env:LABELOPS_EMULATOR_URI) { $demoUri = $env:LABELOPS_EMULATOR_URI }   # an emulator on another port
$demoProjectId = '5f1e1d0c0b0a090807060504'   # DemoAccount.HitlProjectId: the HITL API cannot list projects
if (-not $ProjectId -and -not $useDemoAccount) {
    throw 'No project to work on: pass -ProjectId or set $env:HITL_DEMO_PROJECT_ID.'
}
if (-not $JobsCsv) {
    $JobsCsv = [System.IO.Path]::Combine($PSScriptRoot, 'jobs.csv')
}
if (-not $MetricsCsv) {
    $MetricsCsv = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'hitl-metrics.csv')
}

# The demo host imports LabelOps before running this script. Under pwsh, prefer the repository's own build
# (dotnet build puts it in out/LabelOps), else an installed copy.
if (-not (Get-Module LabelOps)) {
    $built = [System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LabelOps', 'LabelOps.psd1')
    if ([System.IO.File]::Exists($built)) {
        Import-Module $built -ErrorAction Stop
    }
    else {
        Import-Module LabelOps -ErrorAction Stop
    }
}

function Read-JobRow {
    # One object per CSV row, with a property per column, as Import-Csv gives them.
    param([string] $Path)

    # .NET resolves relative paths against the process directory, PowerShell against the current location.
    $fullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (Get-Command Import-Csv -ErrorAction SilentlyContinue) {
        return Import-Csv -LiteralPath $fullPath
    }

    # No Import-Csv (the demo host's bare engine): a few lines of .NET read this simple file, which has a header
    # row and no quoted fields (several URLs in one cell are separated by ';', never by ',').
    $lines = @([System.IO.File]::ReadAllLines($fullPath) | Where-Object { $_.Trim() })
    $columns = $lines[0].Split(',') | ForEach-Object { $_.Trim() }
    for ($i = 1; $i -lt $lines.Count; $i++) {
        $cells = $lines[$i].Split(',')
        $row = [ordered]@{}
        for ($c = 0; $c -lt $columns.Count; $c++) {
            $row[$columns[$c]] = if ($c -lt $cells.Count) { $cells[$c].Trim() } else { '' }
        }
        [pscustomobject]$row
    }
}

# --- Connect ---------------------------------------------------------------------------------------------------
# With no -ApiKey, Connect-Hitl reads $env:HITL_API_KEY, and $env:HITL_BASE_URI when it is set (the emulator);
# it checks the key with the health call, so a wrong key fails here rather than halfway through.
'Connecting to Humans in the Loop:'
if ($useDemoAccount) {
    'No $env:HITL_API_KEY: using the emulator demo account at ' + $demoUri
    Connect-Hitl -BaseUri $demoUri -ApiKey (ConvertTo-SecureString $demoKey -AsPlainText -Force) -PassThru -ErrorAction Stop | Out-Host
}
else {
    Connect-Hitl -PassThru -ErrorAction Stop | Out-Host
}
if (-not $ProjectId) {
    $ProjectId = $demoProjectId
}
Get-HitlProject -ProjectId $ProjectId -ErrorAction Stop | Out-Host

# --- Submit the batch ------------------------------------------------------------------------------------------
# Rows bind to New-HitlJob by column name (FileUrl, ExpirationMinutes); the project comes from the parameter.
# A row the service rejects writes an error and the other rows still go through.
$rows = @(Read-JobRow -Path $JobsCsv)
'Submitting {0} jobs from {1}:' -f $rows.Count, [System.IO.Path]::GetFileName($JobsCsv)
$jobs = @($rows | New-HitlJob -ProjectId $ProjectId)
$jobs | Out-Host

# --- Wait for the labels ---------------------------------------------------------------------------------------
# One poll a second for the whole batch (the bulk status endpoint), each job written as it finishes. Jobs still
# open after a minute get a WaitTimeout error each; check again later with Get-HitlJob.
'Results:'
$finished = @($jobs | Wait-HitlJob -PollInterval 1 -Timeout 60)
$finished | Out-Host

# Annotations are shaped as the project's instructions describe; this project returns a list of labels.
foreach ($job in ($finished | Where-Object Status -eq done)) {
    $labels = @($job.Annotations.labels | Where-Object { $_ })
    '  {0}: {1} label(s) {2}' -f $job.JobId, $labels.Count, (($labels | ForEach-Object { $_.label + '/' + $_.type }) -join ', ')
}

# --- Metrics ---------------------------------------------------------------------------------------------------
# One flat row per project per day, the shape Export-Csv wants for a spreadsheet or a BI import.
'Job metrics for the last 7 days, by day:'
$metrics = @(Get-HitlMetric -GroupBy Day -ProjectId $ProjectId -StartDate ([DateTime]::Today.AddDays(-6)))
$metrics | Out-Host
if (Get-Command Export-Csv -ErrorAction SilentlyContinue) {
    $metrics | Export-Csv -LiteralPath $MetricsCsv -NoTypeInformation
    'Saved to {0}' -f $MetricsCsv
}

# --- Tidy up ---------------------------------------------------------------------------------------------------
# A late addition to the batch that no worker has started yet: at the end of the day, cancel whatever is still
# waiting so that nobody starts on stale work. -Confirm:$false because this runs unattended; try -WhatIf first.
'Cancelling jobs that nobody has started:'
$null = New-HitlJob -ProjectId $ProjectId -FileUrl 'https://images.example.com/street-scenes/2024-05-15/cam09_000301.jpg' -ExpirationMinutes 60
Get-HitlJob -ProjectId $ProjectId | Where-Object Status -eq new | Stop-HitlJob -Confirm:$false -PassThru | Out-Host

# --- Firewall --------------------------------------------------------------------------------------------------
# The service downloads job files and calls webhooks from one static address: allow it on your side.
'Humans in the Loop connects to your file hosts and webhooks from {0}' -f (Get-HitlEgressIp)
