# Wait-HitlJob, against the emulator. A wait that the test must change the emulator under, or stop with Ctrl+C, runs
# in a runspace of its own in this process ([powershell]::Create() and BeginInvoke); PowerShell.Stop() is what Ctrl+C
# does.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $connectScript = 'Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3'
}

Describe 'Wait-HitlJob' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Waiting' -Status 'active'
        $shellVariables = @{ ApiKey = $account.ApiKey; BaseUri = $emulator.BaseUri; ProjectId = $projectId }
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Wait-HitlJob polls several jobs of a project with one bulk request per interval and emits each as it finishes' {
        $jobs = @(1..3 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId })
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobs[0] -Status 'progress'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobs[0] -Status 'done'
        $runspace = New-TestRunspace -Variables $shellVariables
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $connectScript -ThrowOnError
            Clear-EmulatorRequest -Account $account

            $running = Start-InTestRunspace -Runspace $runspace -Script 'Get-HitlJob -ProjectId $ProjectId | Wait-HitlJob -PollInterval 0.05 -Timeout 30'
            Wait-Until { @(Get-InTestRunspaceOutput -Running $running | Where-Object { $_ -is [LabelOps.HitlJob] }).Count -ge 1 } -Because 'the already finished job to be written'
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobs[2] -Status 'error' -ErrorMessage 'unreadable image'
            Wait-Until { @(Get-InTestRunspaceOutput -Running $running | Where-Object { $_ -is [LabelOps.HitlJob] }).Count -eq 2 } -Because 'the errored job to be written'
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobs[1] -Status 'done'
            $ended = Wait-InTestRunspace -Running $running -TimeoutSeconds 30
            $result = Get-InTestRunspaceResult -Running $running
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        $ended | Should -BeTrue
        $result.Errors | Should -HaveCount 0
        $finished = @($result.Output | Where-Object { $_ -is [LabelOps.HitlJob] })
        (@($finished | ForEach-Object { $_.JobId }) -join ',') | Should -BeExactly (@($jobs[0], $jobs[2], $jobs[1]) -join ',')
        $finished[1].Error | Should -BeExactly 'unreadable image'
        $polls = @(Get-EmulatorRequest -Account $account | Select-Object -Skip 1) # the first is Get-HitlJob's own listing
        # While two or more jobs are pending each poll is one bulk request; the last job left is read directly.
        $bulk = 0
        while ($bulk -lt $polls.Count -and $polls[$bulk].path -ceq ('/v1/jobs/' + $projectId)) {
            $bulk++
        }
        $bulk | Should -BeGreaterOrEqual 2 -Because 'expected bulk polls while several jobs were pending'
        for ($i = $bulk; $i -lt $polls.Count; $i++) {
            $polls[$i].path | Should -BeExactly ('/v1/jobs/' + $projectId + '/' + $jobs[1])
        }
    }

    It 'Wait-HitlJob on a single job reads that job directly' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'expired'

        $jobs = @(Wait-HitlJob -ProjectId $projectId -JobId $jobId -PollInterval 0.05)

        $jobs | Should -HaveCount 1
        $jobs[0].Status | Should -BeExactly 'expired'
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly ('/v1/jobs/' + $projectId + '/' + $jobId)
    }

    It 'Jobs still running at -Timeout give one WaitTimeout error each naming their status' {
        $done = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $done -Status 'done'
        $stuck1 = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $stuck2 = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $stuck2 -Status 'progress'

        $jobs = @(Wait-HitlJob -ProjectId $projectId -JobId @($done, $stuck1, $stuck2) -PollInterval 0.05 -Timeout 0.3 `
                -ErrorVariable err -ErrorAction SilentlyContinue)

        $jobs | Should -HaveCount 1
        $jobs[0].JobId | Should -BeExactly $done
        $err | Should -HaveCount 2
        foreach ($id in Get-ErrorId $err) {
            $id | Should -BeExactly 'LabelOps.WaitTimeout'
        }
        @($err | Where-Object { $_.Exception.Message.Contains($stuck1) -and $_.Exception.Message.Contains("'new'") }) | Should -HaveCount 1
        @($err | Where-Object { $_.Exception.Message.Contains($stuck2) -and $_.Exception.Message.Contains("'progress'") }) | Should -HaveCount 1
        $err[0].TargetObject | Should -BeOfType ([LabelOps.HitlJob])
    }

    It 'Waiting on 2 jobs of a big project reads those 2 jobs, never the project list' {
        Add-EmulatorHitlGeneratedJob -Account $account -ProjectId $projectId -Count 2000 | Should -Be 2000
        $first = New-EmulatorHitlJob -Account $account -ProjectId $projectId -Status 'done'
        $second = New-EmulatorHitlJob -Account $account -ProjectId $projectId -Status 'error'
        Clear-EmulatorRequest -Account $account

        $jobs = @(Wait-HitlJob -ProjectId $projectId -JobId @($first, $second) -PollInterval 0.05)

        (@($jobs | ForEach-Object { $_.JobId }) -join ',') | Should -BeExactly ($first + ',' + $second)
        $jobs[0].PSObject.TypeNames | Should -Contain 'LabelOps.HitlJob'
        $paths = @(Get-EmulatorRequest -Account $account | ForEach-Object { $_.path } | Sort-Object)
        $paths | Should -Be (@(('/v1/jobs/' + $projectId + '/' + $first), ('/v1/jobs/' + $projectId + '/' + $second)) | Sort-Object)
    }

    It 'Once a bulk read shows the project is big, later polls of a few jobs are single reads' {
        $null = Add-EmulatorHitlGeneratedJob -Account $account -ProjectId $projectId -Count 3000
        $ids = @(1..3 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId -Status 'progress' })
        $runspace = New-TestRunspace -Variables ($shellVariables + @{ Ids = $ids })
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $connectScript -ThrowOnError
            Clear-EmulatorRequest -Account $account

            $running = Start-InTestRunspace -Runspace $runspace -Script 'Wait-HitlJob -ProjectId $ProjectId -JobId $Ids -PollInterval 0.05 -Timeout 60'
            Wait-Until { @(Get-EmulatorRequest -Account $account).Count -ge 7 } -Because 'the first poll and two more'
            foreach ($id in $ids) {
                Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $id -Status 'done'
            }
            $ended = Wait-InTestRunspace -Running $running -TimeoutSeconds 30
            $result = Get-InTestRunspaceResult -Running $running
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        $ended | Should -BeTrue
        $result.Errors | Should -HaveCount 0
        @($result.Output | Where-Object { $_.PSObject.TypeNames -contains 'LabelOps.HitlJob' }) | Should -HaveCount 3
        $paths = @(Get-EmulatorRequest -Account $account | ForEach-Object { $_.path })
        $paths[0] | Should -BeExactly ('/v1/jobs/' + $projectId) -Because 'three jobs of a project of unknown size are read in bulk once'
        $later = @($paths | Select-Object -Skip 1)
        @($later | Where-Object { $_ -ceq ('/v1/jobs/' + $projectId) }) | Should -HaveCount 0 -Because 'the bulk reply showed 3,003 jobs'
        foreach ($path in $later) {
            $ids | ForEach-Object { '/v1/jobs/' + $projectId + '/' + $_ } | Should -Contain $path
        }
    }

    It 'Waiting on many jobs of a big project sends one bulk read per poll' {
        $null = Add-EmulatorHitlGeneratedJob -Account $account -ProjectId $projectId -Count 3000
        $ids = @(1..40 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId -Status 'progress' })
        $runspace = New-TestRunspace -Variables ($shellVariables + @{ Ids = $ids })
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $connectScript -ThrowOnError
            Clear-EmulatorRequest -Account $account

            $running = Start-InTestRunspace -Runspace $runspace -Script 'Wait-HitlJob -ProjectId $ProjectId -JobId $Ids -PollInterval 0.05 -Timeout 60'
            Wait-Until { @(Get-EmulatorRequest -Account $account).Count -ge 3 } -Because 'three polls'
            $whileAllPending = @(Get-EmulatorRequest -Account $account).Count
            foreach ($id in $ids) {
                Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $id -Status 'done'
            }
            $ended = Wait-InTestRunspace -Running $running -TimeoutSeconds 30
            $result = Get-InTestRunspaceResult -Running $running
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        $ended | Should -BeTrue
        $result.Errors | Should -HaveCount 0
        $written = @($result.Output | Where-Object { $_.PSObject.TypeNames -contains 'LabelOps.HitlJob' } | ForEach-Object { $_.JobId } | Sort-Object)
        $written | Should -Be @($ids | Sort-Object)
        $paths = @(Get-EmulatorRequest -Account $account | ForEach-Object { $_.path })
        $whileAllPending | Should -BeGreaterOrEqual 3
        foreach ($path in @($paths | Select-Object -First $whileAllPending)) {
            $path | Should -BeExactly ('/v1/jobs/' + $projectId) -Because '40 jobs are more than one poll reads singly'
        }
        # Once finishing jobs leave 32 or fewer, a project this big is read job by job: those reads are of our jobs only.
        foreach ($path in @($paths | Select-Object -Skip $whileAllPending | Where-Object { $_ -cne ('/v1/jobs/' + $projectId) })) {
            $ids | ForEach-Object { '/v1/jobs/' + $projectId + '/' + $_ } | Should -Contain $path
        }
    }

    It 'Ctrl+C during a long wait stops within a second' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $runspace = New-TestRunspace -Variables ($shellVariables + @{ Id = $jobId })
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script $connectScript -ThrowOnError
            Clear-EmulatorRequest -Account $account

            $running = Start-InTestRunspace -Runspace $runspace -Script 'Wait-HitlJob -ProjectId $ProjectId -JobId $Id -PollInterval 600 -Timeout 3600'
            Wait-Until { @(Get-EmulatorRequest -Account $account).Count -ge 1 } -Because 'the first poll'
            $stop = Stop-InTestRunspace -Running $running -TimeoutMilliseconds 5000
            $written = @(Get-InTestRunspaceOutput -Running $running | Where-Object { $_ -is [LabelOps.HitlJob] })
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        $stop.Finished | Should -BeTrue -Because 'the pipeline should end after Stop()'
        $stop.ElapsedMilliseconds | Should -BeLessThan 1000 -Because ('Stop took ' + $stop.ElapsedMilliseconds + ' ms')
        $written | Should -HaveCount 0
    }

    It 'Ctrl+C during retry backoff stops within a second' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $runspace = New-TestRunspace -Variables ($shellVariables + @{ Id = $jobId })
        $running = $null
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -Script 'Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 30 -MaximumRetryCount 5' -ThrowOnError
            Clear-EmulatorRequest -Account $account
            Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status 503 -Times 5

            $running = Start-InTestRunspace -Runspace $runspace -Script 'Get-HitlJob -ProjectId $ProjectId -JobId $Id'
            Wait-Until { @(Get-EmulatorRequest -Account $account).Count -ge 1 } -Because 'the first failed attempt'
            $stop = Stop-InTestRunspace -Running $running -TimeoutMilliseconds 5000
        }
        finally {
            Remove-InTestRunspace -Running $running -Runspace $runspace
        }

        ($stop.Finished -and $stop.ElapsedMilliseconds -lt 1000) | Should -BeTrue -Because ('Stop took ' + $stop.ElapsedMilliseconds + ' ms')
        Get-EmulatorRequest -Account $account | Should -HaveCount 1
    }
}
