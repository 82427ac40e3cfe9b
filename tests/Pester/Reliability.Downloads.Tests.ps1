# -Timeout bounds how long a download may go quiet, not how long it may take: a file that keeps arriving over a slow
# link is saved whatever its length, and a link that stops sending fails in -Timeout and leaves nothing behind.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Downloads over a slow link' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Slow' -Status 'active'
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/slow.png'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'
        $job = Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $jobId
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        # -Timeout 1: a second for the headers, then a second at most between two pieces of the body.
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 1 -Timeout 1
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'A file that arrives slowly for longer than -Timeout is saved whole, in one request' {
        # 16 bytes every 200 ms: the whole file takes several times -Timeout, but no wait is longer than 0.2 s.
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/files/*/*/*' -BodyChunkDelayMs 200 -BodyChunkBytes 16
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        $files = @(Save-HitlJobFile -ProjectId $projectId -JobId $jobId -ImageUrl $job.image -Status done -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)
        $watch.Stop()

        @($saveErrors) | Should -HaveCount 0
        $files | Should -HaveCount 1
        $downloads = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v1/files/')
        $downloads | Should -HaveCount 1
        $downloads[0].faultApplied | Should -BeLike 'slow body*'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterThan 1 -Because 'the transfer took longer than -Timeout, which is what this test is about'
        # The same bytes as a download at full speed.
        Clear-EmulatorRequest -Account $account
        $fast = Save-HitlJobFile -ProjectId $projectId -JobId $jobId -ImageUrl $job.image -Status done -Path (Join-Path $folder 'fast')
        (Get-FileHash $files[0].FullName).Hash | Should -Be (Get-FileHash $fast.FullName).Hash
    }

    It 'A link that goes quiet for longer than -Timeout fails as LabelOps.Timeout and leaves no file' {
        # The first piece at once, then nothing for 3 s (> -Timeout 1) before the next: on every attempt.
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/files/*/*/*' -BodyChunkDelayMs 3000 -BodyChunkBytes 64 -Times 2

        $files = @(Save-HitlJobFile -ProjectId $projectId -JobId $jobId -ImageUrl $job.image -Status done -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files | Should -HaveCount 0
        $saveErrors | Should -HaveCount 1
        $saveErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Timeout*'
        @(Get-ChildItem -Path $folder -ErrorAction SilentlyContinue) | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v1/files/') | Should -HaveCount 2 -Because 'a timed-out download is retried like any read'
    }
}
