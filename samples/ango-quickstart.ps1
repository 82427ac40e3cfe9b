<#
.SYNOPSIS
    A project lead's tour of an Ango Hub project: look at the project, import new frames, assign them, send a
    questioned task back for rework, watch the tasks go through Label and Review to Complete, export the
    annotations and read the project's metrics.

.DESCRIPTION
    Quickest way to see it work (only the .NET SDK needed): from the repository root run

        dotnet run --project src/LabelOps.Demo

    which starts the embedded emulator and runs this script after samples/hitl-quickstart.ps1.

    With pwsh 7 or Windows PowerShell 5.1, against the standalone emulator, nothing needs to be set:

        dotnet run --project src/LabelOps.Emulator      # in a second terminal (http://127.0.0.1:5080)
        pwsh samples/ango-quickstart.ps1

    With no $env:ANGO_API_KEY the script uses the emulator's demo account (key labelops-demo-key at
    http://127.0.0.1:5080/v2/) and its project 'Street scenes (Ango demo)'. Against your real account, set
    $env:ANGO_API_KEY (and $env:ANGO_BASE_URI for another region) and pass -ProjectId, -Labeler and
    -ImageUri: the script adds those images to the project and requeues one task.

.PARAMETER ProjectId
    The project to work on. Default: $env:ANGO_DEMO_PROJECT_ID, else (on the emulator) the demo project.

.PARAMETER Labeler
    The project member the new tasks are assigned to. Default: ada@example.test (a labeler of the demo project).

.PARAMETER ImageUri
    The images to import (public http(s) URLs). Default: three frames on images.example.com.

.PARAMETER TimeoutSeconds
    How long to watch the new tasks before giving up. Default: 60.
#>
[CmdletBinding()]
param(
    [string] $ProjectId = $env:ANGO_DEMO_PROJECT_ID,
    [string] $Labeler = 'ada@example.test',
    [string[]] $ImageUri = @(
        'https://images.example.com/street-scenes/2024-05-16/cam02_000501.jpg',
        'https://images.example.com/street-scenes/2024-05-16/cam02_000502.jpg',
        'https://images.example.com/street-scenes/2024-05-16/cam03_000503.jpg'),
    [int] $TimeoutSeconds = 60
)

# Written for Windows PowerShell 5.1 as well as PowerShell 7, and for the bare engine of the LabelOps demo host,
# which has the core cmdlets only (no Select-Object, Start-Sleep, Export-Csv, Write-Host): see hitl-quickstart.ps1.
# Each batch of objects goes to Out-Host so that it gets its own table view.

$demoKey = 'labelops-demo-key'            # the standalone emulator's demo account (DemoAccount.DefaultApiKey)
$demoUri = 'http://127.0.0.1:5080/v2/'    # its default address; Ango paths are below /v2/
if ($env:LABELOPS_EMULATOR_URI) { $demoUri = $env:LABELOPS_EMULATOR_URI.TrimEnd('/') + '/v2/' }   # an emulator on another port
$demoProjectName = 'Street scenes (Ango demo)'

if (-not (Get-Module LabelOps)) {
    $built = [System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'LabelOps', 'LabelOps.psd1')
    if ([System.IO.File]::Exists($built)) { Import-Module $built -ErrorAction Stop } else { Import-Module LabelOps -ErrorAction Stop }
}

function Write-Heading([string] $Text) {
    ''
    '== ' + $Text + ' ' + ('=' * [Math]::Max(3, 70 - $Text.Length))
}

# --- Connect ---------------------------------------------------------------------------------------------------
Write-Heading 'Connect to Ango Hub'
if ($env:ANGO_API_KEY) {
    # Connect-Ango reads $env:ANGO_API_KEY, and $env:ANGO_BASE_URI when set (another region or the emulator).
    $session = Connect-Ango -PassThru -ErrorAction Stop
}
else {
    'No $env:ANGO_API_KEY: using the emulator demo account at ' + $demoUri
    $key = ConvertTo-SecureString $demoKey -AsPlainText -Force
    $session = Connect-Ango -BaseUri $demoUri -ApiKey $key -PassThru -ErrorAction Stop
}
$session | Out-Host

