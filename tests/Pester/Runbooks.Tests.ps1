# The runbooks of samples/runbooks: each runs as Azure Automation would run it, twice, against the emulator, and the
# tests check the objects, the files and the requests the emulator received. Get-AutomationPSCredential and
# Get-AutomationVariable get stand-ins that answer with the account's key and the emulator's addresses and note each
# call; the other built-ins the runbooks use are pwsh's own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $runbooks = [System.IO.Path]::Combine((Get-RepositoryRoot), 'samples', 'runbooks')

    $standIns = @'
function global:Get-AutomationPSCredential {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    $AutomationCalls.Add('Credential:' + $Name)
    if (-not $AutomationCredentials.ContainsKey($Name)) { throw "Credential asset not found: $Name" }
    $AutomationCredentials[$Name]
}
function global:Get-AutomationVariable {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    $AutomationCalls.Add('Variable:' + $Name)
    if (-not $AutomationVariables.ContainsKey($Name)) { throw "Variable asset not found: $Name" }
    $AutomationVariables[$Name]
}
'@

    function New-RunbookRunspace {
        # A runspace with the Automation assets of this account, and the stand-ins.
        $calls = [System.Collections.Generic.List[string]]::new()
        $credentials = @{
            Ango = [System.Management.Automation.PSCredential]::new('ango', $account.ApiKey)
            HITL = [System.Management.Automation.PSCredential]::new('hitl', $account.ApiKey)
        }
        $variables = @{ AngoBaseUri = (Get-AngoTestUri).AbsoluteUri; HitlBaseUri = $emulator.BaseUri.AbsoluteUri }
        $runspace = New-TestRunspace -Variables @{ AutomationCalls = $calls; AutomationCredentials = $credentials; AutomationVariables = $variables }
        $null = Invoke-InTestRunspace -Runspace $runspace -Script $standIns -ThrowOnError
        [pscustomobject]@{ Runspace = $runspace; Calls = $calls }
    }

    function Invoke-Runbook {
        # Runs samples/runbooks/<Name> with the parameters, as a scheduled job would.
        param([string] $Name, [hashtable] $Parameters)
        $runbook.Runspace.SessionStateProxy.SetVariable('Runbook', [System.IO.Path]::Combine($runbooks, $Name))
        $runbook.Runspace.SessionStateProxy.SetVariable('RunbookParameters', $Parameters)
        Invoke-InTestRunspace -Runspace $runbook.Runspace -Script '& $Runbook @RunbookParameters'
    }

    function Get-FileName {
        param([string] $Folder)
        [string[]]$names = @([System.IO.Directory]::GetFiles($Folder) | ForEach-Object { [System.IO.Path]::GetFileName($_) })
        [System.Array]::Sort($names, [System.StringComparer]::Ordinal)
        $names -join ','
    }

    function Get-Sorted {
        param([object[]] $Items)
        [string[]]$copy = @($Items)
        [System.Array]::Sort($copy, [System.StringComparer]::Ordinal)
        $copy -join ','
    }
}

