# Bulk creates report every job they made: with -ErrorAction Stop the rows already in flight when an error stops the
# command are still written, and a failed row's error carries the row itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function New-JobCsv {
        # -Count rows of FileUrl; row -BadRow (1-based) names a .gif, which the service does not take.
        param([int] $Count, [int] $BadRow)
        $path = Join-Path $TestDrive ('jobs-' + [guid]::NewGuid().ToString('N') + '.csv')
        $rows = for ($i = 1; $i -le $Count; $i++) {
            $extension = if ($i -eq $BadRow) { 'gif' } else { 'jpg' }
            [pscustomobject]@{ FileUrl = 'https://files.example.test/row-{0:D3}.{1}' -f $i, $extension }
        }
        $rows | Export-Csv -Path $path -NoTypeInformation
        $path
    }
}

Describe 'Bulk New-HitlJob' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Bulk' -Status 'active'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'With -ErrorAction Stop every job the service created is written (-ThrottleLimit <Limit>)' -ForEach @(
        @{ Limit = 8 }, @{ Limit = 1 }
    ) {
        $csv = New-JobCsv -Count 100 -BadRow 3
        $written = New-Object System.Collections.Generic.List[object]
        $caught = $null

        try {
            Import-Csv -Path $csv | New-HitlJob -ProjectId $projectId -ThrottleLimit $Limit -ErrorAction Stop -WarningAction SilentlyContinue |
                ForEach-Object { $written.Add($_) }
        }
        catch {
            $caught = $_
        }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $created = @(Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | ForEach-Object { $_.job_id } | Sort-Object)
        $created.Count | Should -BeGreaterOrEqual 2
        @($written | ForEach-Object { $_.JobId } | Sort-Object) | Should -Be $created
        $written | ForEach-Object { [string]$_.FileUrl | Should -Not -BeLike '*row-003*' }
    }

    It 'The error of a failed row carries the row as TargetObject' {
        $csv = New-JobCsv -Count 3 -BadRow 2

        $jobs = @(Import-Csv -Path $csv | New-HitlJob -ProjectId $projectId -ErrorVariable failed -ErrorAction SilentlyContinue)

        $jobs | Should -HaveCount 2
        $failed | Should -HaveCount 1
        $failed[0].TargetObject.FileUrl | Should -BeExactly 'https://files.example.test/row-002.gif'
        $failed[0].TargetObject | Should -BeOfType ([System.Management.Automation.PSCustomObject])
    }
}
