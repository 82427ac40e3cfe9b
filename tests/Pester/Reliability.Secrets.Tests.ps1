# Mirrors tests/LabelOps.Tests/Reliability/SecretScenarioTests.cs (the HITL parts; the Ango scenario needs Ango
# state, which the emulator's control surface cannot arrange yet). The key is used but never shown, and never sent
# to another host.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Secrets (SecretScenarioTests)' {
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

    It 'A full scenario shows the key in no stream, host output, error or serialized session' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Status 503
        $Error.Clear()

        $captured = @(& {
                $h = Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 2 -PassThru -Verbose -Debug
                $h; $h.ToString(); Get-HitlSession
                $h | Out-String
                [System.Management.Automation.PSSerializer]::Serialize($h, 5)
                Get-HitlJob -ProjectId $projectId -JobId $jobId -Verbose -Debug | Out-String
                New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/secret.png' -Verbose -Debug
                Get-HitlJob -ProjectId $projectId -JobId 'missing' -Verbose -Debug
                Test-HitlConnection -Session (New-UnconnectedSession -Service Hitl -ApiKey (ConvertTo-TestSecureString ($account.PlainKey + '-wrong')) -BaseUri $emulator.BaseUri)
            } *>&1)
        $text = @($captured | ForEach-Object { $_ | Out-String })
        $text += @($Error | ForEach-Object { ($_ | Out-String); $_.Exception.ToString() })
        $text += [System.Management.Automation.PSSerializer]::Serialize($Error, 5)

        @(Get-EmulatorRequest -Account $account | Where-Object { $_.headers.authorization -eq ('api_key ' + $account.PlainKey) }) | Should -Not -HaveCount 0
        ($text -join "`n") | Should -BeLike '*Retry *'
        ($text -join "`n") | Should -BeLike '*Response body:*'
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
