<#
    The fixtures of Module.HelpExamples.Run.Tests.ps1: for each help example ('<Cmdlet> <number>'), what it needs to
    run against the emulator. Dot-sourced; defines $HelpExampleFixtures and the helpers its fixtures use.

    A fixture is a hashtable with any of:
      Skip     why the example cannot run here (the case is skipped with this reason);
      Replace  literal text of the example -> what it becomes here (shorter waits, files of the working folder);
      Arrange  { param($Context) } run before the example in the test's scope, with $Context.Account (a fresh emulator
               account), .Emulator, .Folder (the example's working folder, empty), and what it fills in: .Replace
               (literal ids of the example -> the ids of the objects it made), .AutomationVariables (what the
               Get-AutomationVariable stand-in answers), .Variables (runspace variables), .Parameters (the example's
               own param() block), .State (for During and Assert);
      Prelude  PowerShell run in the example's runspace after connecting, before the example (public cmdlets
               arranging what the control surface cannot, or stand-ins for commands that do not exist here);
      During   { param($Context) } run while the example runs (a worker finishing the job the example waits for);
      Assert   { param($Context, $Result) } checks after the example ended;
      NotStrict why the example runs without Set-StrictMode (which, unlike a user's session, makes a property read
               from an empty list an error).
    An example without a fixture runs as it is, connected to an empty account.

    The docs use a few literal ids; each fixture maps the ones its example uses to the objects it made, so the docs
    keep teaching realistic ids. Windows PowerShell 5.1 syntax.
#>

$script:HelpExampleProjectId = '65f1c0e2a4b7d93e1c2f4a10'
$script:HelpExampleOtherId = '6601a7c3e4b0f2a9d8c71b55'

function Add-HelpExampleFile {
    # A text file of the example's working folder (UTF-8 without BOM), its folders created.
    param([Parameter(Mandatory = $true)] $Context, [Parameter(Mandatory = $true)][string] $Path, [string] $Text = '', [byte[]] $Bytes)
    $full = [System.IO.Path]::Combine($Context.Folder, $Path.Replace('\', [System.IO.Path]::DirectorySeparatorChar))
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($full))
    if ($PSBoundParameters.ContainsKey('Bytes')) {
        [System.IO.File]::WriteAllBytes($full, $Bytes)
    }
    else {
        [System.IO.File]::WriteAllText($full, $Text, [System.Text.UTF8Encoding]::new($false))
    }
    $full
}

function Get-HelpExampleJpeg {
    # The smallest bytes that name themselves a JPEG.
    [byte[]]@(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9)
}

#region HITL

function New-HelpExampleHitlProject {
    # An active HITL project; the example's -Literal id (by default the docs' project id) becomes its id.
    param([Parameter(Mandatory = $true)] $Context, [string] $Literal = $script:HelpExampleProjectId, [string] $Name = 'Project', [string] $Status = 'active')
    $id = New-EmulatorHitlProject -Account $Context.Account -Name $Name -Status $Status
    if ($Literal) { $Context.Replace[$Literal] = $id }
    $id
}

function New-HelpExampleHitlJob {
    # A job of the project in -Status (done jobs get the emulator's annotations); returns its id.
    param(
        [Parameter(Mandatory = $true)] $Context,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [string] $Status = 'new',
        [string] $FileUrl = 'https://storage.example.com/batch-42/0001.jpg',
        [DateTimeOffset] $CreateDate
    )
    $arguments = @{ Account = $Context.Account; ProjectId = $ProjectId; FileUrl = $FileUrl }
    if ($PSBoundParameters.ContainsKey('CreateDate')) { $arguments['CreateDate'] = $CreateDate }
    $id = New-EmulatorHitlJob @arguments
    if ($Status -ne 'new') {
        $change = @{ Account = $Context.Account; ProjectId = $ProjectId; JobId = $id; Status = $Status }
        if ($Status -eq 'error') { $change['ErrorMessage'] = 'The file could not be downloaded' }
        Set-EmulatorHitlJobStatus @change
    }
    $id
}

function Add-HelpExampleSubmittedCsv {
    # submitted.csv as New-HitlJob example 1 writes it: ProjectId,JobId,FileUrl of each job.
    param([Parameter(Mandatory = $true)] $Context, [Parameter(Mandatory = $true)][string] $ProjectId, [Parameter(Mandatory = $true)][string[]] $JobId, [string] $Path = 'submitted.csv')
    $lines = @('ProjectId,JobId,FileUrl') + @($JobId | ForEach-Object { "$ProjectId,$_,https://storage.example.com/batch-42/0001.jpg" })
    $null = Add-HelpExampleFile -Context $Context -Path $Path -Text (($lines -join "`n") + "`n")
}

function Add-HelpExampleJobsCsv {
    # A jobs.csv (ProjectId,FileUrl,ExpirationMinutes) of -Count rows for the project.
    param([Parameter(Mandatory = $true)] $Context, [Parameter(Mandatory = $true)][string] $ProjectId, [string] $Path = 'jobs.csv', [int] $Count = 2)
    $lines = @('ProjectId,FileUrl,ExpirationMinutes') + @(1..$Count | ForEach-Object { "$ProjectId,https://storage.example.com/batch-42/$('{0:0000}' -f $_).jpg,720" })
    $null = Add-HelpExampleFile -Context $Context -Path $Path -Text (($lines -join "`n") + "`n")
}

function Complete-HelpExampleHitlJob {
    # While the example waits: each job of the project that is not finished yet is done, as a worker would leave it.
    # Waits (polling, 30 s at most) until the project holds at least -Count jobs, since the example may create them,
    # and until the module sent at least -Requests GETs about the project's jobs (so that a listing saw them unfinished).
    param([Parameter(Mandatory = $true)] $Context, [Parameter(Mandatory = $true)][string] $ProjectId, [int] $Count = 1, [int] $Requests = 0)
    Wait-Until -TimeoutSeconds 30 -Because "$Count job(s) in project $ProjectId" -Condition {
        @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $ProjectId).Count -ge $Count
    }
    Wait-Until -TimeoutSeconds 30 -Because "$Requests request(s) about the jobs of $ProjectId" -Condition {
        @(Get-EmulatorRequest -Account $Context.Account -Method GET -PathPrefix ('/v1/jobs/' + $ProjectId)).Count -ge $Requests
    }
    foreach ($job in @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $ProjectId)) {
        if ($job.status -eq 'new' -or $job.status -eq 'progress') {
            Set-EmulatorHitlJobStatus -Account $Context.Account -ProjectId $ProjectId -JobId ([string]$job.job_id) -Status done
        }
    }
}

