# Every output type's default table at 80 columns (the classic console, a split editor pane, a CI log), rendered by
# real pwsh from objects the cmdlets wrote against the emulator (the demo account's Ango project, a HITL project of a
# fresh account): no line longer than 80, no value cut (…), no header wrapped onto a second line, no column of the
# view dropped, and no column empty in every row. Views: src/LabelOps/LabelOps.format.ps1xml.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Get-ViewColumn([string] $TypeName) {
        # The labels of the type's table view, in order.
        $view = @((Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition |
                Where-Object { $_.Control -is [System.Management.Automation.TableControl] })[0]
        for ($i = 0; $i -lt $view.Control.Headers.Count; $i++) {
            $label = $view.Control.Headers[$i].Label
            if (-not $label) { $label = $view.Control.Rows[0].Columns[$i].DisplayEntry.Value }
            $label
        }
    }

    function Test-TableAt80 {
        # Returns the problems found in the default table of $Objects at 80 columns (none: an empty list).
        param([object[]] $Objects, [string] $TypeName)
        $problems = New-Object System.Collections.Generic.List[string]
        if ($Objects.Count -eq 0) { return @("no $TypeName object was made") }
        if ($Objects[0].PSObject.TypeNames[0] -ne $TypeName) { $problems.Add('the first type name is ' + $Objects[0].PSObject.TypeNames[0]) }
        $text = $Objects | Out-String -Width 80
        $lines = @($text -split "`r?`n" | ForEach-Object { $_.TrimEnd() } | Where-Object { $_ })
        foreach ($line in $lines) {
            if ($line.Length -gt 80) { $problems.Add("line longer than 80: $line") }
        }
        if ($text.Contains([string][char]0x2026)) { $problems.Add('a value is cut (…)') }
        if ($lines.Count -lt 3 -or $lines[1] -notmatch '^[\s-]+$') { $problems.Add('the header does not fit on one line') }
        else {
            $header = @(-split $lines[0])
            $expected = @(Get-ViewColumn $TypeName)
            if (($header -join ',') -ne ($expected -join ',')) { $problems.Add('columns ' + ($header -join ',') + ' instead of ' + ($expected -join ',')) }
            # The column spans come from the dashes line; each column must show something in at least one row.
            $spans = [regex]::Matches($lines[1], '-+')
            foreach ($span in $spans) {
                $filled = $false
                foreach ($row in $lines[2..($lines.Count - 1)]) {
                    if ($row.Length -gt $span.Index -and $row.Substring($span.Index, [Math]::Min($span.Length, $row.Length - $span.Index)).Trim()) { $filled = $true }
                }
                if (-not $filled) { $problems.Add('column ' + $lines[0].Substring($span.Index, [Math]::Min($span.Length, $lines[0].Length - $span.Index)).Trim() + ' is empty in every row') }
            }
        }
        if ($problems.Count -gt 0) { $problems.Add("table:`n$text") }
        , $problems.ToArray()
    }

    function New-EngineObject([string] $TypeName, [hashtable] $Property) {
        # For result types only a write of another kind makes: built from the engine assembly (no type literal, see
        # tests/Pester/README.md), with the values such a write reports.
        $assembly = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'LabelOps.Engine' } | Select-Object -First 1
        $object = [System.Activator]::CreateInstance($assembly.GetType($TypeName, $true))
        foreach ($name in $Property.Keys) { $object.$name = $Property[$name] }
        $object
    }

    # --- Ango: the demo account, as a new user meets it ---------------------------------------------------------
    Disconnect-Ango
    $angoSession = Connect-Ango -BaseUri ($emulator.BaseUri.AbsoluteUri + 'v2/') -ApiKey (ConvertTo-TestSecureString 'labelops-demo-key') -PassThru
    $project = @(Get-AngoProject | Where-Object Name -eq 'Street scenes (Ango demo)')[0]
    $p = $project.ProjectId
    $completed = @(Get-AngoTask -ProjectId $p -Status Completed | Select-Object -First 3)
    $waiting = @(Get-AngoTask -ProjectId $p -Stage Label | Where-Object { -not $_.Assignee } | Select-Object -First 2)
    $label = @(Get-AngoTask -ProjectId $p -Stage Label | Select-Object -First 1)
    $import = Add-AngoAsset -ProjectId $p -Uri 'https://images.example.com/street-scenes/2024-05-17/cam04_000601.jpg'
    $newAsset = @(Get-AngoAsset -ProjectId $p | Where-Object ExternalId -eq 'cam04_000601.jpg')[0]
    $batch = @(Get-AngoBatch -ProjectId $p)[0]
    $ango = @{
        'LabelOps.AngoSession'                = @($angoSession)
        'LabelOps.AngoProject'                = @(Get-AngoProject)
        'LabelOps.AngoStage'                  = @(Get-AngoWorkflow -ProjectId $p)
        'LabelOps.AngoBatch'                  = @(Get-AngoBatch -ProjectId $p)
        'LabelOps.AngoCategorySchema'         = @(Get-AngoCategorySchema -ProjectId $p)
        'LabelOps.AngoTask'                   = $completed + $waiting
        'LabelOps.AngoTaskHistory'            = @(Get-AngoTaskHistory -TaskId $completed[0].TaskId)
        'LabelOps.AngoTaskMoveResult'         = @(Move-AngoTask -ProjectId $p -TaskId $label[0].TaskId -ToStage Label -Confirm:$false)
        'LabelOps.AngoAsset'                  = @(Get-AngoAsset -ProjectId $p | Select-Object -First 3)
        'LabelOps.AngoAssetImportResult'      = @($import)
        'LabelOps.AngoLabelImportResult'      = @(Import-AngoLabel -ProjectId $p -InputObject @{ externalId = 'cam04_000601.jpg'; answer = @{ objects = @(); classifications = @(); relations = @() } } -Confirm:$false)
        'LabelOps.AngoBatchAssignment'        = @(Add-AngoBatchAsset -ProjectId $p -Batch $batch.Name -AssetId $newAsset.AssetId -PassThru -Confirm:$false)
        'LabelOps.AngoAttachmentImportResult' = @(Add-AngoAttachment -ProjectId $p -AssetId $newAsset.AssetId -Uri 'https://images.example.com/notes/cam04_000601.txt' -Type TEXT -Confirm:$false)
        'LabelOps.AngoChatImportResult'       = @(New-EngineObject 'LabelOps.AngoChatImportResult' @{ ProjectId = $p; Source = 'conversations-2024-05-17.json'; AssetsCreated = 12; TasksCreated = 12 })
        'LabelOps.AngoExportRecord'           = @(Export-AngoAnnotation -ProjectId $p -Stage Complete | Select-Object -First 3)
        'LabelOps.AngoIssue'                  = @(Get-AngoIssue -ProjectId $p)
        'LabelOps.AngoStorage'                = @(Get-AngoStorage)
        'LabelOps.AngoMember'                 = @(Get-AngoOrganizationMember)
        'LabelOps.AngoInvite'                 = @(New-AngoOrganizationInvite -Email 'margaret@example.test' -Role Member -Confirm:$false)
        'LabelOps.AngoMetric'                 = @(Get-AngoMetric -ProjectId $p -Metric LabelStageGroups) + @(Get-AngoMetric -ProjectId $p -Metric TimePerTask)
        'LabelOps.AngoProjectPerformance'     = @(Get-AngoProjectPerformance -ProjectId $p)
    }
    # The demo workflow has no Webhook stage: a fresh account's project with one.
    $webhookAccount = New-EmulatorAccount
    $webhookProject = New-EmulatorAngoTaskWorkflowProject -Account $webhookAccount
    $webhookSession = Connect-Ango -BaseUri ($emulator.BaseUri.AbsoluteUri + 'v2/') -ApiKey $webhookAccount.ApiKey -PassThru
    $ango['LabelOps.AngoWebhookRun'] = @(Invoke-AngoWebhook -ProjectId $webhookProject -Stage Notify -Session $webhookSession -Confirm:$false)

    # --- HITL: a fresh account with a job in each kind of state -------------------------------------------------
    Disconnect-Hitl
    $account = New-EmulatorAccount
    $hitlSession = Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -PassThru
    $hitlProject = New-EmulatorHitlProject -Account $account -Name 'Street scenes'
    $jobs = @(1..3 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $hitlProject -FileUrl "https://images.example.com/street-scenes/cam01_00000$_.jpg" })
    Set-EmulatorHitlJobStatus -Account $account -ProjectId $hitlProject -JobId $jobs[1] -Status done
    Set-EmulatorHitlJobStatus -Account $account -ProjectId $hitlProject -JobId $jobs[2] -Status error -ErrorMessage 'Unreadable'
    $hitl = @{
        'LabelOps.HitlSession'  = @($hitlSession)
        'LabelOps.HitlProject'  = @(Get-HitlProject -ProjectId $hitlProject)
        'LabelOps.HitlJob'      = @(Get-HitlJob -ProjectId $hitlProject)
        'LabelOps.HitlMetric'   = @(Get-HitlMetric -ProjectId $hitlProject -GroupBy Day)
        'LabelOps.HitlEgressIp' = @(Get-HitlEgressIp)
    }
    $all = $ango + $hitl
}