if (-not $ProjectId) {
    $demo = @(Get-AngoProject | Where-Object Name -eq $demoProjectName)
    if ($demo.Count -eq 0) { throw "No -ProjectId given and no project named '$demoProjectName' in this account." }
    $ProjectId = $demo[0].ProjectId
}

# --- The project -----------------------------------------------------------------------------------------------
Write-Heading 'The project and its workflow'
Get-AngoProject -ProjectId $ProjectId -ErrorAction Stop | Out-Host
Get-AngoWorkflow -ProjectId $ProjectId | Out-Host
'Tasks per stage now:'
Get-AngoMetric -ProjectId $ProjectId -Metric LabelStageGroups | Out-Host

# --- Import ----------------------------------------------------------------------------------------------------
# Cloud URLs are registered as they are (no upload); each new asset gets a task in the first Label stage.
Write-Heading ('Import {0} new frames' -f $ImageUri.Count)
Add-AngoAsset -ProjectId $ProjectId -Uri $ImageUri -Batch 'Week 2 - highway' | Out-Host
$names = @($ImageUri | ForEach-Object { $_.Substring($_.LastIndexOf('/') + 1) })
$newTasks = @(Get-AngoTask -ProjectId $ProjectId -Stage Label | Where-Object { $names -contains $_.ExternalId })

# --- Assign ----------------------------------------------------------------------------------------------------
Write-Heading ('Assign them to {0}' -f $Labeler)
$newTasks | Set-AngoTaskAssignee -Stage Label -Email $Labeler -PassThru | Out-Host

# --- Requeue ---------------------------------------------------------------------------------------------------
# An open issue on a finished task: send the task back to Label, keeping its annotations to correct.
Write-Heading 'Send a questioned task back for rework'
$issues = @(Get-AngoIssue -ProjectId $ProjectId -Status Open)
$issues | Out-Host
$reworked = @()
foreach ($issue in $issues) {
    $task = Get-AngoTask -ProjectId $ProjectId -TaskId $issue.TaskId
    if ($task.Status -eq 'Completed') {
        Move-AngoTask -ProjectId $ProjectId -TaskId $task.TaskId -ToStage Label -Confirm:$false | Out-Host
        $reworked = @(Get-AngoTask -ProjectId $ProjectId -TaskId $task.TaskId)
        $reworked | Out-Host
        break
    }
}

# --- Watch -----------------------------------------------------------------------------------------------------
# The labelers label, the reviewer accepts; each task is shown once, when it reaches Complete.
Write-Heading 'Watch the tasks go Label -> Review -> Complete'
$watched = @($newTasks) + @($reworked)
$open = @{}
foreach ($t in $watched) { $open[$t.TaskId] = $true }
$deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
while ($open.Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
    [System.Threading.Thread]::Sleep(500)
    $done = @(Get-AngoTask -ProjectId $ProjectId -TaskId @($open.Keys) | Where-Object Status -eq Completed)
    foreach ($t in $done) { $open.Remove($t.TaskId) }
    if ($done.Count -gt 0) { $done | Out-Host }
}
if ($open.Count -gt 0) { Write-Warning ('{0} task(s) still open after {1} s.' -f $open.Count, $TimeoutSeconds) }
if ($watched.Count -gt 0) {
    'The stages one of them went through:'
    Get-AngoTaskHistory -TaskId $watched[0].TaskId | Out-Host
}

# --- Export ----------------------------------------------------------------------------------------------------
# Records stream out of the export archive one by one; here the first three of the completed ones.
Write-Heading 'Export the completed annotations'
$records = @(Export-AngoAnnotation -ProjectId $ProjectId -Stage Complete)
'{0} completed tasks exported; the first three:' -f $records.Count
$records[0..([Math]::Min(3, $records.Count) - 1)] | Out-Host

# --- Metrics ---------------------------------------------------------------------------------------------------
Write-Heading 'Metrics'
Get-AngoMetric -ProjectId $ProjectId -Metric AnnotationStatus | Out-Host
Get-AngoProjectPerformance -ProjectId $ProjectId | Out-Host
