# Connect-Hitl, Disconnect-Hitl and Test-HitlConnection: how a HITL session is made, checked, dropped and passed with
# -Session, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Connect-Hitl, Disconnect-Hitl and Test-HitlConnection' {
    BeforeAll {
        # With $env:HITL_API_KEY set, a cmdlet without a session would use it instead of failing with NotConnected.
        $savedEnvironment = Get-HitlEnvironment
        Set-HitlEnvironment @{ HITL_API_KEY = $null; HITL_BASE_URI = $null }
    }

    AfterAll {
        Set-HitlEnvironment $savedEnvironment
    }

    BeforeEach {
        # The runspace is shared by the tests, so its default session is dropped.
        Disconnect-Hitl
        $account = New-EmulatorAccount
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Connect-Hitl validates the key with one health call and becomes the default session' {
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        $sessions = @(Get-HitlSession)

        $sessions | Should -HaveCount 1
        $sessions[0] | Should -BeOfType ([LabelOps.HitlSession])
        $sessions[0].BaseUri.AbsoluteUri | Should -BeExactly $emulator.BaseUri.AbsoluteUri
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].method | Should -BeExactly 'GET'
        $requests[0].path | Should -BeExactly '/v1/health'
        $requests[0].headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey)
        $requests[0].headers.'user-agent' | Should -BeLikeExactly 'LabelOps/*'
    }

    It 'Connect-Hitl with a wrong key stops with Unauthorized and sets no session' {
        $wrongKey = ConvertTo-TestSecureString 'not-a-real-key'

        { Connect-Hitl -ApiKey $wrongKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 } |
            Should -Throw -ErrorId 'LabelOps.Unauthorized*'
        Get-HitlSession | Should -HaveCount 0
    }

    It 'Connect-Hitl takes the key from a credential password' {
        $credential = [System.Management.Automation.PSCredential]::new('automation', $account.ApiKey)

        $sessions = @(Connect-Hitl -Credential $credential -BaseUri $emulator.BaseUri -PassThru)

        $sessions | Should -HaveCount 1
        $sessions[0] | Should -BeOfType ([LabelOps.HitlSession])
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey)
    }

    It 'Connect-Hitl refuses insecure or non-http base uris before sending anything (<InsecureUri>)' -ForEach @(
        @{ InsecureUri = 'http://example.com/' }
        @{ InsecureUri = 'ftp://127.0.0.1/' }
    ) {
        $insecure = [Uri]$InsecureUri

        { Connect-Hitl -ApiKey $account.ApiKey -BaseUri $insecure } | Should -Throw -ErrorId 'LabelOps.InvalidArgument*'
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
    }

    It 'Disconnect-Hitl drops the default session so the next call is NotConnected' {
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Disconnect-Hitl

        Get-HitlSession | Should -HaveCount 0
        $thrown = { Get-HitlProject -ProjectId p1 } | Should -Throw -ErrorId 'LabelOps.NotConnected*' -PassThru
        $thrown.Exception.Message | Should -BeLikeExactly '*Connect-Hitl*'
    }

    It 'Test-HitlConnection is true for a good key and false for a refused one' {
        $wrongKey = ConvertTo-TestSecureString 'wrong'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        $bad = New-UnconnectedSession -Service Hitl -ApiKey $wrongKey -BaseUri $emulator.BaseUri

        $good = @(Test-HitlConnection -ErrorVariable goodErrors -ErrorAction SilentlyContinue)
        $refused = @(Test-HitlConnection -Session $bad -ErrorVariable badErrors -ErrorAction SilentlyContinue)

        $answers = @($good) + @($refused)
        $answers | Should -HaveCount 2
        $answers[0] | Should -BeOfType ([bool])
        $answers[1] | Should -BeOfType ([bool])
        $answers[0] | Should -Be $true
        $answers[1] | Should -Be $false
        (@($goodErrors) + @($badErrors)) | Should -HaveCount 0
    }

    # What Disconnect-Hitl does to a session held in a variable is specified in Module.Sessions.Tests.ps1.
}
