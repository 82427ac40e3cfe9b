# An answer without the fields the contract requires is not an empty object: it is LabelOps.InvalidResponse, and a
# read that got one is retried like any other read that failed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $foreign = '{"unexpected":"shape"}'
}

Describe 'Answers of the wrong shape' {
    BeforeEach {
        Disconnect-Hitl
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 3
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Shapes' -Status 'active'
        $jobIds = @(1..3 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl "https://files.example.test/$_.png" })
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
        Disconnect-Ango
    }

    It 'Get-HitlJob refuses a job list of another shape after its retries, writing no empty jobs' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*' -ReplyBody $foreign -Times 10

        $jobs = @(Get-HitlJob -ProjectId $projectId -ErrorVariable listErrors -ErrorAction SilentlyContinue)

        $jobs | Should -HaveCount 0
        $listErrors | Should -HaveCount 1
        $listErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidResponse*'
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v1/jobs/') | Should -HaveCount 4 -Because 'the read is tried once and retried three times'
    }

    It 'Get-HitlJob reads the real list once a foreign answer passed' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*' -ReplyBody $foreign

        $jobs = @(Get-HitlJob -ProjectId $projectId -ErrorVariable listErrors -ErrorAction SilentlyContinue)

        @($listErrors) | Should -HaveCount 0
        @($jobs | ForEach-Object { $_.JobId } | Sort-Object) | Should -Be @($jobIds | Sort-Object)
        $jobs | ForEach-Object { $_.Status | Should -BeExactly 'new' }
    }

    It 'Wait-HitlJob retries a bulk answer whose jobs have no job_id instead of reporting the jobs missing' {
        foreach ($id in $jobIds) { Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $id -Status 'done' }
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*' -ReplyBody ('[' + $foreign + ',' + $foreign + ',' + $foreign + ']')

        $done = @(Wait-HitlJob -ProjectId $projectId -JobId $jobIds -PollInterval 0.01 -Timeout 60 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)

        @($waitErrors) | Should -HaveCount 0
        @($done | ForEach-Object { $_.JobId } | Sort-Object) | Should -Be @($jobIds | Sort-Object)
        $done | ForEach-Object { $_.Status | Should -BeExactly 'done' }
    }

    It 'Get-AngoTask refuses a task without an id' {
        $angoProject = New-EmulatorAngoProject -Account $account -Name 'Shapes'
        $task = Add-EmulatorAngoAsset -Account $account -ProjectId $angoProject -ExternalId 'a.jpg'
        Add-EmulatorFault -Account $account -Method 'GET' -Path ('/v2/task/' + $task.TaskId) -ReplyBody '{"status":"success","data":{"task":{"unexpected":"shape"}}}' -Times 10

        $tasks = @(Get-AngoTask -TaskId $task.TaskId -ErrorVariable taskErrors -ErrorAction SilentlyContinue)

        $tasks | Should -HaveCount 0
        $taskErrors | Should -HaveCount 1
        $taskErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidResponse*'
    }
}
