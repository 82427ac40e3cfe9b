# Ctrl+C (PowerShell.Stop) while the emulator holds a request open for a minute: the command ends within a second,
# the client hangs up (the emulator records the exchange as dropped, responseStatus 0, long before the minute is
# over) and nothing more is sent afterwards. The same for a stop during an Ango retry backoff. Stops between polls and
# during HITL backoff are in Hitl.Wait.Tests.ps1; the end of a streaming export in Ango.Export.Tests.ps1.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $connectScript = "Connect-Hitl -ApiKey `$ApiKey -BaseUri `$BaseUri -RetryInterval 0.01 -MaximumRetryCount 3`n" +
    'Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 3'

    function Assert-StopsWithinASecond {
        param($Running)
        $stop = Stop-InTestRunspace -Running $Running -TimeoutMilliseconds 5000
        $stop.Finished | Should -BeTrue -Because 'the pipeline ends after Stop()'
        $stop.ElapsedMilliseconds | Should -BeLessThan 1000 -Because ('Stop took ' + $stop.ElapsedMilliseconds + ' ms')
    }

    function Invoke-StopWhileHeld {
        <#
            Starts the script, stops it once the held request reached the emulator (and -ObjectsFirst objects were
            written), and checks the hang-up: the held exchange is recorded as dropped and nothing is sent after the
            stop. Returns every stream of the stopped script.
        #>
        param([string] $Script, [int] $ObjectsFirst = 0)
        $running = Start-InTestRunspace -Runspace $shell -Script $Script
        try {
            Wait-Until { $activity = Get-EmulatorActivity -Account $account; $activity.pendingFaults -eq 0 -and $activity.requestsInFlight -eq 1 } -Because 'the held request to reach the emulator'
            Wait-Until { @(Get-InTestRunspaceOutput -Running $running).Count -ge $ObjectsFirst } -Because 'the objects written before the held request'
            Assert-StopsWithinASecond -Running $running

            # The emulator gives up its minute-long wait only when the client closes the connection.
            Wait-Until { (Get-EmulatorActivity -Account $account).requestsInFlight -eq 0 } -TimeoutSeconds 5 -Because 'the client to hang up the held request'
            $requests = @(Get-EmulatorRequest -Account $account)
            $held = @($requests | Where-Object { $_.faultApplied -eq 'delay 60000ms' })
            $held | Should -HaveCount 1
            $held[0].responseStatus | Should -Be 0
            $result = Get-InTestRunspaceResult -Running $running
            @(Get-EmulatorRequest -Account $account) | Should -HaveCount $requests.Count -Because 'nothing is sent after the stop'
            $result
        }
        finally {
            Remove-InTestRunspace -Running $running
        }
    }
}

Describe 'Ctrl+C while a request is held open' {
    BeforeEach {
        $account = New-EmulatorAccount
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('labelops-stop-' + [Guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $shell = New-TestRunspace -Variables @{ ApiKey = $account.ApiKey; BaseUri = $emulator.BaseUri; AngoUri = (Get-AngoTestUri); Folder = $folder }
        $null = Invoke-InTestRunspace -Runspace $shell -Script $connectScript -ThrowOnError
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
        Remove-Item -Recurse -Force -Path $folder
    }

    It 'Ctrl+C while <Name> is held open stops within a second and hangs up' -ForEach @(
        @{ Name = 'a job file download'; Path = '/v1/files/*/*/*'; Script = 'Get-HitlJob -ProjectId $ProjectId -JobId $Id | Save-HitlJobFile -Path $Folder' }
        @{ Name = 'a Wait-HitlJob poll'; Path = '/v1/jobs/*/*'; Script = 'Wait-HitlJob -ProjectId $ProjectId -JobId $Id -PollInterval 1 -Timeout 3600' }
    ) {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Stop' -Status 'active'
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/street.png'
        if ($Name -eq 'a job file download') {
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'
        }
        $shell.SessionStateProxy.SetVariable('ProjectId', $projectId)
        $shell.SessionStateProxy.SetVariable('Id', $jobId)
        Add-EmulatorFault -Account $account -Method 'GET' -Path $Path -DelayMs 60000

        $null = Invoke-StopWhileHeld -Script $Script

        @(Get-ChildItem -Path $folder) | Should -HaveCount 0
    }

    It 'Ctrl+C while the second page of an Ango listing is held open stops within a second and hangs up' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Paging'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 150
        $shell.SessionStateProxy.SetVariable('p', $projectId)
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*/tasks' # the first page answers at once
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*/tasks' -DelayMs 60000

        $result = Invoke-StopWhileHeld -Script 'Get-AngoTask -ProjectId $p' -ObjectsFirst 100

        $result.Output | Should -HaveCount 100 -Because 'the first page was written before the stop'
        @(Get-EmulatorRequest -Account $account | Where-Object { ([string]$_.path).EndsWith('/tasks') }) | Should -HaveCount 2
    }

    It 'Ctrl+C during an Ango retry backoff stops within a second and sends no retry' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Backoff'
        $shell.SessionStateProxy.SetVariable('p', $projectId)
        $null = Invoke-InTestRunspace -Runspace $shell -Script 'Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 60 -MaximumRetryCount 5' -ThrowOnError
        Clear-EmulatorRequest -Account $account
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*' -Status 503 -Times 5

        $running = Start-InTestRunspace -Runspace $shell -Script 'Get-AngoProject -ProjectId $p'
        try {
            Wait-Until { @(Get-EmulatorRequest -Account $account).Count -ge 1 } -Because 'the first failed attempt'
            Assert-StopsWithinASecond -Running $running
        }
        finally {
            Remove-InTestRunspace -Running $running
        }

        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 1
        (Get-EmulatorActivity -Account $account).requestsInFlight | Should -Be 0
    }

    It 'Ctrl+C while an Ango instructions upload is held open stops within a second and hangs up' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Upload'
        $path = Join-Path $folder 'guide.pdf'
        [System.IO.File]::WriteAllBytes($path, (New-Object 'byte[]' (256 * 1024)))
        $shell.SessionStateProxy.SetVariable('p', $projectId)
        $shell.SessionStateProxy.SetVariable('path', $path)
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project/*/instructions' -DelayMs 60000

        $null = Invoke-StopWhileHeld -Script 'Set-AngoProjectInstruction -ProjectId $p -Path $path'

        Get-EmulatorAngoInstructionsFile -Account $account -ProjectId $projectId | Should -BeNullOrEmpty
    }

    It 'Ctrl+C while an Ango export request is held open stops within a second and hangs up' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Export'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3
        $shell.SessionStateProxy.SetVariable('p', $projectId)
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/exportV3' -DelayMs 60000

        $result = Invoke-StopWhileHeld -Script 'Export-AngoAnnotation -ProjectId $p'

        $result.Output | Should -HaveCount 0 -Because 'the archive link never came, so nothing was downloaded'
    }
}