AfterAll {
    Disconnect-Ango
    Disconnect-Hitl
}

Describe 'Default tables at 80 columns' {
    It 'The default table of <TypeName> fits 80 columns with every column whole and filled' -TestCases (@(
        'LabelOps.HitlJob', 'LabelOps.HitlProject', 'LabelOps.HitlMetric', 'LabelOps.HitlSession', 'LabelOps.HitlEgressIp',
        'LabelOps.AngoSession', 'LabelOps.AngoProject', 'LabelOps.AngoStage', 'LabelOps.AngoBatch', 'LabelOps.AngoCategorySchema',
        'LabelOps.AngoTask', 'LabelOps.AngoTaskHistory', 'LabelOps.AngoTaskMoveResult', 'LabelOps.AngoWebhookRun', 'LabelOps.AngoAsset',
        'LabelOps.AngoAssetImportResult', 'LabelOps.AngoChatImportResult', 'LabelOps.AngoAttachmentImportResult',
        'LabelOps.AngoLabelImportResult', 'LabelOps.AngoBatchAssignment', 'LabelOps.AngoExportRecord', 'LabelOps.AngoIssue',
        'LabelOps.AngoStorage', 'LabelOps.AngoMember', 'LabelOps.AngoInvite', 'LabelOps.AngoMetric', 'LabelOps.AngoProjectPerformance'
    ) | ForEach-Object { @{ TypeName = $_ } }) {
        param($TypeName)
        Test-TableAt80 -Objects $all[$TypeName] -TypeName $TypeName | Should -BeNullOrEmpty
    }

    It 'Every type with a table view is covered' {
        $tables = @(Get-FormatData -TypeName 'LabelOps.*' -PowerShellVersion $PSVersionTable.PSVersion |
                Where-Object { @($_.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }).Count -gt 0 } |
                ForEach-Object TypeNames | Sort-Object -Unique)
        $missing = @($tables | Where-Object { -not $all.ContainsKey($_) })
        $missing | Should -BeNullOrEmpty
    }

    It 'Table dates are in local time' {
        $task = $completed[0]
        $text = $task | Out-String -Width 80
        $text | Should -Match ([regex]::Escape($task.CompletedAt.LocalDateTime.ToString('yyyy-MM-dd HH:mm')))
    }

    It 'Get-HitlEgressIp shows the address on one line' {
        $ip = Get-HitlEgressIp
        $ip.ToString() | Should -Be '203.0.113.10'
        $ip.AddressFamily | Should -Be 'InterNetwork'
        $lines = @(($ip | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | Should -HaveCount 3
        $lines[2] | Should -Match '^203\.0\.113\.10\s+InterNetwork$'
    }
}

Describe 'Export records' {
    It 'Format-List shows an export record as its fields, not as dictionary members' {
        $text = $all['LabelOps.AngoExportRecord'][0] | Format-List | Out-String -Width 80
        $text | Should -Match 'ExternalId\s*:\s*cam\d\d_\d+\.jpg'
        $text | Should -Match 'Status\s*:\s*Completed'
        $text | Should -Match 'Objects\s*:\s*[1-9]'
        $text | Should -Not -Match 'SyncRoot|IsFixedSize|IsReadOnly'
    }

    It 'An export record still reads as the service wrote it' {
        $record = $all['LabelOps.AngoExportRecord'][0]
        $record.task.taskId | Should -BeExactly $record.TaskId
        @($record.task.tools).Count | Should -Be $record.ObjectCount
        ($record | ConvertTo-Json -Depth 10 | ConvertFrom-Json).task.taskId | Should -BeExactly $record.TaskId
    }
}

Describe 'Export-Csv of every output type' {
    # Lists are joined with ", " (ValueList), nested objects are written as compact JSON (the free-form values and
    # export records), so no cell holds a type name.
    It 'Export-Csv of <TypeName> writes no type name into a cell' -TestCases (@(
        'LabelOps.HitlJob', 'LabelOps.HitlProject', 'LabelOps.HitlMetric', 'LabelOps.HitlSession', 'LabelOps.HitlEgressIp',
        'LabelOps.AngoSession', 'LabelOps.AngoProject', 'LabelOps.AngoStage', 'LabelOps.AngoBatch', 'LabelOps.AngoCategorySchema',
        'LabelOps.AngoTask', 'LabelOps.AngoTaskHistory', 'LabelOps.AngoTaskMoveResult', 'LabelOps.AngoWebhookRun', 'LabelOps.AngoAsset',
        'LabelOps.AngoAssetImportResult', 'LabelOps.AngoChatImportResult', 'LabelOps.AngoAttachmentImportResult',
        'LabelOps.AngoLabelImportResult', 'LabelOps.AngoBatchAssignment', 'LabelOps.AngoExportRecord', 'LabelOps.AngoIssue',
        'LabelOps.AngoStorage', 'LabelOps.AngoMember', 'LabelOps.AngoInvite', 'LabelOps.AngoMetric', 'LabelOps.AngoProjectPerformance'
    ) | ForEach-Object { @{ TypeName = $_ } }) {
        param($TypeName)
        $path = Join-Path $TestDrive ($TypeName + '.csv')
        $all[$TypeName] | Export-Csv -LiteralPath $path -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $path)
        $rows.Count | Should -Be @($all[$TypeName]).Count
        $cells = @($rows | ForEach-Object { $_.PSObject.Properties } | Where-Object { [string]$_.Value -match '^(System|LabelOps)\.[\w.`\[\], =]+$' } |
                ForEach-Object { $_.Name + '=' + $_.Value })
        $cells | Should -BeNullOrEmpty
    }

    It 'A task exports its batches joined and its answer as JSON' {
        $task = Get-AngoTask -ProjectId $p -TaskId $completed[0].TaskId -IncludeAnswer -Session $angoSession
        $row = $task | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv
        $row.Batches | Should -BeExactly ($task.Batches -join ', ')
        ($row.Answer | ConvertFrom-Json).objects.Count | Should -Be @($task.Answer.objects).Count
    }
}