Describe 'Runbooks' {
    BeforeEach {
        $account = New-EmulatorAccount
        $runbook = New-RunbookRunspace
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-runbook-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $runbook.Runspace
        [System.IO.Directory]::Delete($folder, $true)
    }

    Context 'Import-AngoAssetNightly.ps1' {
        BeforeAll {
            function Get-ExternalIdList {
                param([string] $ProjectId)
                Get-Sorted @(Get-EmulatorAngoAsset -Account $account -ProjectId $ProjectId | ForEach-Object { $_.externalId })
            }

            function Get-RegisteredExternalId {
                param([string] $ProjectId)
                foreach ($request in @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $ProjectId + '/cloud'))) {
                    foreach ($asset in @((Get-RequestBody -Request $request).assets)) { $asset.externalId }
                }
            }
        }

        It 'Import from URLs skips assets the project has and a second run imports nothing' {
            $projectId = New-EmulatorAngoProject -Account $account -Name 'Nightly'
            $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg'
            $parameters = @{
                ProjectId = $projectId
                Uri       = @('https://cdn.example.test/night/a.jpg', 'https://cdn.example.test/night/b.jpg', 'https://cdn.example.test/night/c.jpg', 'https://cdn.example.test/night/b.jpg')
            }

            $first = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Terminating | Should -BeNullOrEmpty
            $first.Output | Should -HaveCount 1
            $first.Output[0].Read | Should -Be 4
            $first.Output[0].Skipped | Should -Be 2
            $first.Output[0].Submitted | Should -Be 2
            $first.Output[0].Created | Should -Be 2
            (@(Get-RegisteredExternalId -ProjectId $projectId) -join ',') | Should -BeExactly 'b.jpg,c.jpg'
            Get-ExternalIdList -ProjectId $projectId | Should -BeExactly 'a.jpg,b.jpg,c.jpg'
            # The key came from the Automation credential asset, the address from the Automation variable.
            $runbook.Calls | Should -Contain 'Credential:Ango'
            $runbook.Calls | Should -Contain 'Variable:AngoBaseUri'
            Get-EmulatorRequest -Account $account | ForEach-Object { $_.headers.apikey | Should -BeExactly $account.PlainKey }

            Clear-EmulatorRequest -Account $account
            $second = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            $second.Output[0].Skipped | Should -Be 4
            $second.Output[0].Submitted | Should -Be 0
            $second.Output[0].Created | Should -Be 0
            @(Get-RegisteredExternalId -ProjectId $projectId) | Should -HaveCount 0
            Get-ExternalIdList -ProjectId $projectId | Should -BeExactly 'a.jpg,b.jpg,c.jpg'
        }

        It 'Import from a CSV file keeps its columns and a second run imports nothing' {
            $projectId = New-EmulatorAngoProject -Account $account -Name 'Nightly CSV'
            $batchId = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Nightly' -Kind Project
            $csv = [System.IO.Path]::Combine($folder, 'assets.csv')
            [System.IO.File]::WriteAllLines($csv, [string[]]@(
                    'externalId,data,contextData,batches'
                    'cam1-0001,https://cdn.example.test/cam1/0001.jpg,"{""camera"":""front""}",Nightly'
                    ',https://cdn.example.test/cam1/0002.jpg,,'
                ))
            $parameters = @{ ProjectId = $projectId; CsvPath = $csv }

            $first = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Output[0].Created | Should -Be 2
            Get-ExternalIdList -ProjectId $projectId | Should -BeExactly '0002.jpg,cam1-0001'
            $camera = @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | Where-Object { $_.externalId -eq 'cam1-0001' })[0]
            $camera.contextData.camera | Should -BeExactly 'front'
            (@($camera.batches) -join ',') | Should -BeExactly $batchId

            Clear-EmulatorRequest -Account $account
            $second = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            $second.Output[0].Skipped | Should -Be 2
            $second.Output[0].Created | Should -Be 0
            @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $projectId + '/cloud')) | Should -HaveCount 0
            @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Should -HaveCount 2
        }

        It 'Import from a folder uploads each file once across two runs' {
            $projectId = New-EmulatorAngoProject -Account $account -Name 'Nightly folder'
            $drop = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($folder, 'drop')).FullName
            [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($drop, 'one.jpg'), [byte[]](1, 2, 3))
            [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($drop, 'two.png'), [byte[]](4, 5, 6, 7))
            $parameters = @{ ProjectId = $projectId; FolderPath = $drop }

            $first = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Output[0].Created | Should -Be 2
            $uploads = @(Get-EmulatorAngoStorageUpload -Account $account)
            Get-Sorted @($uploads | ForEach-Object { $_.fileName + ':' + $_.length }) | Should -BeExactly 'one.jpg:3,two.png:4'
            $uploads | ForEach-Object { $_.hadApiKey | Should -BeFalse }
            Get-ExternalIdList -ProjectId $projectId | Should -BeExactly 'one.jpg,two.png'

            # A new file arrives before the next night.
            [System.IO.File]::WriteAllBytes([System.IO.Path]::Combine($drop, 'three.jpg'), [byte[]](8))
            Clear-EmulatorRequest -Account $account
            $second = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            $second.Output[0].Skipped | Should -Be 2
            $second.Output[0].Created | Should -Be 1
            $asks = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/getUploadUrl')
            $asks | Should -HaveCount 1
            (Get-RequestQuery -Request $asks[0])['name'] | Should -BeExactly 'three.jpg'
            @(Get-EmulatorAngoStorageUpload -Account $account) | Should -HaveCount 3
            Get-ExternalIdList -ProjectId $projectId | Should -BeExactly 'one.jpg,three.jpg,two.png'
        }

        It 'Import with -WhatIf adds nothing' {
            $projectId = New-EmulatorAngoProject -Account $account -Name 'Nightly what if'

            $result = Invoke-Runbook -Name 'Import-AngoAssetNightly.ps1' -Parameters @{ ProjectId = $projectId; Uri = @('https://cdn.example.test/x.jpg'); WhatIf = $true }

            $result.Errors | Should -HaveCount 0
            $result.Output[0].Submitted | Should -Be 1
            $result.Output[0].Created | Should -Be 0
            @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $projectId + '/cloud')) | Should -HaveCount 0
            @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Should -HaveCount 0
        }
    }

    Context 'Stop-StaleHitlJob.ps1' {
        It 'Stale job cancel cancels only new jobs older than the limit once and -WhatIf cancels nothing' {
            $projectId = New-EmulatorHitlProject -Account $account -Name 'Hourly'
            # Arranged ages: two waiting jobs three hours old, one waiting job made just now, and a started old one.
            $old = [DateTimeOffset]::UtcNow.AddHours(-3)
            $stale = New-EmulatorHitlJob -Account $account -ProjectId $projectId -CreateDate $old
            $staleToo = New-EmulatorHitlJob -Account $account -ProjectId $projectId -CreateDate $old
            $fresh = New-EmulatorHitlJob -Account $account -ProjectId $projectId
            $started = New-EmulatorHitlJob -Account $account -ProjectId $projectId -Status 'progress' -CreateDate $old
            $parameters = @{ ProjectId = $projectId; OlderThanMinutes = 60 }

            $whatIf = Invoke-Runbook -Name 'Stop-StaleHitlJob.ps1' -Parameters @{ ProjectId = $projectId; OlderThanMinutes = 60; WhatIf = $true }

            $whatIf.Errors | Should -HaveCount 0
            $whatIf.Terminating | Should -BeNullOrEmpty
            $whatIf.Output | Should -HaveCount 0
            @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v1/jobs/') | Should -HaveCount 0
            foreach ($job in @($stale, $staleToo, $fresh)) {
                (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $job).status | Should -BeExactly 'new'
            }

            Clear-EmulatorRequest -Account $account
            $first = Invoke-Runbook -Name 'Stop-StaleHitlJob.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $cancelled = @(Select-OutputOfType -Result $first -Type ([LabelOps.HitlJob]))
            Get-Sorted @($cancelled | ForEach-Object { $_.JobId }) | Should -BeExactly (Get-Sorted @($stale, $staleToo))
            $cancelled | ForEach-Object { $_.Status | Should -BeExactly 'canceled' }
            Get-Sorted @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v1/jobs/' | ForEach-Object { $_.path }) |
                Should -BeExactly (Get-Sorted @(('/v1/jobs/' + $projectId + '/' + $stale), ('/v1/jobs/' + $projectId + '/' + $staleToo)))
            (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $fresh).status | Should -BeExactly 'new'
            (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $started).status | Should -BeExactly 'progress'
            $runbook.Calls | Should -Contain 'Credential:HITL'
            $runbook.Calls | Should -Contain 'Variable:HitlBaseUri'
            Get-EmulatorRequest -Account $account | ForEach-Object { $_.headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey) }

            Clear-EmulatorRequest -Account $account
            $second = Invoke-Runbook -Name 'Stop-StaleHitlJob.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            $second.Output | Should -HaveCount 0
            @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v1/jobs/') | Should -HaveCount 0
            (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $fresh).status | Should -BeExactly 'new'
        }

        It 'Batch submit creates each row once across a run cut short and a second run, and writes every row''s job' {
            $projectId = New-EmulatorHitlProject -Account $account -Name 'Batch'
            $csv = [System.IO.Path]::Combine($folder, 'batch.csv')
            1..6 | ForEach-Object { [pscustomobject]@{ FileUrl = 'https://files.example.test/batch/{0:D2}.jpg' -f $_ } } | Export-Csv -LiteralPath $csv -NoTypeInformation
            $parameters = @{ CsvPath = $csv; ProjectId = $projectId }

            $whatIf = Invoke-Runbook -Name 'Submit-HitlJobBatch.ps1' -Parameters @{ CsvPath = $csv; ProjectId = $projectId; WhatIf = $true }

            $whatIf.Errors | Should -HaveCount 0
            @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs') | Should -HaveCount 0
            [System.IO.File]::Exists($csv + '.ledger.jsonl') | Should -BeFalse

            # A first run that got through two rows before it was stopped: its ledger records two jobs.
            $firstTwo = [System.IO.Path]::Combine($folder, 'first-two.csv')
            Import-Csv -LiteralPath $csv | Select-Object -First 2 | Export-Csv -LiteralPath $firstTwo -NoTypeInformation
            $first = Invoke-Runbook -Name 'Submit-HitlJobBatch.ps1' -Parameters @{ CsvPath = $firstTwo; ProjectId = $projectId; LedgerPath = ($csv + '.ledger.jsonl'); OutputPath = ($csv + '.jobs.csv') }
            $first.Errors | Should -HaveCount 0

            $second = Invoke-Runbook -Name 'Submit-HitlJobBatch.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            $second.Terminating | Should -BeNullOrEmpty
            @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs') | Should -HaveCount 6
            $jobs = @(Get-EmulatorHitlJobList -Account $account -ProjectId $projectId)
            $jobs | Should -HaveCount 6
            $written = @(Import-Csv -LiteralPath ($csv + '.jobs.csv'))
            $written | Should -HaveCount 6
            Get-Sorted @($written | ForEach-Object { $_.JobId }) | Should -BeExactly (Get-Sorted @($jobs | ForEach-Object { $_.job_id }))
            $runbook.Calls | Should -Contain 'Credential:HITL'
        }

        It 'Stale job cancel without a project stops before connecting' {
            $result = Invoke-Runbook -Name 'Stop-StaleHitlJob.ps1' -Parameters @{}

            $result.Terminating | Should -Not -BeNullOrEmpty
            $result.Terminating.Message | Should -BeLike '*-ProjectId*'
            $runbook.Calls | Should -Contain 'Variable:HitlProjectId'
            @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        }
    }

    Context 'Export-AngoCompletedAnnotation.ps1' {
        BeforeEach {
            # Three tasks, two in Complete (the second with an answer).
            $projectId = New-EmulatorAngoProject -Account $account -Name 'Exported'
            $tasks = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3
            $complete = Get-EmulatorAngoStageId -Account $account -ProjectId $projectId -StageName 'Complete'
            $null = Set-EmulatorAngoTask -Account $account -TaskId $tasks[0] -Field @{ stage = $complete }
            $answer = @{ objects = @(@{ title = 'Car'; schemaId = 's1'; 'bounding-box' = @{ x = 1; y = 2; width = 3; height = 4 } }); classifications = @(); relations = @() }
            $null = Set-EmulatorAngoTask -Account $account -TaskId $tasks[2] -Field @{ stage = $complete; answer = $answer }
            $completed = @($tasks[0], $tasks[2])
            $projectFolder = [System.IO.Path]::Combine($folder, $projectId)
        }

        It 'Export per task writes one file per completed task and a second run overwrites them' {
            $parameters = @{ ProjectId = $projectId; OutputPath = $folder }
            $expectedNames = Get-Sorted @($completed | ForEach-Object { $_ + '.json' })

            $first = Invoke-Runbook -Name 'Export-AngoCompletedAnnotation.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Terminating | Should -BeNullOrEmpty
            Get-Sorted @(Select-OutputOfType -Result $first -Type ([System.IO.FileInfo]) | ForEach-Object { $_.Name }) | Should -BeExactly $expectedNames
            Get-FileName -Folder $projectFolder | Should -BeExactly $expectedNames
            $withAnswer = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText([System.IO.Path]::Combine($projectFolder, $completed[1] + '.json')))
            $withAnswer.task.taskId | Should -BeExactly $completed[1]
            $withAnswer.task.stage | Should -BeExactly 'Complete'
            @($withAnswer.task.tools)[0].title | Should -BeExactly 'Car'
            # UTF-8 without a byte order mark.
            [System.IO.File]::ReadAllBytes([System.IO.Path]::Combine($projectFolder, $completed[0] + '.json'))[0] | Should -Be ([byte][char]'{')
            $exports = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/exportV3')
            $exports | Should -HaveCount 1
            (Get-RequestQuery -Request $exports[0])['stage'] | Should -BeExactly ('["' + $complete + '"]')
            $runbook.Calls | Should -Contain 'Credential:Ango'
            $firstContent = @($completed | ForEach-Object { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($projectFolder, $_ + '.json')) })

            Clear-EmulatorRequest -Account $account
            $second = Invoke-Runbook -Name 'Export-AngoCompletedAnnotation.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            @(Select-OutputOfType -Result $second -Type ([System.IO.FileInfo])) | Should -HaveCount 2
            Get-FileName -Folder $projectFolder | Should -BeExactly $expectedNames
            $secondContent = @($completed | ForEach-Object { [System.IO.File]::ReadAllText([System.IO.Path]::Combine($projectFolder, $_ + '.json')) })
            ($secondContent -join "`n") | Should -BeExactly ($firstContent -join "`n")
            @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/exportV3') | Should -HaveCount 1
        }

        It 'Export per run writes one NDJSON file per run date and a second run replaces it' {
            $parameters = @{ ProjectId = $projectId; OutputPath = $folder; Layout = 'PerRun'; RunDate = [datetime]::new(2026, 3, 14) }
            $file = [System.IO.Path]::Combine($projectFolder, 'Complete-2026-03-14.ndjson')

            $first = Invoke-Runbook -Name 'Export-AngoCompletedAnnotation.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Terminating | Should -BeNullOrEmpty
            $files = @(Select-OutputOfType -Result $first -Type ([System.IO.FileInfo]))
            $files | Should -HaveCount 1
            $files[0].Name | Should -BeExactly 'Complete-2026-03-14.ndjson'
            (@([System.IO.File]::ReadAllLines($file) | ForEach-Object { (ConvertFrom-Json -InputObject $_).task.taskId }) -join ',') | Should -BeExactly ($completed -join ',')

            # A task completed since the first run: the second run's file replaces the first's.
            $late = @(Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 1)[0]
            $null = Set-EmulatorAngoTask -Account $account -TaskId $late -Field @{ stage = $complete }
            $second = Invoke-Runbook -Name 'Export-AngoCompletedAnnotation.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            Get-FileName -Folder $projectFolder | Should -BeExactly 'Complete-2026-03-14.ndjson'
            (@([System.IO.File]::ReadAllLines($file) | ForEach-Object { (ConvertFrom-Json -InputObject $_).task.taskId }) -join ',') | Should -BeExactly ((@($completed) + $late) -join ',')
        }
    }

    Context 'Export-LabelOpsMetric.ps1' {
        BeforeAll {
            function Get-Cell {
                # A CSV line as Export-Csv writes it: every field quoted.
                param([string] $Line)
                $Line.Split([string[]]@('","'), [System.StringSplitOptions]::None) | ForEach-Object { $_.Trim('"') }
            }
        }

        It 'Metrics report writes one HITL and one Ango CSV per day and a second run replaces them' {
            $hitlProject = New-EmulatorHitlProject -Account $account -Name 'Metrics HITL'
            $done = New-EmulatorHitlJob -Account $account -ProjectId $hitlProject
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $hitlProject -JobId $done -Status 'done'
            $waiting = New-EmulatorHitlJob -Account $account -ProjectId $hitlProject
            $angoProject = New-EmulatorAngoProject -Account $account -Name 'Metrics Ango'
            $null = Add-EmulatorAngoAsset -Account $account -ProjectId $angoProject -Count 3
            $today = [DateTime]::UtcNow.Date
            $invariant = [System.Globalization.CultureInfo]::InvariantCulture
            $day = $today.ToString('yyyy-MM-dd', $invariant)
            $parameters = @{ HitlProjectId = @($hitlProject); AngoProjectId = @($angoProject); OutputPath = $folder; ReportDate = $today }

            $first = Invoke-Runbook -Name 'Export-LabelOpsMetric.ps1' -Parameters $parameters

            $first.Errors | Should -HaveCount 0
            $first.Terminating | Should -BeNullOrEmpty
            $names = @(('ango-LabelStageGroups-' + $day + '.csv'), ('hitl-metrics-' + $day + '.csv'))
            Get-Sorted @(Select-OutputOfType -Result $first -Type ([System.IO.FileInfo]) | ForEach-Object { $_.Name }) | Should -BeExactly ($names -join ',')
            $hitl = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($folder, $names[1]))
            $hitlHeader = @(Get-Cell $hitl[0])
            $hitlHeader[0] | Should -BeExactly 'ProjectId'
            $hitl | Should -HaveCount 2
            $hitlRow = @(Get-Cell $hitl[1])
            $hitlRow[0] | Should -BeExactly $hitlProject
            $hitlRow[[array]::IndexOf($hitlHeader, 'JobsAll')] | Should -BeExactly '2'
            $hitlRow[[array]::IndexOf($hitlHeader, 'JobsDone')] | Should -BeExactly '1'
            $metrics = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v1/metrics')
            $metrics | Should -HaveCount 1
            $metrics[0].queryString | Should -BeLikeExactly '*period_group_level=day*'
            $metrics[0].queryString | Should -BeLikeExactly ('*period_start_date=' + $today.AddDays(-6).ToString('yyyy-MM-dd', $invariant) + '*')
            $ango = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($folder, $names[0]))
            $angoHeader = @(Get-Cell $ango[0])
            ($angoHeader[0] + ',' + $angoHeader[1]) | Should -BeExactly 'ProjectId,Metric'
            $stages = @($ango | Select-Object -Skip 1 | ForEach-Object { , @(Get-Cell $_) })
            (@($stages | ForEach-Object { $_[[array]::IndexOf($angoHeader, 'Name')] }) -join ',') | Should -BeExactly 'Start,Label,Complete'
            (@($stages | ForEach-Object { $_[[array]::IndexOf($angoHeader, 'Value')] }) -join ',') | Should -BeExactly '0,3,0'
            $stages | ForEach-Object { $_[0] | Should -BeExactly $angoProject }
            @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/' + $angoProject + '/overview/LabelStageGroups')) | Should -HaveCount 1
            $runbook.Calls | Should -Contain 'Credential:HITL'
            $runbook.Calls | Should -Contain 'Credential:Ango'

            # A job finishes before the second run of the day: the same two files, with the new figures.
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $hitlProject -JobId $waiting -Status 'done'
            $second = Invoke-Runbook -Name 'Export-LabelOpsMetric.ps1' -Parameters $parameters

            $second.Errors | Should -HaveCount 0
            Get-FileName -Folder $folder | Should -BeExactly ($names -join ',')
            $again = [System.IO.File]::ReadAllLines([System.IO.Path]::Combine($folder, $names[1]))
            $again | Should -HaveCount 2
            @(Get-Cell $again[1])[[array]::IndexOf($hitlHeader, 'JobsDone')] | Should -BeExactly '2'
        }

        It 'Metrics report for Ango only does not connect to HITL' {
            $angoProject = New-EmulatorAngoProject -Account $account -Name 'Ango only'
            $null = Add-EmulatorAngoAsset -Account $account -ProjectId $angoProject -Count 2

            $result = Invoke-Runbook -Name 'Export-LabelOpsMetric.ps1' -Parameters @{ AngoProjectId = @($angoProject); OutputPath = $folder; AngoMetric = 'AnnotationStatus' }

            $result.Errors | Should -HaveCount 0
            $result.Terminating | Should -BeNullOrEmpty
            $files = @(Select-OutputOfType -Result $result -Type ([System.IO.FileInfo]))
            $files | Should -HaveCount 1
            $files[0].Name | Should -BeLike 'ango-AnnotationStatus-*'
            @(Get-EmulatorRequest -Account $account | Where-Object { ([string]$_.path).StartsWith('/v1/', [StringComparison]::Ordinal) }) | Should -HaveCount 0
            $runbook.Calls | Should -Not -Contain 'Credential:HITL'
        }
    }
}

