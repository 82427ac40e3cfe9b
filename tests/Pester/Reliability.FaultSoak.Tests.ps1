# A fault soak across both services: many operations, each a pipeline of its own, while the emulator injects random
# faults (/_emulator/fault-mix: 429s with and without Retry-After, 500/502/503, connection resets, cut bodies and
# answers slower than the client's per-attempt timeout; half of the ambiguous ones after the service acted). Then the
# emulator's store and request log show that nothing was lost or duplicated, and the operating system that no
# connection was left behind. LABELOPS_SOAK_REQUESTS sets the number of operations (default 1000), LABELOPS_SOAK_SEED
# the fault seed (default 20261201); the same seed replays the same faults. The summary is written with Write-Host.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    # An emulator of its own, so that its request log and the connections to its service port belong to this test
    # alone: the module talks to ServiceUri, the helpers to BaseUri (another port of the same emulator).
    $soakEmulator = Start-PrivateTestEmulator
    Use-TestEmulator $soakEmulator

    # The emulator's log keeps 10,000 entries; it is read and emptied every round.
    $roundSize = 500

    # One operation of each kind per ten, in this order; Expected is what it writes when it succeeds.
    $operationKinds = @(
        @{ Name = 'HitlCreate'; Expected = 1; Script = 'New-HitlJob -ProjectId $HitlProject -FileUrl $Marker' }
        @{ Name = 'HitlRead'; Expected = 1; Script = 'Get-HitlJob -ProjectId $HitlProject -JobId $ReadJob' }
        @{ Name = 'HitlList'; Expected = 3; Script = 'Get-HitlJob -ProjectId $ListProject' }
        @{ Name = 'HitlCancel'; Expected = 0; Script = 'Stop-HitlJob -ProjectId $CancelProject -JobId $CancelJob -Confirm:$false' } # nothing without -PassThru
        @{ Name = 'HitlProjectRead'; Expected = 1; Script = 'Get-HitlProject -ProjectId $HitlProject' }
        @{ Name = 'AngoProjectList'; Expected = 1; Script = 'Get-AngoProject' }
        @{ Name = 'AngoProjectRead'; Expected = 1; Script = 'Get-AngoProject -ProjectId $AngoProject' }
        @{ Name = 'AngoTaskList'; Expected = 5; Script = 'Get-AngoTask -ProjectId $AngoProject' }
        @{ Name = 'AngoTaskRead'; Expected = 1; Script = 'Get-AngoTask -ProjectId $AngoProject -TaskId $AngoTask' }
        @{ Name = 'AngoIssueCreate'; Expected = 1; Script = 'New-AngoIssue -TaskId $AngoTask -Content $Marker' }
    )

    function Get-SoakSetting {
        param([string] $Name, [int] $Default)
        $value = 0
        $text = [Environment]::GetEnvironmentVariable($Name)
        if ([int]::TryParse([string]$text, [System.Globalization.NumberStyles]::Integer, [System.Globalization.CultureInfo]::InvariantCulture, [ref]$value) -and $value -gt 0) {
            return $value
        }
        $Default
    }

    function Get-EstablishedConnectionCount {
        # Client-side TCP connections to the port, as the operating system lists them (e.g. /proc/net/tcp). Only the
        # module under test connects to the private emulator's service port, so every one of them is the module's.
        param([int] $Port)
        @([System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().GetActiveTcpConnections() |
                Where-Object { $_.RemoteEndPoint.Port -eq $Port -and $_.State -eq [System.Net.NetworkInformation.TcpState]::Established }).Count
    }

    function Test-SameCall {
        param($A, $B)
        $A.method -ceq $B.method -and $A.path -ceq $B.path -and $A.queryString -ceq $B.queryString -and $A.body -ceq $B.body
    }
}

AfterAll {
    Use-TestEmulator $null
    Stop-PrivateTestEmulator $soakEmulator
}