#endregion

#region Ango Hub

function Get-HelpExampleSchema {
    # A small ontology: a box and a polyline tool and a weather classification.
    @{
        tools           = @(
            @{ schemaId = 'car'; title = 'Car'; tool = 'bounding-box'; color = '#e6194b' }
            @{ schemaId = 'lane'; title = 'Lane'; tool = 'polyline'; color = '#3cb44b' }
        )
        classifications = @(@{ schemaId = 'weather'; title = 'Weather'; tool = 'radio'; options = @(@{ value = 'sunny' }, @{ value = 'rain' }) })
        relations       = @()
    }
}

function New-HelpExampleAngoProject {
    <#
        An Ango project with the tests' five-stage workflow (Start, Label, Review, Notify, Complete; stage ids st-*), a
        small ontology and the -Batch batches; the example's -Literal id (by default the docs' project id) becomes its
        id. -Stage replaces the workflow.
    #>
    param(
        [Parameter(Mandatory = $true)] $Context,
        [string] $Literal = $script:HelpExampleProjectId,
        [string] $Name = 'Street scenes',
        [string[]] $Batch = @(),
        [object[]] $Stage = (Get-TaskTestWorkflowStage)
    )
    $id = New-EmulatorAngoProject -Account $Context.Account -Name $Name -Stage $Stage -CategorySchema (Get-HelpExampleSchema)
    foreach ($name in $Batch) { $null = New-EmulatorAngoBatch -Account $Context.Account -ProjectId $id -Name $name }
    if ($Literal) { $Context.Replace[$Literal] = $id }
    $id
}

function Add-HelpExampleAngoAsset {
    # An asset and its task; -Task sets the task's fields (stage is a stage id such as st-review). Returns AssetId, TaskId.
    param(
        [Parameter(Mandatory = $true)] $Context,
        [Parameter(Mandatory = $true)][string] $ProjectId,
        [Parameter(Mandatory = $true)][string] $ExternalId,
        [string[]] $Batch,
        [System.Collections.IDictionary] $ContextData,
        [System.Collections.IDictionary] $Task
    )
    $arguments = @{ Account = $Context.Account; ProjectId = $ProjectId; ExternalId = $ExternalId; Data = "https://cdn.example.com/$ExternalId" }
    if ($Batch) { $arguments['Batch'] = $Batch }
    if ($ContextData) { $arguments['ContextData'] = $ContextData }
    $asset = Add-EmulatorAngoAsset @arguments
    if ($Task) { $null = Set-EmulatorAngoTask -Account $Context.Account -TaskId $asset.TaskId -Field $Task }
    $asset
}

function Get-HelpExampleAnswer {
    # A labelled task's answer: one car box and the weather.
    @{
        objects         = @(@{ title = 'Car'; schemaId = 'car'; objectId = 'o1'; 'bounding-box' = @{ x = 1; y = 2; width = 3; height = 4 } })
        classifications = @(@{ title = 'Weather'; schemaId = 'weather'; answer = 'rain' })
        relations       = @()
    }
}

function New-HelpExampleAngoTaskProject {
    <#
        An Ango project whose tasks are in every state the task examples filter on: cam1-0001.jpg and cam1-0002.jpg in
        Label (TODO), cam1-0003.jpg and cam1-0004.jpg in Review (TODO, assigned to qa@example.com), cam1-0005.jpg
        completed with an answer; batches 'Week 12' (the first three), 'Night scenes' and 'Night' (the last two).
    #>
    param([Parameter(Mandatory = $true)] $Context, [string] $Literal = $script:HelpExampleProjectId)
    $id = New-HelpExampleAngoProject -Context $Context -Literal $Literal -Batch 'Week 12', 'Night scenes', 'Night'
    $tasks = @(
        @{ Name = 'cam1-0001.jpg'; Batch = @('Week 12'); Task = @{ stage = 'st-label' } }
        @{ Name = 'cam1-0002.jpg'; Batch = @('Week 12'); Task = @{ stage = 'st-label' } }
        @{ Name = 'cam1-0003.jpg'; Batch = @('Week 12'); Task = @{ stage = 'st-review'; assignee = 'qa@example.com'; answer = (Get-HelpExampleAnswer) } }
        @{ Name = 'cam1-0004.jpg'; Batch = @('Night scenes', 'Night'); Task = @{ stage = 'st-review'; assignee = 'qa@example.com' } }
        @{ Name = 'cam1-0005.jpg'; Batch = @('Night scenes', 'Night'); Task = @{ stage = 'st-complete'; status = 'Completed'; answer = (Get-HelpExampleAnswer); assignee = 'ann@example.com' } }
    )
    $assets = foreach ($task in $tasks) {
        Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId $task.Name -Batch $task.Batch -ContextData @{ camera = 'front' } -Task $task.Task
    }
    [pscustomobject]@{ ProjectId = $id; Assets = @($assets) }
}

