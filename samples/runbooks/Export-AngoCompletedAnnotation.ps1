<#
.SYNOPSIS
    Exports the completed annotations of an Ango Hub project to JSON files ready to copy to blob storage.

.DESCRIPTION
    Streams the project's export (Export-AngoAnnotation, one record per task, never the whole export in memory) for
    the tasks in -Stage (default 'Complete') and writes them under -OutputPath\<ProjectId>\:

      -Layout PerTask  one <TaskId>.json per task (the record in the Ango export format);
      -Layout PerRun   one <Stage>-<yyyy-MM-dd>.ndjson per run date, one record per line.

    The names depend only on the project, the task or the run date, so running it again overwrites the same files
    instead of adding copies, and a blob sync (azcopy sync, Set-AzStorageBlobContent -Force) uploads each once.
    Files are UTF-8 without a byte order mark. Each file written is sent to the output as a FileInfo.

    Connection: the Azure Automation credential asset named -CredentialName (its password is the API key) when the
    runbook runs in Azure Automation and the asset exists; otherwise $env:ANGO_API_KEY. The service address is
    -BaseUri, else the Automation variable named -BaseUriVariableName, else $env:ANGO_BASE_URI, else Ango Hub's
    public address. Nothing prompts.

.PARAMETER ProjectId
    The Ango Hub project to export. Default: the Automation variable 'AngoProjectId', else $env:ANGO_PROJECT_ID.

.PARAMETER OutputPath
    The folder that receives the <ProjectId> folder. Default: the temp folder (in Azure Automation, the sandbox's
    temporary disk: copy the files to storage before the job ends).

.PARAMETER Stage
    The stage whose tasks are exported, by name or ID. Default: 'Complete'.

.PARAMETER Layout
    PerTask (one file per task) or PerRun (one NDJSON file per run date). Default: PerTask.

.PARAMETER RunDate
    The date in the PerRun file name. Default: today (UTC).

.PARAMETER CredentialName
    The Azure Automation credential asset that holds the Ango API key as its password. Default: 'Ango'.

.PARAMETER BaseUri
    The Ango Hub API address, e.g. the emulator's http://127.0.0.1:5080/v2/.

.PARAMETER BaseUriVariableName
    The Azure Automation variable that holds the API address when -BaseUri is not given. Default: 'AngoBaseUri'.

.EXAMPLE
    .\Export-AngoCompletedAnnotation.ps1 -ProjectId 65f1c0e2a4b7d93e1c2f4a10 -OutputPath D:\exports
    azcopy sync D:\exports\65f1c0e2a4b7d93e1c2f4a10 'https://account.blob.core.windows.net/annotations/65f1c0e2a4b7d93e1c2f4a10?<SAS>'

    Writes one JSON file per completed task and mirrors the folder to a blob container.

.EXAMPLE
    .\Export-AngoCompletedAnnotation.ps1 -ProjectId 65f1c0e2a4b7d93e1c2f4a10 -Layout PerRun |
        ForEach-Object { Set-AzStorageBlobContent -File $_.FullName -Container annotations -Blob $_.Name -Context $context -Force }

    Writes today's NDJSON file and uploads it, replacing the blob of an earlier run of the same day.

.NOTES
    Windows PowerShell 5.1 and PowerShell 7 runbook. Import the LabelOps module into the Automation account first.
#>
[CmdletBinding()]
param(
    [string] $ProjectId,

    [string] $OutputPath = [System.IO.Path]::GetTempPath(),

    [string] $Stage = 'Complete',

    [ValidateSet('PerTask', 'PerRun')]
    [string] $Layout = 'PerTask',

    [datetime] $RunDate = [System.DateTime]::UtcNow.Date,

    [string] $CredentialName = 'Ango',

    [string] $BaseUri,

    [string] $BaseUriVariableName = 'AngoBaseUri'
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
            Write-Verbose "No Automation credential '$Name'; using `$env:ANGO_API_KEY."
        }
    }
    $null
}

function Get-SafeFileName {
    # Task IDs and stage names are used in file and blob names: anything but letters, digits, '-', '_' and '.' becomes '_'.
    param([string] $Name)
    [System.Text.RegularExpressions.Regex]::Replace($Name, '[^A-Za-z0-9._-]', '_')
}

if (-not $ProjectId) {
    $ProjectId = Get-RunbookSetting -VariableName 'AngoProjectId' -EnvironmentName 'ANGO_PROJECT_ID'
}
if (-not $ProjectId) {
    throw 'No project: pass -ProjectId, or set the Automation variable AngoProjectId or $env:ANGO_PROJECT_ID.'
}
if (-not $BaseUri) {
    $BaseUri = Get-RunbookSetting -VariableName $BaseUriVariableName -EnvironmentName 'ANGO_BASE_URI'
}

$connect = @{ ErrorAction = 'Stop' }
if ($BaseUri) {
    $connect['BaseUri'] = $BaseUri
}
$credential = Get-RunbookCredential -Name $CredentialName
if ($null -ne $credential) {
    $connect['Credential'] = $credential
}
# Without -Credential, Connect-Ango reads $env:ANGO_API_KEY; it validates the key before anything else runs.
Connect-Ango @connect

# .NET resolves relative paths against the process folder, PowerShell against the current location.
$root = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
$folder = [System.IO.Path]::Combine($root, (Get-SafeFileName -Name $ProjectId))
$null = [System.IO.Directory]::CreateDirectory($folder)
# Blob tools and Linux readers expect UTF-8 without a byte order mark, which Set-Content in 5.1 cannot write.
$utf8 = [System.Text.UTF8Encoding]::new($false)

if ($Layout -eq 'PerTask') {
    Export-AngoAnnotation -ProjectId $ProjectId -Stage $Stage | ForEach-Object {
        $path = [System.IO.Path]::Combine($folder, (Get-SafeFileName -Name $_.TaskId) + '.json')
        [System.IO.File]::WriteAllText($path, (ConvertTo-Json -InputObject $_ -Depth 100), $utf8)
        [System.IO.FileInfo]::new($path)
    }
}
else {
    $name = (Get-SafeFileName -Name $Stage) + '-' + $RunDate.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture) + '.ndjson'
    $path = [System.IO.Path]::Combine($folder, $name)
    # Written next to the target and moved over it at the end, so a failed run never leaves half a file behind.
    $partial = $path + '.partial'
    $writer = [System.IO.StreamWriter]::new($partial, $false, $utf8)
    try {
        Export-AngoAnnotation -ProjectId $ProjectId -Stage $Stage | ForEach-Object {
            $writer.WriteLine((ConvertTo-Json -InputObject $_ -Depth 100 -Compress))
        }
        $writer.Dispose()
    }
    catch {
        $writer.Dispose()
        [System.IO.File]::Delete($partial)
        throw
    }
    if ([System.IO.File]::Exists($path)) {
        [System.IO.File]::Delete($path)
    }
    [System.IO.File]::Move($partial, $path)
    [System.IO.FileInfo]::new($path)
}
