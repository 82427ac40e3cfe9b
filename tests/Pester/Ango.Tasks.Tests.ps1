# Ango tasks: listing them (Get-AngoTask), assigning (Set-AngoTaskAssignee, -ThrottleLimit included) and moving them
# (Move-AngoTask), their history (Get-AngoTaskHistory), webhooks (Invoke-AngoWebhook) and label imports
# (Import-AngoLabel), against the emulator. Projects have a five-stage workflow (New-EmulatorAngoTaskWorkflowProject):
# stages st-start, st-label, st-review, st-notify (a Webhook stage) and st-complete.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function Get-AssetName {
        # The external IDs AngoStore.AddAssets gives: asset-00000.jpg, asset-00001.jpg, ...
        param([int] $From, [int] $Count)
        for ($i = $From; $i -lt $From + $Count; $i++) { 'asset-{0:D5}.jpg' -f $i }
    }

    function Get-Sorted {
        param([object[]] $Items)
        [string[]]$copy = @($Items)
        [System.Array]::Sort($copy, [System.StringComparer]::Ordinal)
        $copy -join ','
    }
}

Describe 'Get-AngoTask' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $projectId = New-EmulatorAngoTaskWorkflowProject -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoTask streams every task across pages of 100 with stage names (<Count>)' -ForEach @(
        @{ Count = 0 }, @{ Count = 1 }, @{ Count = 99 }, @{ Count = 100 }, @{ Count = 101 }, @{ Count = 250 }
    ) {
        if ($Count -gt 0) {
            $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count $Count
        }

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p -Sort externalId' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $tasks = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]))
        (@($tasks | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly (@(Get-AssetName -From 0 -Count $Count) -join ',')
        $tasks | ForEach-Object { $_.Stage | Should -BeExactly 'Label' }
        $tasks | ForEach-Object { $_.ProjectId | Should -BeExactly $projectId }
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks'))
        $pages | Should -HaveCount ([Math]::Max(1, [Math]::Floor(($Count + 99) / 100)))
        (@($pages | ForEach-Object { (Get-RequestQuery -Request $_)['page'] }) -join ',') | Should -BeExactly (@(1..$pages.Count) -join ',')
        foreach ($page in $pages) {
            $query = Get-RequestQuery -Request $page
            $query['limit'] | Should -BeExactly '100'
            $query['sort'] | Should -BeExactly 'externalId'
            $query['includeAnswer'] | Should -BeExactly 'false'
        }
    }

    It 'Skip First and IncludeTotalCount read only the pages of the window and report the total' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 250

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p -Sort externalId -Skip 195 -First 10 -IncludeTotalCount' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $result.Output[0].psobject.BaseObject | Should -Be ([uint64]250)
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]) | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly (@(Get-AssetName -From 195 -Count 10) -join ',')
        (@(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks') | ForEach-Object { (Get-RequestQuery -Request $_)['page'] }) -join ',') |
            Should -BeExactly '2,3'
    }

    It 'Filters go to the service as status eq stage id batches json array of ids and assignee after one project read' {
        $week1 = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1' -Kind Task
        $week2 = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 2' -Kind Task
        $wanted = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'wanted.jpg' -Batch $week1, $week2).TaskId
        $oneBatchOnly = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'one-batch.jpg' -Batch $week1).TaskId
        $otherAssignee = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'other.jpg' -Batch $week1, $week2).TaskId
        foreach ($id in @($wanted, $oneBatchOnly, $otherAssignee)) {
            $assignee = if ($id -eq $otherAssignee) { 'x@example.test' } else { 'ana@example.test' }
            $null = Set-EmulatorAngoTask -Account $account -TaskId $id -Field @{ stage = 'st-review'; assignee = $assignee }
        }

        $result = Invoke-Connected "Get-AngoTask -ProjectId `$p -Status todo -Stage review -Batch 'Week 1', `$w2 -Assignee ana@example.test" -Variables @{ p = $projectId; w2 = $week2 }

        $result.Errors | Should -HaveCount 0
        $tasks = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]))
        $tasks | Should -HaveCount 1
        $tasks[0].TaskId | Should -BeExactly $wanted
        $tasks[0].Stage | Should -BeExactly 'Review'
        $lists = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks'))
        $lists | Should -HaveCount 1
        $query = Get-RequestQuery -Request $lists[0]
        $query['status[eq]'] | Should -BeExactly 'TODO'
        $query['stage'] | Should -BeExactly 'st-review'
        $query['batches'] | Should -BeExactly ('["' + $week1 + '","' + $week2 + '"]')
        $query['assignee'] | Should -BeExactly 'ana@example.test'
        @(Get-EmulatorRequest -Account $account -Method 'GET' | Where-Object { $_.path -eq ('/v2/project/' + $projectId) }) | Should -HaveCount 1
    }

    It 'An unknown stage name is InvalidArgument naming the projects stages and no task request is sent' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p -Stage Reveiw' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'Reveiw'*"
        $result.Errors[0].Exception.Message | Should -BeLike "*'Start', 'Label', 'Review', 'Notify', 'Complete'*"
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks')) | Should -HaveCount 0
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask])) | Should -HaveCount 0
    }

    It 'An unknown batch name is InvalidArgument naming the projects batches' {
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1' -Kind Task

        $result = Invoke-Connected "Get-AngoTask -ProjectId `$p -Batch 'Week 9'" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'Week 1'*"
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks')) | Should -HaveCount 0
    }

    It 'IncludeAnswer asks for answers and they navigate with dot notation while without it Answer stays empty' {
        $taskId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').TaskId
        $null = Set-EmulatorAngoTask -Account $account -TaskId $taskId -Field @{ answer = @{ objects = @(@{ title = 'car' }); classifications = @(); relations = @() } }

        $result = Invoke-Connected "(Get-AngoTask -ProjectId `$p -IncludeAnswer).Answer.objects[0].title`n(Get-AngoTask -ProjectId `$p).Answer -eq `$null" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $result.Output[0].psobject.BaseObject | Should -BeExactly 'car'
        $result.Output[1].psobject.BaseObject | Should -BeTrue
        (@(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks') | ForEach-Object { (Get-RequestQuery -Request $_)['includeAnswer'] }) -join ',') |
            Should -BeExactly 'true,false'
    }

    It 'By id an unknown task is NotFound with the id as target and the pipeline goes on' {
        $taskId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').TaskId

        $result = Invoke-Connected 'Get-AngoTask -TaskId nope, $t' -Variables @{ t = $taskId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
        $result.Errors[0].Exception.Message | Should -BeLike '*Task not found*'
        $tasks = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]))
        $tasks | Should -HaveCount 1
        $tasks[0].TaskId | Should -BeExactly $taskId
        # No project given, so no project read.
        $tasks[0].Stage | Should -BeNullOrEmpty
        (@(Get-EmulatorRequest -Account $account | ForEach-Object { $_.path }) -join ',') | Should -BeExactly ('/v2/task/nope,/v2/task/' + $taskId)
    }

    It 'Piped tasks are read again by id and the project is read once for their stage names' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p | Get-AngoTask' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $tasks = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]))
        $tasks | Should -HaveCount 3
        $tasks | ForEach-Object { $_.Stage | Should -BeExactly 'Label' }
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/task/') | Should -HaveCount 3
        # One for the listing, one for the by-id reads.
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.path -eq ('/v2/project/' + $projectId) }) | Should -HaveCount 2
    }
}

