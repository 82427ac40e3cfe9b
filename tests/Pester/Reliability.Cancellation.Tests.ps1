# Mirrors tests/LabelOps.Tests/Reliability/CancellationTests.cs (the HITL parts; the Ango ones need Ango state,
# which the emulator's control surface cannot arrange yet). Ctrl+C (PowerShell.Stop) while the emulator holds a
# request open for a minute ends the command within a second, and the emulator records the client hanging up
# (responseStatus 0) long before the minute is over.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $connectScript = 'Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3'
}

Describe 'Cancellation (CancellationTests)' {
    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Stop' -Status 'active'
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('labelops-stop-' + [Guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
    }

    AfterEach {
        Remove-Item -Recurse -Force -Path $folder
    }

    It 'Ctrl+C while <Name> is held open stops within a second and hangs up' -ForEach @(
        @{ Name = 'a job file download'; Path = '/v1/files/*/*/*'; Script = 'Get-HitlJob -ProjectId $ProjectId -JobId $Id | Save-HitlJobFile -Path $Folder' }
        @{ Name = 'a Wait-HitlJob poll'; Path = '/v1/jobs/*/*'; Script = 'Wait-HitlJob -ProjectId $ProjectId -JobId $Id -PollInterval 1 -Timeout 3600' }
    ) {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/street.png'
        if ($Name -eq 'a job file download') {
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'
        }
        $runspace = New-TestRunspace -Variables @{ ApiKey = $account.ApiKey; BaseUri = $emulator.BaseUri; ProjectId = $projectId; Id = $jobId; Folder = $folder }
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $connectScript -ThrowOnError
            Clear-EmulatorRequest -Account $account
            Add-EmulatorFault -Account $account -Method 'GET' -Path $Path -DelayMs 60000

            $running = Start-InTestRunspace -Runspace $runspace -Script $Script
            Wait-Until { $activity = Get-EmulatorActivity -Account $account; $activity.pendingFaults -eq 0 -and $activity.requestsInFlight -eq 1 } -Because 'the held request to reach the emulator'
            $stop = Stop-InTestRunspace -Running $running -TimeoutMilliseconds 5000
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        ($stop.Finished -and $stop.ElapsedMilliseconds -lt 1000) | Should -BeTrue -Because ('Stop took ' + $stop.ElapsedMilliseconds + ' ms')
        Wait-Until { (Get-EmulatorActivity -Account $account).requestsInFlight -eq 0 } -Because 'the client to hang up the held request'
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.faultApplied -eq 'delay 60000ms' })[0].responseStatus | Should -Be 0
        @(Get-ChildItem -Path $folder) | Should -HaveCount 0
    }
}
