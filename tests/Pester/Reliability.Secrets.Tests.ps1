# API keys on both services: the key is used (the emulator receives it) but never shown, in no stream, error, host
# output, serialized session or error list; a key given as plain text is refused; and the key is never sent to a host
# other than the session's own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Secrets' {
    BeforeEach {
        Disconnect-Hitl
        Disconnect-Ango
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Secrets' -Status 'active'
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
    }

    AfterEach {
        Disconnect-Hitl
        Disconnect-Ango
    }

    It 'A full scenario on both services shows the key in no stream, host output, error or serialized session' {
        $angoUri = Get-AngoTestUri
        $angoProject = New-EmulatorAngoProject -Account $account -Name 'Secrets'
        $taskId = (Add-EmulatorAngoAsset -Account $account -ProjectId $angoProject -ExternalId 'a.jpg').TaskId
        $credential = New-Object System.Management.Automation.PSCredential -ArgumentList 'ango', $account.ApiKey
        $wrongKey = ConvertTo-TestSecureString ($account.PlainKey + '-wrong')
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status 503 # one retry, shown in Verbose
        $Error.Clear()

        # Everything the scenario writes, to any stream, and what the host would show (Out-String renders it as
        # Out-Default does).
        $captured = @(& {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                $h = Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 2 -PassThru
                $a = Connect-Ango -Credential $credential -BaseUri $angoUri -RetryInterval 0.01 -MaximumRetryCount 2 -PassThru
                $h; $a; $h.ToString(); $a.ToString(); Get-HitlSession; Get-AngoSession
                $h | Out-String; $a | Out-String
                $h, $a | ForEach-Object { $_.PSObject.Properties | ForEach-Object { $_.Name + '=' + $_.Value } }
                [System.Management.Automation.PSSerializer]::Serialize($h, 5)
                [System.Management.Automation.PSSerializer]::Serialize($a, 5)
                Get-HitlJob -ProjectId $projectId -JobId $jobId | Out-String
                Get-HitlJob -ProjectId $projectId | Out-String
                Get-AngoProject | Out-String
                Get-AngoTask -ProjectId $angoProject | Out-String
                New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/secret.png' | Out-String
                New-AngoIssue -TaskId $taskId -Content 'secret scan' | Out-String
                Get-HitlJob -ProjectId $projectId -JobId 'missing'
                Get-AngoTask -ProjectId $angoProject -TaskId 'missing'
                try { Connect-Ango -ApiKey $wrongKey -BaseUri $angoUri } catch { $_ | Out-String }
                Test-HitlConnection -Session (New-UnconnectedSession -Service Hitl -ApiKey $wrongKey -BaseUri $emulator.BaseUri) | Out-String
            } *>&1)
        $errors = @($Error)
        $text = @($captured | ForEach-Object { $_ | Out-String })
        $text += @($errors | ForEach-Object { ($_ | Out-String); $_.Exception.ToString(); $_.ScriptStackTrace; $_.InvocationInfo.Line })
        $text += [System.Management.Automation.PSSerializer]::Serialize($errors, 5)
        $all = $text -join "`n"

        # The scenario really happened: the key was used on both services, and each kind of text the scan reads is there.
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.headers.authorization -eq ('api_key ' + $account.PlainKey) }) | Should -Not -HaveCount 0
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.headers.apikey -ceq $account.PlainKey }) | Should -Not -HaveCount 0
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message.StartsWith('Retry ') }) | Should -Not -HaveCount 0
        @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message.StartsWith('Response body:') }) | Should -Not -HaveCount 0
        @(Get-ErrorId $errors) | Should -Contain 'LabelOps.NotFound'
        @($captured | Where-Object { $_ -is [string] -and $_.Contains('<Objs') -and $_.Contains($emulator.BaseUri.Authority) }) | Should -HaveCount 2
        $all | Should -BeLike '*failed with HTTP 401*'
        $all | Should -Not -BeLike '*is not recognized*' -Because 'every step of the script ran'
        $all | Should -BeLike "*$projectId*"
        $all | Should -BeLike "*$angoProject*"
        @($text | Where-Object { $_.Contains($account.PlainKey) }) | Should -HaveCount 0
    }

    It 'A key given as plain text is refused without echoing it and nothing is sent' {
        # A refused parameter stops the statement (a parameter binding error), so each call is caught.
        $refusals = @(
            try { Connect-Hitl -ApiKey $account.PlainKey -BaseUri $emulator.BaseUri } catch { $_ }
            try { Connect-Ango -ApiKey $account.PlainKey -BaseUri ($emulator.BaseUri.AbsoluteUri + 'v2/') } catch { $_ }
        )

        $refusals | Should -HaveCount 2
        @($refusals | Where-Object { $_.Exception.Message.Contains('SecureString') }) | Should -HaveCount 2
        @($refusals | Where-Object { ($_ | Out-String).Contains($account.PlainKey) -or $_.Exception.ToString().Contains($account.PlainKey) }) | Should -HaveCount 0
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
    }

    It 'Plain http to a host that is not loopback is refused before anything is sent (<Command>)' -ForEach @(
        @{ Command = 'Connect-Hitl'; Uri = 'http://hitl.example.test/' }
        @{ Command = 'Connect-Ango'; Uri = 'http://ango.example.test/v2/' }
    ) {
        # Connect-* stops on a refusal (a terminating error), as a failed sign-in should.
        $refusal = @(try { & $Command -ApiKey $account.ApiKey -BaseUri $Uri } catch { $_ })

        $refusal | Should -HaveCount 1
        $refusal[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $refusal[0].Exception.Message | Should -BeLikeExactly '*http:// is allowed only for loopback*'
    }

    It 'An Ango redirect to another host is followed without the apikey header' {
        $angoProject = New-EmulatorAngoProject -Account $account -Name 'Redirects'
        $elsewhere = [UriBuilder]::new($emulator.BaseUri)
        $elsewhere.Host = 'localhost'
        $elsewhere.Path = "/v2/project/$angoProject"
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/moved-away' -RedirectTo $elsewhere.Uri.AbsoluteUri -Status 301
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 0
        $Error.Clear()

        $out = @(try { Get-AngoProject -ProjectId 'moved-away' 2>$null } catch { $null = $_ })

        $out | Should -HaveCount 0
        $Error | Should -HaveCount 1
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Unauthorized*'
        $arrived = @(Get-EmulatorUnauthenticatedRequest | Where-Object { $_.path -eq $elsewhere.Uri.AbsolutePath })
        $arrived | Should -HaveCount 1
        $arrived[0].headers.apikey | Should -BeNullOrEmpty
    }

    It 'A HITL redirect to another host is followed without the key and one to the same host keeps it' {
        $elsewhere = [UriBuilder]::new($emulator.BaseUri)
        $elsewhere.Host = 'localhost'
        $elsewhere.Path = "/v1/jobs/$projectId/$jobId"
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/moved-here' -RedirectTo "/v1/jobs/$projectId/$jobId"
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/moved-away' -RedirectTo $elsewhere.Uri.AbsoluteUri -Status 307
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 0
        $Error.Clear()

        $out = @('moved-here', 'moved-away' | ForEach-Object { Get-HitlJob -ProjectId $projectId -JobId $_ } 2>$null)

        $out | Should -HaveCount 1
        $out[0].JobId | Should -BeExactly $jobId
        $Error | Should -HaveCount 1
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Unauthorized*'
        $arrived = @(Get-EmulatorUnauthenticatedRequest | Where-Object { $_.path -eq $elsewhere.Uri.AbsolutePath })
        $arrived | Should -HaveCount 1
        $arrived[0].headers.authorization | Should -BeNullOrEmpty
    }
}
