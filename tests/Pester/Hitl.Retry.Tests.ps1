# Retries of HITL requests, against the emulator: reads are retried after transient failures; a create is re-sent only
# when the service certainly did not process it. Verbose output is captured with 4>&1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Retries' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Retries' -Status 'active'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'A read is retried after a transient status and then succeeds (<Status>)' -ForEach @(
        @{ Status = 500 }
        @{ Status = 502 }
        @{ Status = 503 }
        @{ Status = 504 }
        @{ Status = 408 }
        @{ Status = 429 }
    ) {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status $Status -Times 2

        $captured = @(Get-HitlJob -ProjectId $projectId -JobId $jobId -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err | Should -HaveCount 0
        $captured | Where-Object { $_ -is [LabelOps.HitlJob] } | Should -HaveCount 1
        Get-EmulatorRequest -Account $account | Should -HaveCount 3
        Get-VerboseMessage $captured | Where-Object { $_.StartsWith('Retry ') } | Should -HaveCount 2
    }

    It 'A read is retried after a dropped connection and a truncated body' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Drop
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Truncate

        $captured = @(Get-HitlJob -ProjectId $projectId -JobId $jobId -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err | Should -HaveCount 0
        $jobs = @($captured | Where-Object { $_ -is [LabelOps.HitlJob] })
        $jobs | Should -HaveCount 1
        $jobs[0].JobId | Should -BeExactly $jobId
        Get-EmulatorRequest -Account $account | Should -HaveCount 3
    }

    It 'Retries give up after MaximumRetryCount with one ServerError that counts the attempts' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status 503 -Times 10

        $null = Get-HitlJob -ProjectId $projectId -JobId $jobId -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.ServerError*'
        $err[0].Exception.Message | Should -BeLikeExactly '*after 4 attempts*'
        # The first try and MaximumRetryCount = 3 retries.
        Get-EmulatorRequest -Account $account | Should -HaveCount 4
    }

    It 'Retry-After in seconds is honoured instead of the backoff' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status 429 -RetryAfter '1'

        $captured = @(Get-HitlJob -ProjectId $projectId -JobId $jobId -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err | Should -HaveCount 0
        Get-VerboseMessage $captured |
            Where-Object { $_.StartsWith('Retry 1 of 3') -and $_.Contains(' in 1 s after HTTP 429') } |
            Should -Not -HaveCount 0
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 2
        ($requests[1].ReceivedAtUtc - $requests[0].ReceivedAtUtc).TotalMilliseconds | Should -BeGreaterOrEqual 900
    }

    It 'A create that fails ambiguously with a server error is never sent twice (<Status>)' -ForEach @(
        @{ Status = 500 }
        @{ Status = 502 }
        @{ Status = 503 }
        @{ Status = 504 }
    ) {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -Status $Status -AfterHandler

        $null = New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1

        $err | Should -HaveCount 1
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 1
        # The service did create it: a retry would have made a duplicate.
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 1
    }

    It 'A create whose connection drops after sending is not retried' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -Drop -AfterHandler

        $null = New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NetworkError*'
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 1
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 1
    }

    It 'A create whose answer is truncated is not retried and reports an unreadable answer' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -Truncate -AfterHandler

        $null = New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidResponse*'
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 1
    }

    It 'A create refused with 429 was not processed so it is sent again and makes exactly one job' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -Status 429 -Times 2

        $captured = @(New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err | Should -HaveCount 0
        $captured | Where-Object { $_ -is [LabelOps.HitlJob] } | Should -HaveCount 1
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 3
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 1
    }

    It 'A create to a port nobody listens on was never sent so it is retried then reported as NetworkError' {
        # A port that was free a moment ago: nothing listens on it.
        $dead = [Uri]('http://127.0.0.1:' + (Get-FreeTcpPort) + '/')
        $session = New-UnconnectedSession -Service Hitl -ApiKey $account.ApiKey -BaseUri $dead -Option @{ RetryInterval = [TimeSpan]::FromMilliseconds(5); MaximumRetryCount = 2 }

        $captured = @(New-HitlJob -Session $session -ProjectId p -FileUrl 'https://files.example.test/a.png' -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NetworkError*'
        $err[0].Exception.Message | Should -BeLikeExactly '*after 3 attempt*'
        Get-VerboseMessage $captured | Where-Object { $_.StartsWith('Retry ') } | Should -HaveCount 2
    }

    It 'A cancel whose answer was lost is retried and reported as done not as an error' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Add-EmulatorFault -Account $account -Method 'DELETE' -Path '/v1/jobs/*/*' -Status 502 -AfterHandler

        $jobs = @(Stop-HitlJob -ProjectId $projectId -JobId $jobId -PassThru -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 0
        $jobs | Should -HaveCount 1
        [string]$jobs[0].Status | Should -Be 'Canceled'
        @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v1/jobs/' | ForEach-Object { $_.responseStatus }) | Should -Be @(502, 400)
    }

    It 'An HTML error page is summarised with its status not dumped' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/projects/*' -Html -Status 404

        $null = Get-HitlProject -ProjectId nope -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $err[0].Exception.Message | Should -BeLikeExactly '*HTML error page*'
        $err[0].Exception.Message | Should -Not -BeLike '*<html*'
    }
}
