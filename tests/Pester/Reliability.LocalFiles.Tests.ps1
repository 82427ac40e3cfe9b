# A local file that cannot be written is the user's to fix, not a network failure: it is found before any request
# where it can be, never retried, and reported with the path the user gave.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Local destinations' {
    BeforeEach {
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 3
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Export'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 2
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Ango
    }

    It 'Export-AngoAnnotation into a folder that does not exist fails before any request and names the file asked for' {
        $target = Join-Path $TestDrive 'no/such/dir/x.zip'

        $files = @(Export-AngoAnnotation -ProjectId $projectId -Path $target -ErrorVariable exportErrors -ErrorAction SilentlyContinue)

        $files | Should -HaveCount 0
        $exportErrors | Should -HaveCount 1
        $exportErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        $exportErrors[0].Exception.Message | Should -BeLike ("*'" + $target + "'*")
        $exportErrors[0].Exception.Message | Should -Not -BeLike '*.partial*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Export-AngoAnnotation onto an existing file without -Force fails before any request' {
        $target = Join-Path $TestDrive 'existing.zip'
        Set-Content -Path $target -Value 'keep me'

        $null = Export-AngoAnnotation -ProjectId $projectId -Path $target -ErrorVariable exportErrors -ErrorAction SilentlyContinue

        $exportErrors | Should -HaveCount 1
        $exportErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        Get-Content -Path $target | Should -BeExactly 'keep me'
    }
}
