# Ango issues (Get-AngoIssue, New-AngoIssue, Remove-AngoIssue): what each sends, writes and refuses, against the
# emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function Get-Sorted {
        param([object[]] $Items)
        [string[]]$copy = @($Items)
        [System.Array]::Sort($copy, [System.StringComparer]::Ordinal)
        $copy -join ','
    }
}

Describe 'Issues' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        # IssueTests.ArrangeTask.
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Issues'
        $taskId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').TaskId
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoIssue pages without a total and stops at the first short page (<Count>)' -ForEach @(
        @{ Count = 0; ExpectedRequests = 1 }
        @{ Count = 1; ExpectedRequests = 1 }
        @{ Count = 99; ExpectedRequests = 1 }
        @{ Count = 100; ExpectedRequests = 2 }
        @{ Count = 101; ExpectedRequests = 2 }
        @{ Count = 250; ExpectedRequests = 3 }
    ) {
        for ($i = 0; $i -lt $Count; $i++) {
            $null = New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content ('issue ' + $i)
        }

        $result = Invoke-Connected 'Get-AngoIssue -ProjectId $p' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $issues = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoIssue]))
        $issues | Should -HaveCount $Count
        Get-Sorted @($issues | ForEach-Object { $_.IssueId }) | Should -BeExactly (Get-Sorted @(Get-EmulatorAngoIssue -Account $account | ForEach-Object { $_._id }))
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/issues')
        $pages | Should -HaveCount $ExpectedRequests
        (@($pages | ForEach-Object { (Get-RequestQuery -Request $_)['page'] }) -join ',') | Should -BeExactly (@(1..$ExpectedRequests) -join ',')
    }

    It 'Get-AngoIssue maps the issue and sends each filter' {
        $null = New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content 'Box too loose' -Status 'Resolved' -Assignee 'ann@example.test' -Title 'Loose box' -Position '[10, 20]'
        $null = New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content 'Still open'

        $result = Invoke-Connected 'Get-AngoIssue -ProjectId $p -TaskId $t -Status Resolved -Assignee ann@example.test -CreatedBy owner@example.test' -Variables @{ p = $projectId; t = $taskId }

        $result.Errors | Should -HaveCount 0
        $issues = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoIssue]))
        $issues | Should -HaveCount 1
        $issues[0].ProjectId | Should -BeExactly $projectId
        $issues[0].TaskId | Should -BeExactly $taskId
        $issues[0].Title | Should -BeExactly 'Loose box'
        $issues[0].Content | Should -BeExactly 'Box too loose'
        $issues[0].Status | Should -BeExactly 'Resolved'
        $issues[0].Position | Should -BeExactly '[10, 20]'
        $issues[0].CreatedAt | Should -Not -BeNullOrEmpty
        $lists = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/issues')
        $lists | Should -HaveCount 1
        $query = Get-RequestQuery -Request $lists[0]
        $query['project'] | Should -BeExactly $projectId
        $query['labelTask'] | Should -BeExactly $taskId
        $query['status'] | Should -BeExactly 'Resolved'
        $query['assignee'] | Should -BeExactly 'ann@example.test'
        $query['createdBy'] | Should -BeExactly 'owner@example.test'
    }

    It 'New-AngoIssue posts labelTask content and the position stringified as the SDK does' {
        $result = Invoke-Connected "New-AngoIssue -TaskId `$t -Content 'Wrong class' -Position 10, 20.5 -Title Class" -Variables @{ t = $taskId }

        $result.Errors | Should -HaveCount 0
        $issues = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoIssue]))
        $issues | Should -HaveCount 1
        $issues[0].TaskId | Should -BeExactly $taskId
        $issues[0].ProjectId | Should -BeExactly $projectId
        $issues[0].Status | Should -BeExactly 'Open'
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/issues')
        $posts | Should -HaveCount 1
        $posts[0].responseStatus | Should -Be 201
        $body = Get-RequestBody -Request $posts[0]
        $body.labelTask | Should -BeExactly $taskId
        $body.content | Should -BeExactly 'Wrong class'
        $body.position | Should -BeExactly '[10, 20.5]'
        $body.title | Should -BeExactly 'Class'
    }

    It 'New-AngoIssue is not resent after an ambiguous server error' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/issues' -Status 500 -AfterHandler

        $result = Invoke-Connected 'New-AngoIssue -TaskId $t -Content x' -Variables @{ t = $taskId }

        (@(Get-ErrorId $result.Errors) -join ',') | Should -BeExactly 'LabelOps.ServerError'
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/issues') | Should -HaveCount 1
    }

    It 'WhatIf on New and Remove-AngoIssue sends nothing' {
        $issueId = New-EmulatorAngoIssue -Account $account -TaskId $taskId

        $result = Invoke-Connected "New-AngoIssue -TaskId `$t -Content x -WhatIf`nRemove-AngoIssue -IssueId `$i -WhatIf" -Variables @{ t = $taskId; i = $issueId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @(Get-EmulatorAngoIssue -Account $account) | Should -HaveCount 1
    }

    It 'Resolved issues piped from Get-AngoIssue are deleted by id and the others stay' {
        $resolved = @(
            New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content 'a' -Status 'Resolved'
            New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content 'b' -Status 'Resolved'
        )
        $open = New-EmulatorAngoIssue -Account $account -TaskId $taskId -Content 'c'

        $result = Invoke-Connected 'Get-AngoIssue -ProjectId $p -Status Resolved | Remove-AngoIssue' -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        Get-Sorted @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v2/issues/' | ForEach-Object { $_.path }) |
            Should -BeExactly (Get-Sorted @($resolved | ForEach-Object { '/v2/issues/' + $_ }))
        (@(Get-EmulatorAngoIssue -Account $account | ForEach-Object { $_._id }) -join ',') | Should -BeExactly $open
    }

    It 'Removing an unknown issue is NotFound for that item and the pipeline goes on' {
        $real = New-EmulatorAngoIssue -Account $account -TaskId $taskId

        $result = Invoke-Connected 'Remove-AngoIssue -IssueId nope, $i' -Variables @{ i = $real }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
        @(Get-EmulatorAngoIssue -Account $account) | Should -HaveCount 0
    }
}
