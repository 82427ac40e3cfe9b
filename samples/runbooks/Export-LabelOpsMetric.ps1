<#
.SYNOPSIS
    Daily metrics report: Humans in the Loop job metrics and Ango Hub project metrics as CSV files.

.DESCRIPTION
    Writes up to two CSV files under -OutputPath:

      hitl-metrics-<yyyy-MM-dd>.csv          Get-HitlMetric rows (one per project per -GroupBy period) for the last
                                             -Days days, when -HitlProjectId is given;
      ango-<Metric>-<yyyy-MM-dd>.csv         Get-AngoMetric rows (ProjectId and Metric first) for each of
                                             -AngoProjectId, when it is given.

    The date in the names is -ReportDate (today, UTC, by default), so a second run on the same day replaces that
    day's files rather than adding new ones. Each file written is sent to the output as a FileInfo.

    Connection: for each service, the Azure Automation credential asset (-HitlCredentialName, -AngoCredentialName;
    its password is the API key) when the runbook runs in Azure Automation and the asset exists; otherwise
    $env:HITL_API_KEY or $env:ANGO_API_KEY. Service addresses: -HitlBaseUri / -AngoBaseUri, else the Automation
    variables 'HitlBaseUri' / 'AngoBaseUri', else $env:HITL_BASE_URI / $env:ANGO_BASE_URI, else the public APIs.
    Nothing prompts.

.PARAMETER HitlProjectId
    HITL projects to report on. Default: the Automation variable 'HitlProjectId', else $env:HITL_PROJECT_ID
    (comma-separated). With none, the HITL report is left out.

.PARAMETER AngoProjectId
    Ango Hub projects to report on. Default: the Automation variable 'AngoProjectId', else $env:ANGO_PROJECT_ID
    (comma-separated). With none, the Ango report is left out.

.PARAMETER AngoMetric
    The Ango overview metric: LabelStageGroups (tasks per stage, the default), TimePerTask, AnnotationStatus,
    AnswerDistribution, ConsensusRanges or AssetSize.

.PARAMETER Days
    How many days back the HITL report starts, today included. Default: 7.

.PARAMETER GroupBy
    The HITL period: Day, Week or Month. Default: Day.

.PARAMETER OutputPath
    The folder for the CSV files. Default: the temp folder.

.PARAMETER ReportDate
    The date in the file names and the last day of the HITL report. Default: today (UTC).

.PARAMETER HitlCredentialName
    The Azure Automation credential asset with the HITL API key as its password. Default: 'HITL'.

.PARAMETER AngoCredentialName
    The Azure Automation credential asset with the Ango API key as its password. Default: 'Ango'.

.PARAMETER HitlBaseUri
    The HITL API address, e.g. the emulator's http://127.0.0.1:5080.

.PARAMETER AngoBaseUri
    The Ango Hub API address, e.g. the emulator's http://127.0.0.1:5080/v2/.

.EXAMPLE
    .\Export-LabelOpsMetric.ps1 -HitlProjectId 5f2b7c0e9d3a4c1b8e6f0a12 -AngoProjectId 65f1c0e2a4b7d93e1c2f4a10 -OutputPath D:\reports

    Writes today's HITL and Ango CSV files to D:\reports.

.EXAMPLE
    .\Export-LabelOpsMetric.ps1 -AngoProjectId 65f1c0e2a4b7d93e1c2f4a10, 65f1c0e2a4b7d93e1c2f4a11 -AngoMetric AnnotationStatus

    One CSV of the annotation status of two Ango projects, told apart by the ProjectId column.

.NOTES
    Windows PowerShell 5.1 and PowerShell 7 runbook. Import the LabelOps module into the Automation account first.
