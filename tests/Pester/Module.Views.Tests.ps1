# The default table of every output type (through Out-String, which renders as Out-Default does), the list views, the
# computed properties, and the about topics.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $when = [DateTimeOffset]::new(2026, 3, 4, 5, 6, 7, [TimeSpan]::Zero)

    function Get-HeaderColumn($Object, [string] $First) {
        $lines = @(($Object | Out-String -Width 120) -split "`r?`n" | ForEach-Object { $_.TrimEnd() })
        $header = $lines | Where-Object { $_.TrimStart().StartsWith($First) } | Select-Object -First 1
        @(-split [string]$header)
    }
}

Describe 'Default views' {
    It 'The default view of <Type> is a table of readable columns' -TestCases @(
        @{ Type = 'HitlJob'; Columns = @('JobId', 'Status', 'CreateDate', 'FinishDate', 'Error'); Make = { [LabelOps.HitlJob]@{ ProjectId = 'p-1'; JobId = 'job-1'; Status = 'done' } } }
        @{ Type = 'HitlProject'; Columns = @('ProjectId', 'Status'); Make = { [LabelOps.HitlProject]@{ ProjectId = 'p-1'; Status = 'active'; Name = 'Cars' } } }
        @{ Type = 'AngoProject'; Columns = @('ProjectId', 'Name', 'CreatedAt'); Make = { [LabelOps.AngoProject]@{ ProjectId = 'ap-1'; Name = 'Cars' } } }
        @{ Type = 'AngoStage'; Columns = @('Name', 'Type', 'StageId', 'Next'); Make = { [LabelOps.AngoStage]@{ StageId = 'st-1'; Name = 'Label' } } }
        @{ Type = 'AngoBatch'; Columns = @('Name', 'BatchId', 'Description'); Make = { [LabelOps.AngoBatch]@{ BatchId = 'b-1'; Name = 'Night' } } }
        @{ Type = 'AngoTask'; Columns = @('ExternalId', 'Stage', 'Status', 'Assignee', 'CompletedAt'); Make = { [LabelOps.AngoTask]@{ TaskId = 't-1'; Status = 'TODO' } } }
        @{ Type = 'AngoTaskHistory'; Columns = @('TaskId', 'Stage', 'CompletedBy', 'CompletedAt', 'Duration'); Make = { [LabelOps.AngoTaskHistory]@{ TaskId = 't-1' } } }
        @{ Type = 'AngoTaskMoveResult'; Columns = @('ProjectId', 'ToStage', 'Modified'); Make = { [LabelOps.AngoTaskMoveResult]@{ ProjectId = 'ap-1'; ToStage = 'st-1' } } }
        @{ Type = 'AngoWebhookRun'; Columns = @('ProjectId', 'Stage', 'Response'); Make = { [LabelOps.AngoWebhookRun]@{ ProjectId = 'ap-1'; Stage = 'st-9' } } }
        @{ Type = 'AngoAsset'; Columns = @('AssetId', 'ExternalId', 'CreatedAt', 'Batches'); Make = { [LabelOps.AngoAsset]@{ AssetId = 'as-1'; Data = 'https://example.com/a.jpg' } } }
        @{ Type = 'AngoAssetImportResult'; Columns = @('ProjectId', 'AssetsCreated', 'TasksCreated', 'PreLabels', 'ValidPreLabels'); Make = { [LabelOps.AngoAssetImportResult]@{ ProjectId = 'ap-1' } } }
        @{ Type = 'AngoLabelImportResult'; Columns = @('ProjectId', 'Chunk', 'Sent', 'Message'); Make = { [LabelOps.AngoLabelImportResult]@{ ProjectId = 'ap-1'; Chunk = 1 } } }
        @{ Type = 'AngoIssue'; Columns = @('IssueId', 'Status', 'CreatedAt', 'Summary'); Make = { [LabelOps.AngoIssue]@{ IssueId = 'i-1' } } }
        @{ Type = 'AngoStorage'; Columns = @('StorageId', 'Name', 'Type', 'Bucket', 'Region'); Make = { [LabelOps.AngoStorage]@{ StorageId = 's-1' } } }
        @{ Type = 'AngoMember'; Columns = @('Email', 'Name', 'Role', 'CreatedAt'); Make = { [LabelOps.AngoMember]@{ Email = 'a@example.com' } } }
        @{ Type = 'AngoInvite'; Columns = @('Email', 'Role', 'Status', 'CreatedAt', 'ExpiresAt'); Make = { [LabelOps.AngoInvite]@{ Email = 'b@example.com' } } }
    ) {
        param($Type, $Columns, $Make)
        Get-HeaderColumn (& $Make) $Columns[0] | Should -Be $Columns
    }

    It 'An export record shows as one row, not as its keys' {
        $record = [LabelOps.AngoExportRecord]::new()
        $record['externalId'] = 'img-7.jpg'
        $record['task'] = [ordered]@{ taskId = 't-7'; stage = 'Review' }
        $text = $record | Out-String -Width 120
        $text | Should -Match 'img-7\.jpg\s+t-7\s+Review'
        $text | Should -Not -Match 'Name\s+Value'
    }

    It 'Format-List shows the full record of a task' {
        $text = [LabelOps.AngoTask]@{ TaskId = 't-1'; ProjectId = 'ap-1'; Batches = @('Night', 'Rain') } | Format-List | Out-String
        $text | Should -Match 'ProjectId\s*:\s*ap-1'
        $text | Should -Match 'Batches\s*:\s*Night, Rain'
    }

    It 'A job reports its duration from start, or else from creation' {
        ([LabelOps.HitlJob]@{ JobId = 'a'; CreateDate = $when; StartDate = $when.AddMinutes(1); FinishDate = $when.AddMinutes(5) }).Duration | Should -Be ([TimeSpan]::FromMinutes(4))
        ([LabelOps.HitlJob]@{ JobId = 'b'; CreateDate = $when; FinishDate = $when.AddMinutes(5) }).Duration | Should -Be ([TimeSpan]::FromMinutes(5))
        ([LabelOps.HitlJob]@{ JobId = 'c'; CreateDate = $when }).Duration | Should -BeNullOrEmpty
    }

    It 'An invite past its expiry says so' {
        ([LabelOps.AngoInvite]@{ Email = 'a@example.com'; ExpiresAt = [DateTimeOffset]::UtcNow.AddDays(-1) }).IsExpired | Should -BeTrue
        ([LabelOps.AngoInvite]@{ Email = 'b@example.com'; ExpiresAt = [DateTimeOffset]::UtcNow.AddDays(1) }).IsExpired | Should -BeFalse
    }
}

Describe 'About topics' {
    It 'about_LabelOps covers <Subject>' -TestCases @(
        @{ Subject = 'CONNECTING AND SESSIONS' }, @{ Subject = 'Connect-Ango' }, @{ Subject = 'PAGING' },
        @{ Subject = 'RETRIES AND THE NO-DUPLICATE RULE' }, @{ Subject = 'ERRORS' }, @{ Subject = 'RUNBOOKS AND SCHEDULED SCRIPTS' },
        @{ Subject = 'TAB COMPLETION' }, @{ Subject = 'PROGRESS' }, @{ Subject = 'about_LabelOps_Emulator' }
    ) {
        param($Subject)
        (Get-Help about_LabelOps | Out-String) | Should -BeLikeExactly "*$Subject*"
    }

    It 'about_LabelOps_Emulator covers <Subject>' -TestCases @(
        @{ Subject = 'STARTING THE EMULATOR' }, @{ Subject = 'FAULTS' }, @{ Subject = 'THE REQUEST LOG' }
    ) {
        param($Subject)
        (Get-Help about_LabelOps_Emulator | Out-String) | Should -BeLikeExactly "*$Subject*"
    }
}