Describe 'Fault soak' {
    It 'A fault soak across both services loses nothing, duplicates no create and leaves no connection behind' {
        $operations = Get-SoakSetting -Name 'LABELOPS_SOAK_REQUESTS' -Default 1000
        $seed = Get-SoakSetting -Name 'LABELOPS_SOAK_SEED' -Default 20261201
        $account = New-EmulatorAccount
        $hitlProject = New-EmulatorHitlProject -Account $account -Name 'Soak'
        $listProject = New-EmulatorHitlProject -Account $account -Name 'Soak list'
        for ($i = 0; $i -lt 3; $i++) { $null = New-EmulatorHitlJob -Account $account -ProjectId $listProject }
        $cancelProject = New-EmulatorHitlProject -Account $account -Name 'Soak cancel'
        $cancelJobs = New-Object 'System.Collections.Generic.Queue[string]'
        for ($i = 0; $i -le [Math]::Floor($operations / 10); $i++) { $cancelJobs.Enqueue((New-EmulatorHitlJob -Account $account -ProjectId $cancelProject)) }
        $readJob = New-EmulatorHitlJob -Account $account -ProjectId $hitlProject
        $angoProject = New-EmulatorAngoProject -Account $account -Name 'Soak'
        $angoTasks = @(for ($i = 0; $i -lt 5; $i++) { (Add-EmulatorAngoAsset -Account $account -ProjectId $angoProject -ExternalId "soak-$i.jpg").TaskId })

        $shell = New-TestRunspace -Variables @{
            ApiKey = $account.ApiKey; BaseUri = $soakEmulator.ServiceUri; AngoUri = [Uri]($soakEmulator.ServiceUri.AbsoluteUri + 'v2/')
            HitlProject = $hitlProject; ListProject = $listProject; CancelProject = $cancelProject; ReadJob = $readJob; AngoProject = $angoProject
        }
        $log = New-Object 'System.Collections.Generic.List[object]'
        $outcomes = New-Object 'System.Collections.Generic.List[object]'
        try {
            # Short waits so the soak is quick: a 0.5 s attempt timeout (slow answers take 60 s), 10 ms first backoff.
            $null = Invoke-InTestRunspace -Runspace $shell -ThrowOnError -Script (
                "Connect-Hitl -ApiKey `$ApiKey -BaseUri `$BaseUri -RetryInterval 0.01 -MaximumRetryCount 5 -Timeout 0.5`n" +
                "Connect-Ango -ApiKey `$ApiKey -BaseUri `$AngoUri -RetryInterval 0.01 -MaximumRetryCount 5 -Timeout 0.5")
            # The count sees the module's connections: each session keeps the one its key check used.
            $connectedBefore = Get-EstablishedConnectionCount -Port $soakEmulator.ServicePort
            Clear-EmulatorRequest -Account $account
            $null = Invoke-EmulatorControl -Method Post -Path '/fault-mix' -Body @{
                apiKey = $account.PlainKey; seed = $seed
                rateLimitedWithRetryAfterPercent = 5; rateLimitedWithoutRetryAfterPercent = 5; serverErrorPercent = 5
                connectionResetPercent = 2; truncatedBodyPercent = 1; slowResponsePercent = 1; slowDelayMs = 60000
            }

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            for ($i = 0; $i -lt $operations; $i++) {
                $kind = $operationKinds[$i % 10]
                $marker = $null
                if ($kind.Name -eq 'HitlCreate') { $marker = "https://files.example.test/soak/$i.png" }
                if ($kind.Name -eq 'AngoIssueCreate') { $marker = "soak issue $i" }
                $shell.SessionStateProxy.SetVariable('Marker', $marker)
                if ($kind.Name -eq 'HitlCancel') { $shell.SessionStateProxy.SetVariable('CancelJob', $cancelJobs.Dequeue()) }
                if ($kind.Name -eq 'AngoTaskRead' -or $kind.Name -eq 'AngoIssueCreate') { $shell.SessionStateProxy.SetVariable('AngoTask', $angoTasks[$i % $angoTasks.Count]) }

                $result = Invoke-InTestRunspace -Runspace $shell -Script $kind.Script

                $outcomes.Add([pscustomobject]@{
                        Operation   = $kind.Name
                        Expected    = $kind.Expected
                        Marker      = $marker
                        Objects     = $result.Output.Count
                        ErrorIds    = @($result.Errors | ForEach-Object { [string]$_.FullyQualifiedErrorId })
                        Terminating = $result.Terminating
                    })
                if ((($i + 1) % $roundSize) -eq 0) {
                    # A timed-out attempt's server side ends a moment after the client gave up; wait so it is logged.
                    Wait-Until { (Get-EmulatorActivity -Account $account).requestsInFlight -eq 0 } -Because "the round's last request to be logged"
                    $log.AddRange([object[]]@(Get-EmulatorRequest -Account $account))
                    Clear-EmulatorRequest -Account $account
                }
            }
            $watch.Stop()
            $mix = Invoke-EmulatorControl -Method Get -Path '/fault-mix' -ApiKey $account.PlainKey
            $null = Invoke-EmulatorControl -Method Delete -Path '/fault-mix' -ApiKey $account.PlainKey
            # The emulator records a request when its answer is sent or its connection is gone; a timed-out attempt's
            # abort reaches it asynchronously, so wait for the last one rather than guessing a time.
            Wait-Until { (Get-EmulatorActivity -Account $account).requestsInFlight -eq 0 } -Because 'the emulator to finish every request it received'
            $log.AddRange([object[]]@(Get-EmulatorRequest -Account $account))
            $connections = Get-EstablishedConnectionCount -Port $soakEmulator.ServicePort
        }
        finally {
            Remove-InTestRunspace -Runspace $shell
        }

        # 1. Every operation wrote its objects or exactly one LabelOps error, never a terminating error or both.
        $problems = New-Object 'System.Collections.Generic.List[string]'
        foreach ($outcome in $outcomes) {
            $where = ($outcome.Operation + ' ' + $outcome.Marker).Trim()
            if ($null -ne $outcome.Terminating) { $problems.Add("${where}: terminating $($outcome.Terminating.Message)") }
            if ($outcome.ErrorIds.Count -gt 1) { $problems.Add("${where}: $($outcome.ErrorIds.Count) errors") }
            foreach ($id in $outcome.ErrorIds) {
                if (-not $id.StartsWith('LabelOps.', [StringComparison]::Ordinal)) { $problems.Add("${where}: not a LabelOps error: $id") }
            }
            if ($outcome.ErrorIds.Count -eq 0 -and $outcome.Objects -ne $outcome.Expected) { $problems.Add("${where}: $($outcome.Objects) objects and no error") }
            if ($outcome.ErrorIds.Count -eq 1 -and $outcome.Objects -ne 0) { $problems.Add("${where}: objects and an error") }
        }

        # 2. What each create left in the store, and every request that carried its marker.
        $stored = @{}
        foreach ($job in @(Get-EmulatorHitlJobList -Account $account -ProjectId $hitlProject)) {
            if (-not $job.image) { continue }
            # The job's "image" ends with the name of its first file, e.g. .../17.png for .../soak/17.png.
            $name = [Uri]::UnescapeDataString(([Uri][string]$job.image).Segments[-1])
            $stored[$name] = 1 + [int]$stored[$name]
        }
        foreach ($issue in @(Get-EmulatorAngoIssue -Account $account)) {
            $stored[[string]$issue.content] = 1 + [int]$stored[[string]$issue.content]
        }
        $sentByMarker = @{}
        foreach ($request in $log) {
            if ($request.method -cne 'POST') { continue }
            foreach ($match in [regex]::Matches([string]$request.body, '"(https://files\.example\.test/soak/\d+\.png|soak issue \d+)"')) {
                $key = $match.Groups[1].Value
                if (-not $sentByMarker.ContainsKey($key)) { $sentByMarker[$key] = New-Object 'System.Collections.Generic.List[object]' }
                $sentByMarker[$key].Add($request)
            }
        }
        $creates = @($outcomes | Where-Object { $null -ne $_.Marker })
        $duplicates = 0
        $resentAfterAmbiguous = 0
        $lostAnswers = 0
        foreach ($create in $creates) {
            $storedKey = if ($create.Operation -eq 'HitlCreate') { ([Uri]$create.Marker).Segments[-1] } else { $create.Marker }
            $count = [int]$stored[$storedKey]
            $sent = if ($sentByMarker.ContainsKey($create.Marker)) { $sentByMarker[$create.Marker].ToArray() } else { @() }
            if ($count -gt 1) { $duplicates++ }
            # Only a 429 (refused before the service acted) may be followed by the same create again.
            for ($k = 0; $k -lt $sent.Count - 1; $k++) {
                if ($sent[$k].responseStatus -ne 429) { $resentAfterAmbiguous++ }
            }
            if ($create.ErrorIds.Count -eq 0 -and $count -ne 1) { $problems.Add("$($create.Marker): answered, but stored $count times") }
            if ($create.ErrorIds.Count -gt 0 -and $count -eq 1) { $lostAnswers++ } # processed, answer lost: reported, not repeated
            if ($sent.Count -lt 1) { $problems.Add("$($create.Marker) never reached the service") }
        }

        # The summary, before the assertions, so that a failing run shows it too.
        $retries = 0
        for ($k = 1; $k -lt $log.Count; $k++) {
            # Sequential, so a retry is a request identical to the faulted one just before it.
            if ($null -ne $log[$k - 1].faultApplied -and (Test-SameCall $log[$k] $log[$k - 1])) { $retries++ }
        }
        $allErrorIds = @($outcomes | ForEach-Object { $_.ErrorIds } | ForEach-Object { $_.Split(',')[0] })
        $readErrors = @($outcomes | Where-Object { $null -eq $_.Marker } | ForEach-Object { $_.ErrorIds }).Count
        $byId = @($allErrorIds | Group-Object | Sort-Object Name | ForEach-Object { $_.Name + ' ' + $_.Count }) -join ', '
        $kinds = @('RateLimitedWithRetryAfter', 'RateLimitedWithoutRetryAfter', 'ServerError', 'ConnectionReset', 'TruncatedBody', 'SlowResponse')
        $injectedTotal = 0
        $injectedText = @(foreach ($kindName in $kinds) {
                $n = [int]$mix.injected.$kindName
                $injectedTotal += $n
                "$kindName $n"
            }) -join ', '
        $afterHandler = @($log | Where-Object { ([string]$_.faultApplied).Contains('after handler') }).Count
        Write-Host ("operations: $operations, seed $seed, duration " + $watch.Elapsed.TotalSeconds.ToString('0.0', [System.Globalization.CultureInfo]::InvariantCulture) + ' s')
        Write-Host "requests received: $($log.Count), of which retries: $retries"
        Write-Host "faults injected: $injectedText (total $injectedTotal, after the handler ran: $afterHandler)"
        Write-Host "errors surfaced: $($allErrorIds.Count), of them on reads and cancels: $readErrors ($byId)"
        Write-Host "creates: $($creates.Count), duplicates: $duplicates, re-sent after an ambiguous failure: $resentAfterAmbiguous, processed but answer lost (reported once): $lostAnswers"
        Write-Host "established connections after connecting: $connectedBefore, afterwards: $connections"

        ($problems | Select-Object -First 20) -join "`n" | Should -BeNullOrEmpty
        $duplicates | Should -Be 0 -Because 'no create may be processed twice'
        $resentAfterAmbiguous | Should -Be 0 -Because 'a create that may have been processed is never sent again'
        # The faults really happened, and on both services.
        $injectedTotal | Should -BeGreaterThan 0
        @($log | Where-Object { $null -ne $_.faultApplied -and ([string]$_.path).StartsWith('/v1/') }) | Should -Not -HaveCount 0
        @($log | Where-Object { $null -ne $_.faultApplied -and ([string]$_.path).StartsWith('/v2/') }) | Should -Not -HaveCount 0
        # 3. Healthy afterwards: no connection piling up. Each session keeps at most its one pooled keep-alive
        # connection, as the soak is sequential; a connection left open by a failed, timed-out or cut exchange would
        # add one per fault.
        $connectedBefore | Should -BeGreaterThan 0 -Because 'the count sees the connections the module opened'
        $connections | Should -BeLessOrEqual 2 -Because "$connections connections to the emulator are still established"
    }
}
