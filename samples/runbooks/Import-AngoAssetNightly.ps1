<#
.SYNOPSIS
    Nightly import of new assets into an Ango Hub project, skipping every asset the project already has.

.DESCRIPTION
    Reads the assets to import from one source:

      -CsvPath     a CSV file with a 'data' column (the asset's URL) and optionally externalId, batches, metadata,
                   contextData, attachments and storage, as Add-AngoAsset -InputObject takes them;
      -Uri         a list of cloud URLs (the external ID is the URL's last segment);
      -FolderPath  a local folder whose files are uploaded (the external ID is the file name).

    Before adding anything it lists the project's assets once and leaves out every row whose external ID the project
    already has (and repeats within the source), so running it again, or after a failure halfway, imports each asset
    exactly once. It writes one summary object: how many rows were read, skipped and submitted, and how many assets
    the service reported as created.

    Connection: the Azure Automation credential asset named -CredentialName (its password is the API key) when the
    runbook runs in Azure Automation and the asset exists; otherwise $env:ANGO_API_KEY. The service address is
    -BaseUri, else the Automation variable named -BaseUriVariableName, else $env:ANGO_BASE_URI, else Ango Hub's
    public address. Nothing prompts.

.PARAMETER ProjectId
    The Ango Hub project that receives the assets. Default: the Automation variable 'AngoProjectId', else
    $env:ANGO_PROJECT_ID.

.PARAMETER CsvPath
    A CSV file of asset rows (see the description).

.PARAMETER Uri
    Cloud URLs the service can read (public, or in the storage integration named by -StorageId).

.PARAMETER FolderPath
    A local folder; every file directly in it is uploaded through a signed upload URL.

.PARAMETER Filter
    With -FolderPath, which files to take, e.g. '*.jpg'. Default: every file.

.PARAMETER Batch
    Batch names or IDs every new asset is added to. They must exist in the project.

.PARAMETER StorageId
    The storage integration that holds the cloud URLs.

.PARAMETER CredentialName
    The Azure Automation credential asset that holds the Ango API key as its password. Default: 'Ango'.

.PARAMETER BaseUri
    The Ango Hub API address, e.g. the emulator's http://127.0.0.1:5080/v2/.

.PARAMETER BaseUriVariableName
    The Azure Automation variable that holds the API address when -BaseUri is not given. Default: 'AngoBaseUri'.

.EXAMPLE
    .\Import-AngoAssetNightly.ps1 -ProjectId 65f1c0e2a4b7d93e1c2f4a10 -CsvPath D:\drop\assets.csv -Batch 'Nightly'

    Imports the rows of assets.csv that the project does not have yet into the batch 'Nightly'.

.EXAMPLE
    .\Import-AngoAssetNightly.ps1 -ProjectId 65f1c0e2a4b7d93e1c2f4a10 -Uri 'https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.jpg' -WhatIf

    Shows which URLs would be added, without adding any.

.NOTES
    Windows PowerShell 5.1 and PowerShell 7 runbook. Import the LabelOps module into the Automation account first.
#>
[CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Csv')]
param(
    [string] $ProjectId,

    [Parameter(ParameterSetName = 'Csv', Mandatory = $true)]
    [string] $CsvPath,

    [Parameter(ParameterSetName = 'Uri', Mandatory = $true)]
    [string[]] $Uri,

    [Parameter(ParameterSetName = 'Folder', Mandatory = $true)]
    [string] $FolderPath,

    [Parameter(ParameterSetName = 'Folder')]
    [string] $Filter = '*',

    [string[]] $Batch,

    [string] $StorageId,

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

function Get-ExternalIdOfUrl {
    # The last segment of the URL, as Add-AngoAsset names an asset that has no externalId.
    param([string] $Url)
    $parsed = $null
    if (-not [System.Uri]::TryCreate($Url, [System.UriKind]::Absolute, [ref]$parsed)) {
        return $Url
    }
    $name = [System.Uri]::UnescapeDataString($parsed.Segments[$parsed.Segments.Count - 1]).Trim('/')
    if ($name) { $name } else { $Url }
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
# Connecting changes nothing on the service, so it also happens in a -WhatIf run.
Connect-Ango @connect

# --- What to import: one entry per asset, with the external ID the asset will get ------------------------------
# Item is what Add-AngoAsset takes from the pipeline: a row (hashtable) or, for a local file, its FileInfo.
$entries = [System.Collections.Generic.List[object]]::new()
switch ($PSCmdlet.ParameterSetName) {
    'Csv' {
        foreach ($row in @(Import-Csv -LiteralPath $CsvPath)) {
            if (-not $row.data) {
                Write-Error -Message "A row of '$CsvPath' has no 'data' (the asset's URL); it is left out." -TargetObject $row -ErrorAction Continue
                continue
            }
            # Blank cells are left out, so that Add-AngoAsset sees no empty metadata or batches.
            $asset = @{}
            foreach ($property in $row.PSObject.Properties) {
                if ($null -ne $property.Value -and [string]$property.Value -ne '') {
                    $asset[$property.Name] = $property.Value
                }
            }
            if (-not $asset['externalId']) {
                $asset['externalId'] = Get-ExternalIdOfUrl -Url $row.data
            }
            $entries.Add([pscustomobject]@{ ExternalId = [string]$asset['externalId']; Item = $asset })
        }
    }
    'Uri' {
        foreach ($url in $Uri) {
            $id = Get-ExternalIdOfUrl -Url $url
            $entries.Add([pscustomobject]@{ ExternalId = $id; Item = @{ data = $url; externalId = $id } })
        }
    }
    'Folder' {
        foreach ($file in @(Get-ChildItem -LiteralPath $FolderPath -Filter $Filter -File)) {
            # Add-AngoAsset uploads a FileInfo through a signed URL and names the asset after the file.
            $entries.Add([pscustomobject]@{ ExternalId = $file.Name; Item = $file })
        }
    }
}

# --- Leave out what the project already has -----------------------------------------------------------------------
# One listing of the project's assets (the module pages through it); external IDs compare as the service stores them.
$known = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
foreach ($existing in @(Get-AngoAsset -ProjectId $ProjectId)) {
    if ($existing.ExternalId) {
        $null = $known.Add($existing.ExternalId)
    }
}
$new = [System.Collections.Generic.List[object]]::new()
$skipped = 0
foreach ($entry in $entries) {
    # HashSet.Add is false for an external ID the project has, or that an earlier entry of this run took.
    if ($known.Add($entry.ExternalId)) {
        $new.Add($entry.Item)
    }
    else {
        $skipped++
    }
}
Write-Verbose ("{0} asset(s) read, {1} already in project {2} or repeated, {3} to add." -f $entries.Count, $skipped, $ProjectId, $new.Count)

# --- Import -------------------------------------------------------------------------------------------------------
$created = 0
if ($new.Count -gt 0) {
    $add = @{ ProjectId = $ProjectId; Confirm = $false; ErrorAction = 'Continue' }
    if ($Batch) { $add['Batch'] = $Batch }
    if ($StorageId) { $add['StorageId'] = $StorageId }
    # A failed file or row is one non-terminating error; the others still go in, and the next run retries it.
    foreach ($result in @($new | Add-AngoAsset @add)) {
        $created += [int]$result.AssetsCreated
    }
}

[pscustomobject]@{
    ProjectId = $ProjectId
    Read      = $entries.Count
    Skipped   = $skipped
    Submitted = $new.Count
    Created   = $created
}
