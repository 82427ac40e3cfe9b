# Local files are the user's to fix, not network failures. A missing input file is reported the same way by every
# cmdlet that reads one (LabelOps.NotFound, "Cannot find the file '<path>'.", non-terminating, the path as
# TargetObject) before anything is sent for it; -LiteralPath takes names with wildcard characters as written; a
# destination that cannot be written is found before any request where it can be, never retried, and reported with
# the path the user gave.

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

    It 'A missing input file is one non-terminating NotFound naming it, and nothing is sent (<Command>)' -ForEach @(
        @{ Command = 'Add-AngoAsset -Path'; Script = { Add-AngoAsset -ProjectId $projectId -Path $missing } }
        @{ Command = 'Add-AngoAsset -LiteralPath'; Script = { Add-AngoAsset -ProjectId $projectId -LiteralPath $missing } }
        @{ Command = 'Add-AngoChatAsset'; Script = { Add-AngoChatAsset -ProjectId $projectId -Path $missing } }
        @{ Command = 'Send-AngoChatFile'; Script = { Send-AngoChatFile -ProjectId $projectId -Path $missing } }
        @{ Command = 'Set-AngoProjectInstruction'; Script = { Set-AngoProjectInstruction -ProjectId $projectId -Path $missing } }
        @{ Command = 'Import-AngoLabel'; Script = { Import-AngoLabel -ProjectId $projectId -Path $missing } }
        @{ Command = 'New-AngoStorage -PrivateKeyPath'; Script = { New-AngoStorage -Name 'Scans' -Type gcs -Bucket 'scans' -PrivateKeyPath $missing } }
    ) {
        $missing = Join-Path $TestDrive 'missing-file.json'
        $state = @{ After = $null }

        $records = @(& { & $Script; $state.After = 'ran on' } 2>&1)
        $refused = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $refused[0].Exception.Message | Should -BeExactly ("Cannot find the file '" + $missing + "'.")
        $refused[0].TargetObject | Should -BeExactly $missing
        $state.After | Should -BeExactly 'ran on' -Because 'the error is not terminating'
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.method -ne 'GET' }) | Should -HaveCount 0
    }

    It '-LiteralPath takes a file name with wildcard characters as written (<Command>)' -ForEach @(
        @{ Command = 'Add-AngoAsset'; Name = 'img[1].jpg' }
        @{ Command = 'Send-AngoChatFile'; Name = 'chat[1].json' }
    ) {
        $file = Join-Path $TestDrive $Name
        if ($Command -eq 'Add-AngoAsset') { [System.IO.File]::WriteAllBytes($file, [byte[]](1, 2, 3)) }
        else { Set-Content -LiteralPath $file -Value '[{"messages":[{"role":"user","content":"hi"}]}]' }

        if ($Command -eq 'Add-AngoAsset') { $null = Add-AngoAsset -ProjectId $projectId -LiteralPath $file -ErrorVariable failed -ErrorAction SilentlyContinue }
        else { $null = Send-AngoChatFile -ProjectId $projectId -LiteralPath $file -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue }
        $byPipeline = @(Get-Item -LiteralPath $file | ForEach-Object { $_.PSPath })

        @($failed) | Should -HaveCount 0
        $byPipeline | Should -HaveCount 1
        if ($Command -eq 'Add-AngoAsset') {
            @(Get-EmulatorAngoStorageUpload -Account $account | ForEach-Object { $_.fileName }) | Should -Be @($Name)
        }
        else {
            @(Get-EmulatorAngoChatUpload -Account $account | ForEach-Object { $_.fileName }) | Should -Be @($Name)
        }
    }
}