#>
[CmdletBinding()]
param(
    [string[]] $HitlProjectId,

    [string[]] $AngoProjectId,

    [ValidateSet('LabelStageGroups', 'TimePerTask', 'AnnotationStatus', 'AnswerDistribution', 'ConsensusRanges', 'AssetSize')]
    [string] $AngoMetric = 'LabelStageGroups',

    [ValidateRange(1, 366)]
    [int] $Days = 7,

    [ValidateSet('Day', 'Week', 'Month')]
    [string] $GroupBy = 'Day',

    [string] $OutputPath = [System.IO.Path]::GetTempPath(),

    [datetime] $ReportDate = [System.DateTime]::UtcNow.Date,

    [string] $HitlCredentialName = 'HITL',

    [string] $AngoCredentialName = 'Ango',

    [string] $HitlBaseUri,

    [string] $AngoBaseUri
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
            Write-Verbose "No Automation credential '$Name'; using the API key environment variable."
        }
    }
    $null
}

function Get-ConnectParameter {
    # Splat for Connect-Hitl / Connect-Ango: the credential asset and the address, when there are any.
    param([string] $CredentialName, [string] $BaseUri, [string] $BaseUriVariableName, [string] $BaseUriEnvironmentName)
    $connect = @{ ErrorAction = 'Stop' }
    if (-not $BaseUri) {
        $BaseUri = Get-RunbookSetting -VariableName $BaseUriVariableName -EnvironmentName $BaseUriEnvironmentName
    }
    if ($BaseUri) {
        $connect['BaseUri'] = $BaseUri
    }
    $credential = Get-RunbookCredential -Name $CredentialName
    if ($null -ne $credential) {
        $connect['Credential'] = $credential
    }
    $connect
}

function Get-ProjectIdSetting {
    param([string] $VariableName, [string] $EnvironmentName)
    $setting = Get-RunbookSetting -VariableName $VariableName -EnvironmentName $EnvironmentName
    if ($setting) {
        @($setting.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
}

if (-not $HitlProjectId) {
    $HitlProjectId = Get-ProjectIdSetting -VariableName 'HitlProjectId' -EnvironmentName 'HITL_PROJECT_ID'
}
if (-not $AngoProjectId) {
    $AngoProjectId = Get-ProjectIdSetting -VariableName 'AngoProjectId' -EnvironmentName 'ANGO_PROJECT_ID'
}
if (-not $HitlProjectId -and -not $AngoProjectId) {
    throw 'Nothing to report on: pass -HitlProjectId or -AngoProjectId, or set the Automation variables HitlProjectId or AngoProjectId.'
}

$folder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
$null = [System.IO.Directory]::CreateDirectory($folder)
$day = $ReportDate.ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)

if ($HitlProjectId) {
    $connect = Get-ConnectParameter -CredentialName $HitlCredentialName -BaseUri $HitlBaseUri -BaseUriVariableName 'HitlBaseUri' -BaseUriEnvironmentName 'HITL_BASE_URI'
    Connect-Hitl @connect
    $path = [System.IO.Path]::Combine($folder, 'hitl-metrics-' + $day + '.csv')
    # Export-Csv replaces the file (and writes an empty one when there are no rows): a second run of the day leaves
    # one file with the latest figures.
    Get-HitlMetric -ProjectId $HitlProjectId -GroupBy $GroupBy -StartDate $ReportDate.Date.AddDays(1 - $Days) -EndDate $ReportDate.Date.AddDays(1) |
        Export-Csv -LiteralPath $path -NoTypeInformation -Encoding UTF8
    [System.IO.FileInfo]::new($path)
}

if ($AngoProjectId) {
    $connect = Get-ConnectParameter -CredentialName $AngoCredentialName -BaseUri $AngoBaseUri -BaseUriVariableName 'AngoBaseUri' -BaseUriEnvironmentName 'ANGO_BASE_URI'
    Connect-Ango @connect
    $path = [System.IO.Path]::Combine($folder, 'ango-' + $AngoMetric + '-' + $day + '.csv')
    # A project that cannot be read is one error; the rows of the others are still written.
    Get-AngoMetric -ProjectId $AngoProjectId -Metric $AngoMetric -ErrorAction Continue |
        Export-Csv -LiteralPath $path -NoTypeInformation -Encoding UTF8
    [System.IO.FileInfo]::new($path)
}