Describe 'Runbooks without Automation assets' {
    BeforeEach {
        $account = New-EmulatorAccount
        $runbook = New-RunbookRunspace
        $savedEnvironment = Get-HitlEnvironment
        $savedProject = [System.Environment]::GetEnvironmentVariable('HITL_PROJECT_ID')
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $runbook.Runspace
        Set-HitlEnvironment $savedEnvironment
        [System.Environment]::SetEnvironmentVariable('HITL_PROJECT_ID', $savedProject)
    }

    It 'Without Automation assets a runbook uses HITL_API_KEY HITL_BASE_URI and HITL_PROJECT_ID' {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'From the environment'
        $stale = New-EmulatorHitlJob -Account $account -ProjectId $projectId -CreateDate ([DateTimeOffset]::UtcNow.AddHours(-2))
        # The Automation stand-ins answer as Azure Automation does for assets that do not exist: they throw.
        $runbook.Runspace.SessionStateProxy.SetVariable('AutomationCredentials', @{})
        $runbook.Runspace.SessionStateProxy.SetVariable('AutomationVariables', @{})
        Set-HitlEnvironment @{ HITL_API_KEY = $account.PlainKey; HITL_BASE_URI = $emulator.BaseUri.AbsoluteUri }
        [System.Environment]::SetEnvironmentVariable('HITL_PROJECT_ID', $projectId)

        $result = Invoke-Runbook -Name 'Stop-StaleHitlJob.ps1' -Parameters @{ OlderThanMinutes = 60 }

        $result.Errors | Should -HaveCount 0
        $result.Terminating | Should -BeNullOrEmpty
        $cancelled = @(Select-OutputOfType -Result $result -Type ([LabelOps.HitlJob]))
        $cancelled | Should -HaveCount 1
        $cancelled[0].JobId | Should -BeExactly $stale
        (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $stale).status | Should -BeExactly 'canceled'
        ($runbook.Calls -join ',') | Should -BeExactly 'Variable:HitlProjectId,Variable:HitlBaseUri,Credential:HITL'
        Get-EmulatorRequest -Account $account | ForEach-Object { $_.headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey) }
    }
}

Describe 'Runbook help' {
    It 'Runbook help has a synopsis two examples and describes every parameter (<Runbook>)' -ForEach @(
        @{ Runbook = 'Import-AngoAssetNightly.ps1' }
        @{ Runbook = 'Stop-StaleHitlJob.ps1' }
        @{ Runbook = 'Export-AngoCompletedAnnotation.ps1' }
        @{ Runbook = 'Export-LabelOpsMetric.ps1' }
    ) {
        $path = [System.IO.Path]::Combine($runbooks, $Runbook)
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

        $help = Get-Help $path -Full

        [string]$help.Synopsis | Should -Not -BeNullOrEmpty
        # The generated fallback synopsis is the syntax line.
        [string]$help.Synopsis | Should -Not -BeLike ('*' + $Runbook + '*')
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        $described = @($help.parameters.parameter | Where-Object { ($_.description | ForEach-Object { $_.Text }) -join '' } | ForEach-Object { $_.name })
        @((Get-Command $path).Parameters.Keys | Where-Object { $common -notcontains $_ -and $described -notcontains $_ }) | Should -HaveCount 0
    }
}