Describe 'Set-AngoTaskAssignee and Move-AngoTask' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $projectId = New-EmulatorAngoTaskWorkflowProject -Account $account
        $requeuePath = '/v2/project/' + $projectId + '/requeueTasks'
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoTask piped to Set-AngoTaskAssignee sends one bulk assignment with the stage id' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 4
        $null = Set-EmulatorAngoTask -Account $account -TaskId $ids[3] -Field @{ status = 'Completed' }

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p -Status TODO | Set-AngoTaskAssignee -Stage Label -Email ana@example.test' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $result.Output | Should -HaveCount 0
        $assign = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/task/assign')
        $assign | Should -HaveCount 1
        $body = Get-RequestBody -Request $assign[0]
        $body.project | Should -BeExactly $projectId
        $body.stage | Should -BeExactly 'st-label'
        $body.user | Should -BeExactly 'ana@example.test'
        Get-Sorted $body.tasks | Should -BeExactly (Get-Sorted $ids[0..2])
        foreach ($id in $ids[0..2]) {
            (Get-EmulatorAngoTask -Account $account -TaskId $id).assignee | Should -BeExactly 'ana@example.test'
        }
        (Get-EmulatorAngoTask -Account $account -TaskId $ids[3]).assignee | Should -BeNullOrEmpty
    }

    It 'Assignments go in requests of at most 100 tasks' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 250

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p | Set-AngoTaskAssignee -Stage Label -Email ana@example.test' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        # The chunks go side by side, so they may arrive in any order.
        (@(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/task/assign' | ForEach-Object { @((Get-RequestBody -Request $_).tasks).Count } | Sort-Object -Descending) -join ',') |
            Should -BeExactly '100,100,50'
        @(Get-EmulatorAngoTask -Account $account -ProjectId $projectId | Where-Object { $_.assignee -eq 'ana@example.test' }) | Should -HaveCount 250
    }

    It 'Set-AngoTaskAssignee with -WhatIf sends nothing' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected 'Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage Label -Email ana@example.test -WhatIf' -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Set-AngoTaskAssignee -PassThru writes each task as read after the assignment' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected 'Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage $s -Email ana@example.test -PassThru' -Variables @{ p = $projectId; ids = $ids; s = 'st-label' }

        $result.Errors | Should -HaveCount 0
        $tasks = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]))
        (@($tasks | ForEach-Object { $_.TaskId }) -join ',') | Should -BeExactly ($ids -join ',')
        $tasks | ForEach-Object { $_.Assignee | Should -BeExactly 'ana@example.test' }
        $tasks | ForEach-Object { $_.Stage | Should -BeExactly 'Label' }
    }

    It 'Set-AngoTaskAssignee -PassThru reads ThrottleLimit tasks at once and writes them in input order' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 6
        # The first read is the slowest, so the answers come back out of input order.
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/task/*' -DelayMs 900
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/task/*' -DelayMs 300 -Times 5

        $result = Invoke-Connected 'Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage $s -Email ana@example.test -PassThru -ThrottleLimit 3' -Variables @{ p = $projectId; ids = $ids; s = 'st-label' }

        $result.Errors | Should -HaveCount 0
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTask]) | ForEach-Object { $_.TaskId }) -join ',') | Should -BeExactly ($ids -join ',')
        $reads = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/task/')
        $reads | Should -HaveCount 6
        ($reads[2].ReceivedAtUtc - $reads[0].ReceivedAtUtc).TotalMilliseconds | Should -BeLessThan 250 -Because 'the first three reads go at once'
        ($reads[3].ReceivedAtUtc - $reads[0].ReceivedAtUtc).TotalMilliseconds | Should -BeGreaterOrEqual 250 -Because 'no more than ThrottleLimit reads are in flight'
    }

    It 'Set-AngoTaskAssignee with an unknown stage is InvalidArgument and assigns nothing' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 1

        $result = Invoke-Connected 'Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage Lable -Email ana@example.test' -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'Label'*"
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/task/assign') | Should -HaveCount 0
    }

    It 'Move-AngoTask sends piped task ids in one requeue and reports the count and stage' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3
        foreach ($id in $ids) { $null = Set-EmulatorAngoTask -Account $account -TaskId $id -Field @{ stage = 'st-review' } }

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $p | Move-AngoTask -ToStage Label' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $summary = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTaskMoveResult]))
        $summary | Should -HaveCount 1
        $summary[0].Modified | Should -Be 3
        $summary[0].ToStageId | Should -BeExactly 'st-label'
        $summary[0].ToStage | Should -BeExactly 'Label'
        $requeues = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $requeuePath)
        $requeues | Should -HaveCount 1
        $body = Get-RequestBody -Request $requeues[0]
        $body.toStageId | Should -BeExactly 'st-label'
        Get-Sorted $body.filters.taskIds | Should -BeExactly (Get-Sorted $ids)
        (@($body.filters.psobject.Properties.Name) -join ',') | Should -BeExactly 'taskIds'
        $body.options.removeAnnotations | Should -BeFalse
        $body.options.removeAssignee | Should -BeFalse
        $body.options.removeStageHistory | Should -BeFalse
        foreach ($id in $ids) {
            (Get-EmulatorAngoTask -Account $account -TaskId $id).stage | Should -BeExactly 'st-label'
        }
    }

    It 'Move-AngoTask resolves batch and from stage names and sends external ids' {
        $week = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1' -Kind Task
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg' -Batch $week

        $result = Invoke-Connected "Move-AngoTask -ProjectId `$p -ToStage Review -ExternalId a.jpg, b.jpg -Batch 'Week 1' -FromStage Label -RemoveAssignee" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTaskMoveResult]))[0].Modified | Should -Be 1
        $requeues = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $requeuePath)
        $requeues | Should -HaveCount 1
        $body = Get-RequestBody -Request $requeues[0]
        (@($body.filters.externalIds) -join ',') | Should -BeExactly 'a.jpg,b.jpg'
        (@($body.filters.batches) -join ',') | Should -BeExactly $week
        (@($body.filters.fromStageIds) -join ',') | Should -BeExactly 'st-label'
        $body.options.removeAssignee | Should -BeTrue
    }

    It 'Move-AngoTask with -WhatIf sends nothing at all' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected 'Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation -WhatIf' -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Move-AngoTask -RemoveAnnotation without -Force is refused in a host that cannot ask and sends nothing' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected 'Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation' -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        $result.Errors[0].Exception.Message | Should -BeLike '*-Force*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Move-AngoTask -RemoveAnnotation with -Force or -Confirm false sends and the answers are gone (<Consent>)' -ForEach @(
        @{ Consent = '-Force' }
        @{ Consent = '-Confirm:$false' }
    ) {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2
        foreach ($id in $ids) { $null = Set-EmulatorAngoTask -Account $account -TaskId $id -Field @{ answer = @{ objects = @(@{ title = 'car' }) } } }

        $result = Invoke-Connected ('Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation ' + $Consent) -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 0
        $requeues = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $requeuePath)
        $requeues | Should -HaveCount 1
        (Get-RequestBody -Request $requeues[0]).options.removeAnnotations | Should -BeTrue
        foreach ($id in $ids) {
            (Get-EmulatorAngoTask -Account $account -TaskId $id).answer | Should -BeNullOrEmpty
        }
    }

    It 'Move-AngoTask without any filter is refused because the service would requeue every task' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected 'Move-AngoTask -ProjectId $p -ToStage Review' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike '*-All*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Move-AngoTask fed an empty pipeline sends nothing' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2

        $result = Invoke-Connected '@() | Move-AngoTask -ProjectId $p -ToStage Review' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        Get-EmulatorAngoTask -Account $account -ProjectId $projectId | ForEach-Object { $_.stage | Should -BeExactly 'st-label' }
    }

    It 'Move-AngoTask -All sends no filters and requeues every task' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3

        $result = Invoke-Connected 'Move-AngoTask -ProjectId $p -ToStage Review -All' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTaskMoveResult]))[0].Modified | Should -Be 3
        $requeues = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $requeuePath)
        $requeues | Should -HaveCount 1
        @((Get-RequestBody -Request $requeues[0]).filters.psobject.Properties) | Should -HaveCount 0
    }

    It 'Move-AngoTask to an unknown stage is InvalidArgument naming the stages and requeues nothing' {
        $ids = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 1

        $result = Invoke-Connected 'Move-AngoTask -ProjectId $p -TaskId $ids -ToStage QA' -Variables @{ p = $projectId; ids = $ids }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'Review'*"
        $result.Errors[0].TargetObject | Should -BeExactly $projectId
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $requeuePath) | Should -HaveCount 0
    }
}

Describe 'Task history, webhooks and label imports' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $projectId = New-EmulatorAngoTaskWorkflowProject -Account $account
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-labels-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
        [System.IO.Directory]::Delete($folder, $true)
    }

    It 'Get-AngoTaskHistory lists the stages a task left and reads one record by HistoryId' {
        $taskId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').TaskId
        $null = Set-EmulatorAngoTask -Account $account -TaskId $taskId -Field @{ assignee = 'ana@example.test' }
        $move = Invoke-Connected 'Move-AngoTask -ProjectId $p -TaskId $t -ToStage Review' -Variables @{ p = $projectId; t = $taskId }
        $move.Errors | Should -HaveCount 0
        $history = @(Get-EmulatorAngoTaskHistory -Account $account -TaskId $taskId)
        $history | Should -HaveCount 1
        $historyId = [string]$history[0]._id
        Clear-EmulatorRequest -Account $account

        $result = Invoke-AngoTestScript -Runspace $shell -Account $account -Script "Get-AngoTask -TaskId `$t | Get-AngoTaskHistory`nGet-AngoTaskHistory -HistoryId `$h" -Variables @{ h = $historyId }

        $result.Errors | Should -HaveCount 0
        $entries = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoTaskHistory]))
        $entries | Should -HaveCount 2
        foreach ($entry in $entries) {
            $entry.HistoryId | Should -BeExactly $historyId
            $entry.Stage | Should -BeExactly 'Label'
            $entry.StageId | Should -BeExactly 'st-label'
            $entry.CompletedBy | Should -BeExactly 'ana@example.test'
            $entry.TaskId | Should -BeExactly $taskId
        }
        (@(Get-EmulatorRequest -Account $account | ForEach-Object { $_.path }) -join ',') |
            Should -BeExactly ('/v2/task/' + $taskId + ',/v2/task/' + $taskId + '/history,/v2/taskHistory/' + $historyId)
    }

    It 'Get-AngoTaskHistory of an unknown task is NotFound with the id as target' {
        $result = Invoke-Connected 'Get-AngoTaskHistory -TaskId nope'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It 'Invoke-AngoWebhook resolves the webhook stage by name and posts its id to rerun webhook' {
        $result = Invoke-Connected 'Invoke-AngoWebhook -ProjectId $p -Stage Notify' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $runs = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoWebhookRun]))
        $runs | Should -HaveCount 1
        $runs[0].StageId | Should -BeExactly 'st-notify'
        $runs[0].Stage | Should -BeExactly 'Notify'
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $projectId + '/rerun-webhook'))
        $posts | Should -HaveCount 1
        (Get-RequestBody -Request $posts[0]).stageId | Should -BeExactly 'st-notify'
        $reruns = @(Get-EmulatorAngoWebhookRerun -Account $account)
        $reruns | Should -HaveCount 1
        $reruns[0].projectId | Should -BeExactly $projectId
        $reruns[0].stageId | Should -BeExactly 'st-notify'
    }

    It 'Invoke-AngoWebhook on a stage that is not a webhook is InvalidArgument and sends nothing' {
        $result = Invoke-Connected 'Invoke-AngoWebhook -ProjectId $p -Stage Review' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'Notify'*"
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project/') | Should -HaveCount 0
        @(Get-EmulatorAngoWebhookRerun -Account $account) | Should -HaveCount 0
    }

    It 'Invoke-AngoWebhook with -WhatIf sends nothing' {
        $result = Invoke-Connected 'Invoke-AngoWebhook -ProjectId $p -Stage Notify -WhatIf' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Import-AngoLabel sends 250 records in chunks of 100 and writes each chunks summary' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 250

        $result = Invoke-Connected "0..249 | ForEach-Object { @{ ExternalId = ('asset-{0:D5}.jpg' -f `$_); answer = @{ objects = @(@{ title = 'car' }); classifications = @(); relations = @() } } } | Import-AngoLabel -ProjectId `$p" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $chunks = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/import/labels')
        (@($chunks | ForEach-Object { @((Get-RequestBody -Request $_).jsonContent).Count }) -join ',') | Should -BeExactly '100,100,50'
        $chunks | ForEach-Object { (Get-RequestBody -Request $_).project | Should -BeExactly $projectId }
        # Respelled from ExternalId.
        @((Get-RequestBody -Request $chunks[0]).jsonContent)[0].externalId | Should -BeExactly 'asset-00000.jpg'
        $summaries = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoLabelImportResult]))
        (@($summaries | ForEach-Object { $_.Chunk }) -join ',') | Should -BeExactly '1,2,3'
        (@($summaries | ForEach-Object { $_.Message }) -join '|') | Should -BeExactly '100 / 100 tasks are labeled.|100 / 100 tasks are labeled.|50 / 50 tasks are labeled.'
        foreach ($task in @(Get-EmulatorAngoTask -Account $account -ProjectId $projectId)) {
            $task.status | Should -BeExactly 'Completed'
            $task.answer.objects[0].title | Should -BeExactly 'car'
        }
    }

    It 'Import-AngoLabel reads a JSON file of records' {
        $asset = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg'
        $path = [System.IO.Path]::Combine($folder, 'labels.json')
        [System.IO.File]::WriteAllText($path, '[{"assetId":"' + $asset.AssetId + '","answer":{"objects":[],"classifications":[{"title":"sunny"}],"relations":[]}}]')

        $result = Invoke-Connected 'Import-AngoLabel -ProjectId $p -Path $f' -Variables @{ p = $projectId; f = $path }

        $result.Errors | Should -HaveCount 0
        $summaries = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoLabelImportResult]))
        $summaries | Should -HaveCount 1
        $summaries[0].Message | Should -BeExactly '1 / 1 tasks are labeled.'
        (Get-EmulatorAngoTask -Account $account -TaskId $asset.TaskId).answer.classifications[0].title | Should -BeExactly 'sunny'
    }

    It 'Tasks read with -IncludeAnswer copy their labels to another project by external id' {
        $source = New-EmulatorAngoTaskWorkflowProject -Account $account -Name 'Source'
        $target = New-EmulatorAngoTaskWorkflowProject -Account $account -Name 'Target'
        $sourceTask = (Add-EmulatorAngoAsset -Account $account -ProjectId $source -ExternalId 'a.jpg').TaskId
        $targetTask = (Add-EmulatorAngoAsset -Account $account -ProjectId $target -ExternalId 'a.jpg').TaskId
        $null = Set-EmulatorAngoTask -Account $account -TaskId $sourceTask -Field @{ answer = @{ objects = @(@{ title = 'bus' }); classifications = @(); relations = @() } }

        $result = Invoke-Connected 'Get-AngoTask -ProjectId $s -IncludeAnswer | Import-AngoLabel -ProjectId $t' -Variables @{ s = $source; t = $target }

        $result.Errors | Should -HaveCount 0
        $imports = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/import/labels')
        $imports | Should -HaveCount 1
        $record = Get-RequestBody -Request $imports[0]
        $record.project | Should -BeExactly $target
        (@(@($record.jsonContent)[0].psobject.Properties.Name) -join ',') | Should -BeExactly 'externalId,answer'
        (Get-EmulatorAngoTask -Account $account -TaskId $targetTask).answer.objects[0].title | Should -BeExactly 'bus'
    }

    It 'A record without externalId or assetId is an error and the others are still imported' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg'

        $result = Invoke-Connected "@{ answer = @{} }, @{ externalId = 'a.jpg'; answer = @{ objects = @() } } | Import-AngoLabel -ProjectId `$p" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $imports = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/import/labels')
        $imports | Should -HaveCount 1
        @((Get-RequestBody -Request $imports[0]).jsonContent) | Should -HaveCount 1
    }

    It 'Import-AngoLabel with -WhatIf sends nothing' {
        $result = Invoke-Connected "@{ externalId = 'a.jpg'; answer = @{} } | Import-AngoLabel -ProjectId `$p -WhatIf" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }
}