#endregion

$HelpExampleFixtures = @{

    #region Ango Hub: assets and batches

    'Add-AngoAsset 1'                 = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context -Batch 'Week 12'
            foreach ($name in 'cam1-0001.jpg', 'cam1-0002.jpg') { $null = Add-HelpExampleFile -Context $Context -Path "images\$name" -Bytes (Get-HelpExampleJpeg) }
        }
    }
    'Add-AngoAsset 2'                 = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context -Batch 'Week 12'
            $Context.Replace['65f1c0e2a4b7d93e1c2f4b77'] = New-EmulatorAngoStorage -Account $Context.Account -Name 'Raw images' -Bucket 'bucket.example.com'
            $null = Add-HelpExampleFile -Context $Context -Path 'assets.csv' -Text ("externalId,data,contextData,batches`n" +
                "cam1-0001,https://bucket.example.com/cam1/0001.jpg,`"{`"`"camera`"`":`"`"front`"`"}`",Week 12`n")
        }
    }
    'Add-AngoAsset 3'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'Add-AngoAsset 4'                 = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'assets.csv' -Text ("externalId,data`n" +
                "cam1-0001,https://bucket.example.com/cam1/0001.jpg`ncam1-0002,https://bucket.example.com/cam1/0002.jpg`n")
        }
        Assert  = { param($Context, $Result) @(Import-Csv -Path (Join-Path $Context.Folder 'added.csv')).Count | Should -Be 2 }
    }
    'Add-AngoAttachment 1'            = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0001.jpg'
        }
    }
    'Add-AngoAttachment 2'            = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0001.jpg'
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0002.jpg'
            $null = Add-HelpExampleFile -Context $Context -Path 'attachments.csv' -Text ("externalId,data,type`n" +
                "cam1-0001.jpg,Label every car; ignore parked bicycles.,TEXT`ncam1-0002.jpg,https://cdn.example.com/ref/cam1.png,IMAGE`n")
        }
    }
    'Add-AngoBatchAsset 1'            = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context -Batch 'Review first'
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0001.jpg'
        }
    }
    'Add-AngoBatchAsset 2'            = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context -Batch 'Week 12', 'Night'
            $Context.Replace['6601a7c3e4b0f2a9d8c71b55'] = (Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0001.jpg').AssetId
            $Context.Replace['6601a7c3e4b0f2a9d8c71b56'] = (Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0002.jpg').AssetId
        }
    }
    'Add-AngoChatAsset 1'             = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Batch 'Support' } }
    'Add-AngoChatAsset 2'             = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'conversations.json' -Text '[{"externalId":"support-003","messages":[{"role":"user","content":"Where is my invoice?"}]}]'
        }
    }
    'Get-AngoAsset 1'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Get-AngoAsset 2'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Get-AngoAsset 3'                 = @{
        Arrange = {
            param($Context)
            $id = (New-HelpExampleAngoTaskProject -Context $Context).ProjectId
            $null = New-EmulatorAngoBatch -Account $Context.Account -ProjectId $id -Name 'Front camera'
        }
    }
    'Get-AngoBatch 1'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Get-AngoBatch 2'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'New-AngoBatch 1'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'New-AngoBatch 2'                 = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam1-0001.jpg' -ContextData @{ camera = 'front' }
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $id -ExternalId 'cam2-0001.jpg' -ContextData @{ camera = 'rear' }
        }
    }
    'Add-AngoProjectMember 1'         = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'Add-AngoProjectMember 2'         = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleAngoProject -Context $Context -Literal ''
            $null = Add-HelpExampleFile -Context $Context -Path 'staffing.csv' -Text "ProjectId,Email,Role`n$id,ann@example.com,Labeler`n$id,bob@example.com,Reviewer`n"
        }
    }
    'Send-AngoChatFile 1'             = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'chats\monday.jsonl' -Text ('{"externalId":"chat-1","messages":[{"role":"user","content":"Hello"}]}' + "`n")
            $null = Add-HelpExampleFile -Context $Context -Path 'chats\tuesday.jsonl' -Text ('{"externalId":"chat-2","messages":[{"role":"user","content":"Hi"}]}' + "`n")
        }
    }
    'Send-AngoChatFile 2'             = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'chats\monday.json' -Text '[{"externalId":"chat-1","messages":[{"role":"user","content":"Hello"}]}]'
        }
    }

    #endregion

    #region Ango Hub: connecting and sessions

    'Connect-Ango 2'                  = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'Connect-Ango 3'                  = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context -Literal '' -Name 'Street scenes'
            $null = New-HelpExampleAngoProject -Context $Context -Literal '' -Name 'Street scenes (EU)'
        }
    }
    # The emulator's address and key instead of the documented port and placeholder.
    'Connect-Ango 5'                  = @{
        Arrange = {
            param($Context)
            $Context.Replace['http://127.0.0.1:5080/v2/'] = (Get-AngoTestUri).AbsoluteUri
            $Context.Replace['DEMO_KEY_PRINTED_BY_THE_EMULATOR'] = $Context.Account.PlainKey
        }
    }
    'Disconnect-Ango 1'               = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }

    #endregion

    #region HITL: connecting and sessions

    'Connect-Hitl 1'                  = @{ Arrange = { param($Context) $null = New-HelpExampleHitlProject -Context $Context } }
    'Connect-Hitl 2'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
            $Context.AutomationVariables['HitlProjectId'] = $id
        }
    }
    'Connect-Hitl 3'                  = @{
        Arrange = {
            param($Context)
            $Context.State.ProjectId = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleJobsCsv -Context $Context -ProjectId $Context.State.ProjectId
        }
        Assert  = { param($Context, $Result) @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $Context.State.ProjectId).Count | Should -Be 2 }
    }
    'Connect-Hitl 4'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleJobsCsv -Context $Context -ProjectId $id -Path 'batch-45.csv' -Count 3
        }
    }
    # The emulator's address and key instead of the documented port and placeholder.
    'Connect-Hitl 6'                  = @{
        Arrange = {
            param($Context)
            $Context.Replace['http://127.0.0.1:5080'] = $Context.Emulator.BaseUri.AbsoluteUri
            $Context.Replace['DEMO_KEY_PRINTED_BY_THE_EMULATOR'] = $Context.Account.PlainKey
        }
    }
    'Disconnect-Hitl 1'               = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status error
        }
    }
    'Get-HitlSession 2'               = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
        }
    }
    'Test-HitlConnection 1'           = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleJobsCsv -Context $Context -ProjectId $id
        }
    }
    'Get-HitlEgressIp 1'              = @{
        # Az.Storage is not installed here: a stand-in takes the call and checks that it got an address.
        Prelude = @'
function global:Add-AzStorageAccountNetworkRule {
    param([Parameter(Mandatory = $true)][string] $ResourceGroupName, [Parameter(Mandatory = $true)][string] $Name, [Parameter(Mandatory = $true)][string[]] $IPAddressOrRange)
    foreach ($address in $IPAddressOrRange) { $null = [System.Net.IPAddress]::Parse($address) }
}
'@
    }
    'Get-HitlEgressIp 2'              = @{ Arrange = { param($Context) $Context.AutomationVariables['HitlEgressIp'] = '203.0.113.10' } }

    #endregion

    #region HITL: projects, jobs and metrics

    'ConvertFrom-HitlWebhook 1'       = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            # A project whose annotations list objects, as the example counts them.
            $job = New-EmulatorHitlJob -Account $Context.Account -ProjectId $id -FileUrl 'https://storage.example.com/dock-7/frame-000451.jpg'
            Set-EmulatorHitlJobStatus -Account $Context.Account -ProjectId $id -JobId $job -Status done -Annotations @{ objects = @(@{ label = 'pallet'; bbox = @(112, 40, 380, 290) }) }
            $body = Get-EmulatorHitlJob -Account $Context.Account -ProjectId $id -JobId $job | ConvertTo-Json -Depth 20
            $Context.Parameters['WebhookData'] = [pscustomobject]@{ WebhookName = 'hitl-done'; RequestBody = $body; RequestHeader = @{} }
        }
        Assert  = { param($Context, $Result) @($Result.Output | Where-Object { $_ -is [string] }) | Should -Match ' done: 1 objects$' }
    }
    'ConvertFrom-HitlWebhook 2'       = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $job = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done
            $body = Get-EmulatorHitlJob -Account $Context.Account -ProjectId $id -JobId $job | ConvertTo-Json -Depth 20
            $Context.Parameters['WebhookData'] = [pscustomobject]@{ WebhookName = 'hitl-done'; RequestBody = $body; RequestHeader = @{} }
        }
    }
    'ConvertFrom-HitlWebhook 3'       = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            foreach ($status in 'done', 'error') {
                $job = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status $status
                $null = Add-HelpExampleFile -Context $Context -Path "webhook-inbox\$job.json" -Text (Get-EmulatorHitlJob -Account $Context.Account -ProjectId $id -JobId $job | ConvertTo-Json -Depth 20)
            }
        }
    }
    'Get-HitlJob 1'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status progress
        }
    }
    'Get-HitlJob 2'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleSubmittedCsv -Context $Context -ProjectId $id -JobId @((New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done), (New-HelpExampleHitlJob -Context $Context -ProjectId $id))
        }
    }
    'Get-HitlJob 3'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done
        }
        Assert  = { param($Context, $Result) @(Import-Csv -Path (Join-Path $Context.Folder 'annotations.csv')).Count | Should -Be 1 }
    }
    'Get-HitlJob 4'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status error
        }
    }
    'Get-HitlMetric 2'                = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Name 'Dock cameras'
            $null = New-HelpExampleHitlProject -Context $Context -Literal '65f1c0e2a4b7d93e1c2f4a11' -Name 'Shelves'
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done -CreateDate ([DateTimeOffset]::UtcNow.AddMonths(-1))
        }
    }
    'Get-HitlMetric 3'                = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done
            $null = Add-HelpExampleFile -Context $Context -Path 'projects.csv' -Text "ProjectId,Name`n$id,Dock cameras`n"
        }
        Assert  = { param($Context, $Result) @($Result.Output).Count | Should -BeGreaterThan 0 }
    }
    'Get-HitlMetric 4'                = @{
        Arrange = {
            param($Context)
            $ids = @((New-HelpExampleHitlProject -Context $Context -Literal ''), (New-HelpExampleHitlProject -Context $Context -Literal ''))
            # Jobs of two days ago, inside the last seven days up to today's midnight.
            foreach ($id in $ids) { $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done -CreateDate ([DateTimeOffset]::UtcNow.AddDays(-2)) }
            $null = Add-HelpExampleFile -Context $Context -Path 'project-ids.txt' -Text (($ids -join "`n") + "`n")
        }
        Assert  = { param($Context, $Result) @($Result.Output).Count | Should -BeGreaterThan 0 }
    }
    'Get-HitlProject 1'               = @{
        Arrange = {
            param($Context)
            $Context.State.ProjectId = New-HelpExampleHitlProject -Context $Context
            Add-HelpExampleJobsCsv -Context $Context -ProjectId $Context.State.ProjectId
        }
        Assert  = { param($Context, $Result) @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $Context.State.ProjectId).Count | Should -Be 2 }
    }
    'Get-HitlProject 2'               = @{
        Arrange = {
            param($Context)
            $ids = @((New-HelpExampleHitlProject -Context $Context -Literal ''), (New-HelpExampleHitlProject -Context $Context -Literal '' -Status inactive))
            $null = Add-HelpExampleFile -Context $Context -Path 'project-ids.txt' -Text (($ids -join "`n") + "`n")
        }
    }
    'New-HitlJob 1'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $null = Add-HelpExampleFile -Context $Context -Path 'jobs.csv' -Text ("ProjectId,FileUrl,ExpirationMinutes`n" +
                "$id,https://storage.example.com/batch-42/0001.jpg,720`n$id,https://storage.example.com/batch-42/0002.jpg;https://storage.example.com/batch-42/0002-ir.png,720`n")
        }
        Assert  = { param($Context, $Result) @(Import-Csv -Path (Join-Path $Context.Folder 'submitted.csv')).Count | Should -Be 2 }
    }
    'New-HitlJob 2'                   = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleHitlProject -Context $Context
            $Context.AutomationVariables['HookToken'] = 'hook-token'
        }
    }
    'New-HitlJob 3'                   = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleHitlProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'predictions\0001.json' -Text '{"objects":[{"label":"pallet","bbox":[1,2,3,4]}]}'
            $null = Add-HelpExampleFile -Context $Context -Path 'predictions\0002.json' -Text '{"objects":[]}'
        }
    }
    'New-HitlJob 4'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $null = Add-HelpExampleFile -Context $Context -Path 'batch-44.csv' -Text ("ProjectId,FileUrl`n" +
                "$id,https://storage.example.com/batch-44/0001.jpg`n$id,https://storage.example.com/batch-44/0002.gif`n")
        }
        Assert  = { param($Context, $Result) @(Import-Csv -Path (Join-Path $Context.Folder 'batch-44-failed.csv')).Count | Should -Be 1 }
    }
    'New-HitlJob 5'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $Context.State.ProjectId = $id
            # The share is the example's own folder here.
            $Context.AutomationVariables['LedgerShare'] = $Context.Folder
            $null = Add-HelpExampleFile -Context $Context -Path 'batch-45.csv' -Text ("ProjectId,FileUrl`n" +
                "$id,https://storage.example.com/batch-45/0001.jpg`n$id,https://storage.example.com/batch-45/0002.jpg`n")
        }
        Assert  = {
            param($Context, $Result)
            @(Import-Csv -Path (Join-Path $Context.Folder 'batch-45-jobs.csv')).Count | Should -Be 2
            Test-Path -LiteralPath (Join-Path $Context.Folder 'batch-45.ledger.jsonl') | Should -BeTrue
            @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $Context.State.ProjectId).Count | Should -Be 2
        }
    }
    'New-HitlJob 6'                   = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleJobsCsv -Context $Context -ProjectId $id
        }
    }
    'New-HitlJob 7'                   = @{
        Arrange = {
            param($Context)
            $Context.State.ProjectId = New-HelpExampleHitlProject -Context $Context -Literal ''
            $id = $Context.State.ProjectId
            $null = Add-HelpExampleFile -Context $Context -Path 'jobs.csv' -Text ("ProjectId,FileUrl,ExpirationMinutes,WebhookUrl`n" +
                "$id,https://storage.example.com/batch-46/0001.jpg,60,https://hooks.example.com/hitl/done`n" +
                "$id,https://storage.example.com/batch-46/0002.jpg,,`n$id,https://storage.example.com/batch-46/0003.jpg,2880,`n")
        }
        Assert  = { param($Context, $Result) @(Get-EmulatorHitlJobList -Account $Context.Account -ProjectId $Context.State.ProjectId).Count | Should -Be 2 }
    }
    'New-HitlProject 1'               = @{
        # Ten minutes between checks are a fifth of a second here; the administrator (During) activates the project
        # once the example has asked about it.
        Replace = @{ 'Start-Sleep -Seconds 600' = 'Start-Sleep -Milliseconds 200' }
        During  = {
            param($Context)
            $found = @{ Asked = @() }
            Wait-Until -TimeoutSeconds 30 -Because 'the example to ask for its new project' -Condition {
                $found.Asked = @(Get-EmulatorRequest -Account $Context.Account -Method GET -PathPrefix '/v1/projects/')
                $found.Asked.Count -gt 0
            }
            $id = ([string]$found.Asked[0].path).Substring('/v1/projects/'.Length)
            Set-EmulatorHitlProjectStatus -Account $Context.Account -ProjectId $id -Status active
        }
        Assert  = { param($Context, $Result) @($Result.Output | Where-Object { $_ -is [string] }).Count | Should -Be 1 }
    }
    'New-HitlProject 2'               = @{
        Arrange = {
            param($Context)
            $null = Add-HelpExampleFile -Context $Context -Path 'projects.csv' -Text ("Name,InstructionsFileUrl`n" +
                "Pallet damage,https://docs.example.com/labeling/pallets.docx`nForklift safety,https://docs.example.com/labeling/forklifts.pdf`n")
        }
    }
    'Save-HitlJobFile 1'              = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleSubmittedCsv -Context $Context -ProjectId $id -JobId @((New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done), (New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status error))
        }
        Assert  = { param($Context, $Result) @(Get-ChildItem -Path (Join-Path $Context.Folder 'results') -File).Count | Should -Be 1 }
    }
    'Save-HitlJobFile 2'              = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $Context.Replace['6601a7c3e4b0f2a9d8c71b55'] = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done
        }
        Assert  = { param($Context, $Result) Test-Path -LiteralPath (Join-Path $Context.Folder 'review/dock-7-frame-451.jpg') | Should -BeTrue }
    }
    'Save-HitlJobFile 3'              = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done -FileUrl 'https://storage.example.com/batch-42/0002.png'
        }
        Assert  = { param($Context, $Result) @(Get-ChildItem -Path (Join-Path $Context.Folder 'export') -Filter *.json).Count | Should -Be 2 }
    }
    'Save-HitlJobFile 4'              = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleSubmittedCsv -Context $Context -ProjectId $id -JobId @((New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done), (New-HelpExampleHitlJob -Context $Context -ProjectId $id))
        }
    }
    'Stop-HitlJob 1'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $Context.State.ProjectId = $id
            $Context.State.Old = New-HelpExampleHitlJob -Context $Context -ProjectId $id -CreateDate ([DateTimeOffset]::UtcNow.AddDays(-3))
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
        }
        Assert  = { param($Context, $Result) (Get-EmulatorHitlJob -Account $Context.Account -ProjectId $Context.State.ProjectId -JobId $Context.State.Old).status | Should -Be 'canceled' }
    }
    'Stop-HitlJob 2'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
        }
    }
    'Stop-HitlJob 3'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            $ids = @((New-HelpExampleHitlJob -Context $Context -ProjectId $id), (New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done))
            $null = Add-HelpExampleFile -Context $Context -Path 'jobs-to-cancel.txt' -Text (($ids -join "`n") + "`n")
        }
    }
    'Stop-HitlJob 4'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context
            1..3 | ForEach-Object { $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id }
        }
    }
    'Wait-HitlJob 1'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            Add-HelpExampleSubmittedCsv -Context $Context -ProjectId $id -JobId @((New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done), (New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done))
        }
        Assert  = { param($Context, $Result) @(Get-ChildItem -Path (Join-Path $Context.Folder 'results') -File).Count | Should -Be 2 }
    }
    'Wait-HitlJob 2'                  = @{
        Arrange = { param($Context) $Context.State.ProjectId = New-HelpExampleHitlProject -Context $Context }
        During  = { param($Context) Complete-HelpExampleHitlJob -Context $Context -ProjectId $Context.State.ProjectId }
        # The job that was created is waited for until the worker (During) finishes it; its annotations are written.
        Replace = @{ '-Timeout 1800' = '-Timeout 1800 -PollInterval 0.2' }
        Assert  = { param($Context, $Result) @($Result.Output).Count | Should -BeGreaterThan 0 }
    }
    'Wait-HitlJob 3'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $Context.State.ProjectId = $id
            $Context.State.Late = New-HelpExampleHitlJob -Context $Context -ProjectId $id
            Add-HelpExampleSubmittedCsv -Context $Context -ProjectId $id -JobId @((New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status done), $Context.State.Late)
        }
        # An hour is two seconds here: the new job is still new then, and is canceled.
        Replace = @{ '-Timeout 3600' = '-Timeout 2 -PollInterval 0.5' }
        Assert  = { param($Context, $Result) (Get-EmulatorHitlJob -Account $Context.Account -ProjectId $Context.State.ProjectId -JobId $Context.State.Late).status | Should -Be 'canceled' }
    }
    'Wait-HitlJob 4'                  = @{
        Arrange = {
            param($Context)
            $id = New-HelpExampleHitlProject -Context $Context -Literal ''
            $Context.State.ProjectId = $id
            $Context.AutomationVariables['HitlProjectId'] = $id
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id
            $null = New-HelpExampleHitlJob -Context $Context -ProjectId $id -Status progress
        }
        # Two minutes between polls are a fifth of a second here; the worker (During) finishes both jobs.
        Replace = @{ '-PollInterval (New-TimeSpan -Minutes 2)' = '-PollInterval 0.2' }
        During  = { param($Context) Complete-HelpExampleHitlJob -Context $Context -ProjectId $Context.State.ProjectId -Count 2 -Requests 2 }
        Assert  = { param($Context, $Result) @(Get-ChildItem -Path (Join-Path $Context.Folder 'hitl') -File).Count | Should -Be 2 }
    }

    #endregion

    #region Ango Hub: the organisation (whose id the module finds from the key's projects)

    'Get-AngoOrganizationInvite 1'    = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' }
        Prelude = "New-AngoOrganizationInvite -Email 'new.labeler@example.com' -Role Member"
    }
    'Get-AngoOrganizationInvite 2'    = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' }
        Prelude = "New-AngoOrganizationInvite -Email 'new.labeler@example.com' -Role Member"
    }
    'Get-AngoOrganizationMember 1'    = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'Get-AngoOrganizationMember 2'    = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'New-AngoOrganizationInvite 1'    = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'new-labelers.csv' -Text "Name,Email`nAnn,ann@example.com`nBob,bob@example.com`n"
        }
    }
    'New-AngoOrganizationInvite 2'    = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = New-HelpExampleAngoProject -Context $Context -Literal '65f1c0e2a4b7d93e1c2f4a11'
        }
    }
    'Remove-AngoOrganizationInvite 1' = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' }
        Prelude = "New-AngoOrganizationInvite -Email 'new.labeler@example.com' -Role Member"
    }
    'Remove-AngoOrganizationInvite 2' = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' }
        Prelude = "New-AngoOrganizationInvite -Email 'wrong.address@example.com' -Role Member"
    }
    'Remove-AngoOrganizationMember 1' = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'Remove-AngoOrganizationMember 2' = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    # The emulator's organisation has owner@, member@ and guest@example.test, not the docs' reviewers.
    'Set-AngoOrganizationMemberRole 1' = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' }
        Replace = [ordered]@{ 'ann@example.com' = 'member@example.test'; 'bo@example.com' = 'guest@example.test' }
    }
    'Set-AngoOrganizationMemberRole 2' = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'Get-AngoStorage 1'               = @{ Arrange = { param($Context) $null = New-EmulatorAngoStorage -Account $Context.Account -Name 'Raw images' -Bucket 'raw-images' } }
    'Get-AngoStorage 2'               = @{ Arrange = { param($Context) $null = New-EmulatorAngoStorage -Account $Context.Account -Name 'Raw images' -Bucket 'raw-images' } }
    'New-AngoStorage 2'               = @{
        Arrange = {
            param($Context)
            $null = Add-HelpExampleFile -Context $Context -Path 'ango-reader.json' -Text '{"type":"service_account","project_id":"acme","private_key_id":"k1","private_key":"-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n","client_email":"reader@acme.iam.gserviceaccount.com"}'
        }
    }
    'Remove-AngoStorage 1'            = @{ Arrange = { param($Context) $null = New-EmulatorAngoStorage -Account $Context.Account -Name 'Old bucket' } }
    'Remove-AngoStorage 2'            = @{ Arrange = { param($Context) $Context.Replace['6612c0aa4b7d93e1c2f4a777'] = New-EmulatorAngoStorage -Account $Context.Account -Name 'Old bucket' } }

    #endregion

    #region Ango Hub: projects, workflows and ontologies

    'Get-AngoProject 2'               = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context -Literal '' -Name 'Street scenes'
            $null = New-HelpExampleAngoProject -Context $Context -Literal '' -Name 'Shelves'
        }
    }
    'Get-AngoProject 3'               = @{
        Arrange = {
            param($Context)
            $ids = @((New-HelpExampleAngoProject -Context $Context -Literal ''), (New-HelpExampleAngoProject -Context $Context -Literal '' -Name 'Shelves'))
            $null = Add-HelpExampleFile -Context $Context -Path 'project-ids.txt' -Text (($ids -join "`n") + "`n")
        }
    }
    'Get-AngoProject 4'               = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '' } }
    'Get-AngoCategorySchema 1'        = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'Get-AngoCategorySchema 2'        = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'Get-AngoMetric 1'                = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Get-AngoMetric 2'                = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '' } }
    'Get-AngoProjectPerformance 1'    = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Get-AngoProjectPerformance 2'    = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '' } }
    'Get-AngoWorkflow 1'              = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'Get-AngoWorkflow 2'              = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' -Name 'Copy'
        }
    }
    'Set-AngoWorkflow 1'              = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' -Name 'Copy'
        }
    }
    'Set-AngoWorkflow 2'              = @{
        # A workflow without a Review stage: Start -> Label -> Complete.
        Arrange = {
            param($Context)
            $stages = @(
                @{ id = 'st-start'; name = 'Start'; type = 'Start'; next = @('st-label') }
                @{ id = 'st-label'; name = 'Label'; type = 'Label'; next = @('st-complete') }
                @{ id = 'st-complete'; name = 'Complete'; type = 'Complete'; next = @() }
            )
            $null = New-HelpExampleAngoProject -Context $Context -Stage $stages
        }
    }
    'New-AngoProject 2'               = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context } }
    'New-AngoProject 3'               = @{
        Arrange = {
            param($Context)
            $null = Add-HelpExampleFile -Context $Context -Path 'projects.csv' -Text "Name,Description`nStreet scenes 2026-W13,Cars and people`nShelves,Products on shelves`n"
        }
    }
    'Set-AngoCategorySchema 1'        = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' -Name 'Copy'
        }
    }
    'Set-AngoCategorySchema 2'        = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55'
            $null = Add-HelpExampleFile -Context $Context -Path 'ontology.json' -Text (ConvertTo-Json -InputObject (Get-HelpExampleSchema) -Depth 20)
        }
    }
    'Set-AngoCategorySchema 3'        = @{ Arrange = { param($Context) $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Set-AngoProjectInstruction 1'    = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'labeling-guide.pdf' -Text "%PDF-1.4`n%%EOF`n"
        }
    }
    'Set-AngoProjectInstruction 2'    = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoProject -Context $Context
            $null = Add-HelpExampleFile -Context $Context -Path 'guides\v1.md' -Text "# Guide v1`n"
            $null = Add-HelpExampleFile -Context $Context -Path 'guides\v2.md' -Text "# Guide v2`n"
        }
    }

    #endregion

    #region Ango Hub: tasks, labels, issues and exports

    'Get-AngoTask 1'                  = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Get-AngoTask 2'                  = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Get-AngoTask 3'                  = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Get-AngoTask 4'                  = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Get-AngoTaskHistory 1'           = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context -Literal ''
            $Context.Replace['66a0c1d2e3f4a5b6c7d8e9f0'] = $project.Assets[0].TaskId
            $Context.Variables['HelpExampleProjectId'] = $project.ProjectId
            $Context.Variables['HelpExampleTaskId'] = $project.Assets[0].TaskId
        }
        # The task leaves Label for Review, which writes its first history record.
        Prelude = 'Move-AngoTask -ProjectId $HelpExampleProjectId -TaskId $HelpExampleTaskId -ToStage Review'
        Assert  = { param($Context, $Result) @($Result.Output).Count | Should -BeGreaterThan 0 }
    }
    'Get-AngoTaskHistory 2'           = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Set-AngoTaskAssignee 1'          = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Set-AngoTaskAssignee 2'          = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Set-AngoTaskAssignee 3'          = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55'
            $Context.Replace['66a0c1d2e3f4a5b6c7d8e9f0'] = $project.Assets[0].TaskId
        }
    }
    'Move-AngoTask 1'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Move-AngoTask 2'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Move-AngoTask 3'                 = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' } }
    'Invoke-AngoWebhook 1'            = @{
        Arrange = {
            param($Context)
            $stages = @(
                @{ id = 'st-start'; name = 'Start'; type = 'Start'; next = @('st-label') }
                @{ id = 'st-label'; name = 'Label'; type = 'Label'; next = @('9e1f0c22-webhook') }
                @{ id = '9e1f0c22-webhook'; name = 'Notify QA'; type = 'Webhook'; next = @('st-complete') }
                @{ id = 'st-complete'; name = 'Complete'; type = 'Complete'; next = @() }
            )
            $null = New-HelpExampleAngoProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55' -Stage $stages
        }
    }
    'Import-AngoLabel 1'              = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55'
            $target = New-HelpExampleAngoProject -Context $Context -Literal '6602b8d4f5c1a3b0e9d82c66' -Name 'Copy'
            $null = Add-HelpExampleAngoAsset -Context $Context -ProjectId $target -ExternalId 'cam1-0005.jpg'
        }
    }
    'Import-AngoLabel 2'              = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55'
            $records = @(@{ externalId = 'cam1-0001.jpg'; answer = (Get-HelpExampleAnswer) }, @{ externalId = 'cam1-0002.jpg'; answer = (Get-HelpExampleAnswer) })
            $null = Add-HelpExampleFile -Context $Context -Path 'predictions.json' -Text (ConvertTo-Json -InputObject $records -Depth 20)
        }
    }
    'Import-AngoLabel 3'              = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoTaskProject -Context $Context -Literal '6601a7c3e4b0f2a9d8c71b55'
            $null = Add-HelpExampleFile -Context $Context -Path 'weather.csv' -Text "File,Weather`ncam1-0001.jpg,sunny`ncam1-0002.jpg,rain`n"
        }
    }
    'Get-AngoIssue 1'                 = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context
            $null = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[0].TaskId -Content 'The car on the left is not boxed' -Assignee 'ann@example.com'
            $null = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[1].TaskId -Status 'Resolved'
        }
    }
    'Get-AngoIssue 2'                 = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context
            $null = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[1].TaskId -Status 'Resolved'
        }
    }
    'Remove-AngoIssue 1'              = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context
            $null = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[0].TaskId
            $null = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[1].TaskId -Status 'Resolved'
        }
        Assert  = { param($Context, $Result) @(Get-EmulatorAngoIssue -Account $Context.Account).Count | Should -Be 1 }
    }
    'Remove-AngoIssue 2'              = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context -Literal ''
            $Context.Replace['6612c0aa4b7d93e1c2f4a999'] = New-EmulatorAngoIssue -Account $Context.Account -TaskId $project.Assets[0].TaskId
        }
        # Nobody is here to answer the confirmation prompt; the answer 'yes' is given in advance.
        Replace = @{ ' -Confirm' = ' -Confirm:$false' }
        Assert  = { param($Context, $Result) @(Get-EmulatorAngoIssue -Account $Context.Account).Count | Should -Be 0 }
    }
    'New-AngoIssue 1'                 = @{
        Arrange = {
            param($Context)
            $project = New-HelpExampleAngoTaskProject -Context $Context -Literal ''
            $Context.Replace['6601a7c3e4b0f2a9d8c71b55'] = $project.Assets[0].TaskId
        }
    }
    'New-AngoIssue 2'                 = @{
        Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context }
        # cam1-0004.jpg is in Review without objects: it gets the one issue.
        Assert  = { param($Context, $Result) @(Get-EmulatorAngoIssue -Account $Context.Account).Count | Should -Be 1 }
    }
    'Export-AngoAnnotation 1'         = @{ Arrange = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context } }
    'Export-AngoAnnotation 2'         = @{
        Arrange = {
            param($Context)
            $null = New-HelpExampleAngoTaskProject -Context $Context
            $null = [System.IO.Directory]::CreateDirectory((Join-Path $Context.Folder 'exports'))
        }
        # There is no drive D: here; the archive goes to the working folder's exports folder.
        Replace = @{ 'D:\exports\' = '.\exports\' }
        Assert  = { param($Context, $Result) @(Get-ChildItem -Path (Join-Path $Context.Folder 'exports') -Filter *.zip).Count | Should -Be 1 }
    }
    'Export-AngoAnnotation 3'         = @{
        Arrange   = { param($Context) $null = New-HelpExampleAngoTaskProject -Context $Context }
        NotStrict = 'the records of unlabelled tasks have no classifications, and $_.task.classifications.answer reads a property of an empty list'
    }

    #endregion
}
