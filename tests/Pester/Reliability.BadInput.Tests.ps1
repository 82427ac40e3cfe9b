# Bad input to the HITL cmdlets. Each case runs a bad item and then a good one and checks: one clear error naming the
# problem, nothing (or only the escaped ID) sent for the bad item, the good item done. Errors are read from $Error: a
# bad item's binding error belongs to the inner command, not to ForEach-Object.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Bad input' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $P = New-EmulatorHitlProject -Account $account -Name 'Bad input' -Status 'active'
        $J = New-EmulatorHitlJob -Account $account -ProjectId $P
        $Good = 'https://files.example.test/good.png'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Bad input gives one clear error, sends nothing wrong and the pipeline goes on: <Name>' -ForEach @(
        @{ Name = 'Get-HitlJob whitespace JobId'; Bad = '   '; ErrorId = 'LabelOps.InvalidArgument'; Names = 'JobId is empty'; SentBad = $null }
        @{ Name = 'Get-HitlJob overlong JobId'; Bad = ('j' * 300); ErrorId = 'LabelOps.InvalidArgument'; Names = 'JobId is 300 characters long'; SentBad = $null }
        @{ Name = "Get-HitlJob JobId '..'"; Bad = '..'; ErrorId = 'LabelOps.InvalidArgument'; Names = "JobId '..'"; SentBad = $null }
        @{ Name = "Get-HitlJob JobId with '/' is one escaped segment"; Bad = 'a/b'; ErrorId = 'LabelOps.NotFound'; Names = 'a%2Fb'; SentBad = 'a%2Fb' }
        @{ Name = "Get-HitlJob JobId with '?' is one escaped segment"; Bad = 'a?b=1'; ErrorId = 'LabelOps.NotFound'; Names = 'a%3Fb%3D1'; SentBad = 'a?b=1' }
        @{ Name = "Get-HitlJob JobId with '#' is one escaped segment"; Bad = 'a#b'; ErrorId = 'LabelOps.NotFound'; Names = 'a%23b'; SentBad = 'a#b' }
    ) {
        $Error.Clear()
        $out = @($Bad, $J | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $_ } 2>$null)
        $err = @($Error)

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike ($ErrorId + '*')
        $err[0].Exception.Message | Should -BeLikeExactly ('*' + $Names + '*')
        $out | Should -HaveCount 1
        $sent = @(Get-EmulatorRequest -Account $account)
        $expected = @()
        if ($SentBad) { $expected += "GET /v1/jobs/$P/$SentBad" }
        $expected += "GET /v1/jobs/$P/$J"
        @($sent | ForEach-Object { $_.method + ' ' + $_.path }) | Should -Be $expected
        @($sent | Where-Object { $_.queryString }) | Should -HaveCount 0
    }

    It 'Bad input gives one clear error, sends nothing and the pipeline goes on: New-HitlJob <Name>' -ForEach @(
        @{ Name = 'relative FileUrl'; Bad = 'images/a.png'; Names = 'images/a.png' }
        @{ Name = 'ftp FileUrl'; Bad = 'ftp://files.example.test/a.png'; Names = 'ftp://files.example.test/a.png' }
        @{ Name = 'FileUrl with a wrong extension'; Bad = 'https://files.example.test/a.exe'; Names = 'a.exe' }
    ) {
        $Error.Clear()
        $out = @($Bad, $Good | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $_ } 2>$null)
        $err = @($Error)

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $err[0].Exception.Message | Should -BeLikeExactly ('*' + $Names + '*')
        $out | Should -HaveCount 1
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 1
    }

    It 'Bad input gives one clear error, sends nothing and the pipeline goes on: New-HitlJob ExpirationMinutes 0' {
        $Error.Clear()
        $out = @(0, 60 | ForEach-Object { New-HitlJob -ProjectId $P -FileUrl $Good -ExpirationMinutes $_ } 2>$null)
        $err = @($Error)

        $err | Should -HaveCount 1
        $err[0].Exception.Message | Should -BeLikeExactly '*ExpirationMinutes must be between 1 and 1440*'
        $out | Should -HaveCount 1
        Get-EmulatorRequest -Account $account | Should -HaveCount 1
    }

    It 'Bad input gives one clear error, sends nothing and the pipeline goes on: Get-HitlJob unknown Status' {
        # A value outside the ValidateSet fails parameter binding, which stops its statement; inside Pester's try
        # (as in any script with a try/catch) that is caught, so each value gets a statement of its own.
        $results = @('finished', 'new' | ForEach-Object { try { Get-HitlJob -ProjectId $P -Status $_ } catch { $_ } })
        $err = @($results | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $out = @($results | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $err[0].Exception.Message | Should -BeLikeExactly '*finished*'
        $out | Should -HaveCount 1
        Get-EmulatorRequest -Account $account | Should -HaveCount 1
    }

    It 'Bad input gives one clear error and the pipeline goes on: Get-HitlJob reply <Name>' -ForEach @(
        @{ Name = 'that is not JSON'; Fault = @{ ReplyBody = 'OK'; ContentType = 'text/plain' }; ErrorId = 'LabelOps.InvalidResponse'; Names = 'it is text/plain' }
        @{ Name = 'HTML with 200'; Fault = @{ Html = $true; Status = 200 }; ErrorId = 'LabelOps.InvalidResponse'; Names = 'it is an HTML page' }
        @{ Name = 'HTML 502 page'; Fault = @{ Html = $true }; ErrorId = 'LabelOps.ServerError'; Names = 'HTML error page' }
        @{ Name = 'JSON of the wrong shape'; Fault = @{ ReplyBody = '[1, 2, 3]' }; ErrorId = 'LabelOps.InvalidResponse'; Names = 'not the JSON expected' }
    ) {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*/*' -Times 4 @Fault

        $Error.Clear()
        $out = @(1, 2 | ForEach-Object { Get-HitlJob -ProjectId $P -JobId $J } 2>$null)
        $err = @($Error)

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike ($ErrorId + '*')
        $err[0].Exception.Message | Should -BeLikeExactly ('*' + $Names + '*')
        $out | Should -HaveCount 1
        Get-EmulatorRequest -Account $account | Should -HaveCount 5
    }
}
