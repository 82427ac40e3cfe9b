# Telling sessions apart without the key, Test-AngoConnection, a second import from another path, and the shape of
# computed and date properties (issue 11, item 5 and the rest of item 3).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $angoUri = $emulator.BaseUri.AbsoluteUri + 'v2/'
}

Describe 'Sessions tell accounts apart without the key' {
    BeforeEach {
        Disconnect-Ango
        Disconnect-Hitl
    }

    AfterEach {
        Disconnect-Ango
        Disconnect-Hitl
    }

    It 'Two Ango sessions differ by KeyHint and Organization, and neither shows the key' {
        $first = New-EmulatorAccount
        $second = New-EmulatorAccount
        foreach ($account in @($first, $second)) {
            $null = New-EmulatorAngoProject -Account $account -Name 'P'
        }
        $a = Connect-Ango -BaseUri $angoUri -ApiKey $first.ApiKey -PassThru
        $b = Connect-Ango -BaseUri $angoUri -ApiKey $second.ApiKey -PassThru

        $a.KeyHint | Should -BeExactly ('****' + $first.PlainKey.Substring($first.PlainKey.Length - 4))
        $b.KeyHint | Should -BeExactly ('****' + $second.PlainKey.Substring($second.PlainKey.Length - 4))
        $a.Organization | Should -BeExactly (Get-EmulatorAngoOrganization -Account $first).organizationId
        $b.Organization | Should -BeExactly (Get-EmulatorAngoOrganization -Account $second).organizationId
        $a.Organization | Should -Not -Be $b.Organization
        $text = (@($a, $b) | Out-String) + (@($a, $b) | Format-List | Out-String) + (Get-AngoSession | Out-String)
        $text | Should -Not -Match ([regex]::Escape($first.PlainKey))
        $text | Should -Not -Match ([regex]::Escape($second.PlainKey))
        $text | Should -Match ([regex]::Escape($a.KeyHint))
    }

    It 'An Ango session names its documented region, and none for another address' {
        $account = New-EmulatorAccount
        $null = New-EmulatorAngoProject -Account $account -Name 'P'
        $local = Connect-Ango -BaseUri $angoUri -ApiKey $account.ApiKey -PassThru
        $local.Region | Should -BeNullOrEmpty
        # A session for the US server, made without connecting (no request leaves the machine).
        $us = New-UnconnectedSession -Service Ango -ApiKey $account.ApiKey -BaseUri ([LabelOps.AngoSession]::BaseUriFor('US'))
        [string]$us.Region | Should -BeExactly 'US'
    }

    It 'A HITL session shows its KeyHint in its table' {
        $account = New-EmulatorAccount
        $session = Connect-Hitl -BaseUri $emulator.BaseUri -ApiKey $account.ApiKey -PassThru
        $session.KeyHint | Should -BeExactly ('****' + $account.PlainKey.Substring($account.PlainKey.Length - 4))
        ($session | Out-String) | Should -Match ([regex]::Escape($session.KeyHint))
    }
}

Describe 'Test-AngoConnection' {
    AfterEach {
        Disconnect-Ango
    }

    It 'Test-AngoConnection is true for an accepted key and notes the organization' {
        $account = New-EmulatorAccount
        $null = New-EmulatorAngoProject -Account $account -Name 'P'
        $session = Connect-Ango -BaseUri $angoUri -ApiKey $account.ApiKey -PassThru
        $session.Organization = $null

        Test-AngoConnection -Session $session | Should -BeExactly $true
        $session.Organization | Should -BeExactly (Get-EmulatorAngoOrganization -Account $account).organizationId
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.path -eq '/v2/listProjects' }).Count | Should -BeGreaterOrEqual 2
    }

    It 'Test-AngoConnection is false, with the reason in -Verbose, when the key is refused' {
        $account = New-EmulatorAccount
        $null = New-EmulatorAngoProject -Account $account -Name 'P'
        $session = Connect-Ango -BaseUri $angoUri -ApiKey $account.ApiKey -PassThru -MaximumRetryCount 0
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/listProjects' -Status 401

        $output = @(Test-AngoConnection -Session $session -Verbose 4>&1)

        @($output | Where-Object { $_ -is [bool] }) | Should -Be @($false)
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
    }

    It 'Test-AngoConnection is exported and has help with examples' {
        Get-Command Test-AngoConnection -Module LabelOps | Should -Not -BeNullOrEmpty
        @((Get-Help Test-AngoConnection).examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Importing the module again from a second path' {
    It 'A second copy of the module imports without type data errors' {
        $copy = Join-Path $TestDrive 'second'
        Copy-Item -Path (Split-Path (Get-LabelOpsManifestPath)) -Destination $copy -Recurse
        $script = "Import-Module '$(Get-LabelOpsManifestPath)' -ErrorAction Stop; Import-Module '$(Join-Path $copy 'LabelOps.psd1')' -Force -ErrorAction Stop; 'imported'"
        $output = @(& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'imported'
        ($output -join "`n") | Should -Not -Match 'already present'
    }
}

Describe 'Computed and date properties' {
    BeforeAll {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        Connect-Hitl -BaseUri $emulator.BaseUri -ApiKey $account.ApiKey
        $project = New-EmulatorHitlProject -Account $account -Name 'Street scenes'
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $project
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $project -JobId $jobId -Status done
    }

    AfterAll {
        Disconnect-Hitl
    }

    It 'HitlMetric dates are DateTimeOffset values at midnight UTC' {
        $metric = @(Get-HitlMetric -ProjectId $project -GroupBy Day)[0]
        foreach ($name in 'PeriodStart', 'ReportStartDate', 'ReportEndDate') {
            $metric.$name | Should -BeOfType ([DateTimeOffset])
            $metric.$name.Offset | Should -Be ([TimeSpan]::Zero)
            $metric.$name.TimeOfDay | Should -Be ([TimeSpan]::Zero)
        }
    }

    It 'A job Duration is a property of the job and comes after the service fields in Export-Csv' {
        $job = Get-HitlJob -ProjectId $project -JobId $jobId
        $job.Duration | Should -BeOfType ([TimeSpan])
        $job.Duration | Should -Be ($job.FinishDate - $job.StartDate)
        $header = @($job | ConvertTo-Csv -NoTypeInformation)[0]
        $header | Should -Not -BeLike '"Duration",*'
        $header | Should -BeLike '*"Duration"*'
    }
}

Describe 'Consistent -PassThru' {
    AfterEach {
        Disconnect-Ango
    }

    It 'Set-AngoOrganizationMemberRole writes nothing, and with -PassThru the members it changed' {
        $account = New-EmulatorAccount
        $null = New-EmulatorAngoProject -Account $account -Name 'P'
        Connect-Ango -BaseUri $angoUri -ApiKey $account.ApiKey

        @(Set-AngoOrganizationMemberRole -Email 'guest@example.test' -Role Member -Confirm:$false) | Should -HaveCount 0
        $changed = @(Set-AngoOrganizationMemberRole -Email 'member@example.test' -Role Admin -PassThru -Confirm:$false)

        $changed | Should -HaveCount 1
        $changed[0].PSObject.TypeNames[0] | Should -BeExactly 'LabelOps.AngoMember'
        $changed[0].Email | Should -BeExactly 'member@example.test'
        $changed[0].OrganizationRole | Should -BeExactly 'Admin'
        (@(Get-EmulatorAngoMember -Account $account) | Where-Object email -eq 'guest@example.test').organizationRole | Should -BeExactly 'Member'
    }
}

Describe 'A disposed session' {
    It 'Disconnect-<Service> ends the default session, also where a variable holds it, and leaves a session that is not the default working' -ForEach @(
        @{ Service = 'Hitl' }, @{ Service = 'Ango' }
    ) {
        $account = New-EmulatorAccount
        $uri = if ($Service -eq 'Hitl') { $emulator.BaseUri } else { Get-AngoTestUri }
        $first = & "Connect-$Service" -BaseUri $uri -ApiKey $account.ApiKey -RetryInterval 0.01 -PassThru
        $second = & "Connect-$Service" -BaseUri $uri -ApiKey $account.ApiKey -RetryInterval 0.01 -PassThru

        & "Disconnect-$Service"

        $second.IsConnected | Should -BeFalse -Because 'it was the default session'
        $first.IsConnected | Should -BeTrue -Because 'a session that is not the default is not touched'
        $read = if ($Service -eq 'Hitl') { { param($s) Get-HitlEgressIp -Session $s } } else { { param($s) Get-AngoProject -First 1 -Session $s } }
        $firstErrors = @(& $read $first 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $firstErrors | Should -HaveCount 0
        $secondErrors = @(& $read $second 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $secondErrors | Should -HaveCount 1
        $secondErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotConnected*'
        $first.Dispose()
    }

    It 'Is reported as NotConnected, naming the Connect cmdlet, and sends nothing' {
        $account = New-EmulatorAccount
        $session = Connect-Hitl -BaseUri $emulator.BaseUri -ApiKey $account.ApiKey -RetryInterval 0.01 -PassThru
        Disconnect-Hitl
        Clear-EmulatorRequest -Account $account

        $session.Dispose()
        $null = Get-HitlProject -ProjectId 'any' -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue

        $session.IsConnected | Should -BeFalse
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotConnected*'
        $failed[0].Exception.Message | Should -BeLike '*Connect-Hitl*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }
}

Describe 'Pages in flight, a setting of the Ango session' {
    AfterEach {
        Disconnect-Ango
    }

    It 'Connect-Ango -PagesInFlight 1 requests a page only after the one before it was answered' {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Pages'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 350
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -PagesInFlight 1
        Clear-EmulatorRequest -Account $account
        # The first page answers at once, the second after 800 ms.
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*/tasks' -DelayMs 1
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*/tasks' -DelayMs 800

        $tasks = @(Get-AngoTask -ProjectId $projectId)

        $tasks | Should -HaveCount 350
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $projectId + '/tasks') | Sort-Object { $_.ReceivedAtUtc })
        $pages | Should -HaveCount 4
        # With pages requested ahead (the default, 8) the third page would be asked for while the second was held,
        # a few milliseconds after it. The bound leaves 100 ms for the two arrival stamps' jitter (797 ms was seen).
        ($pages[2].ReceivedAtUtc - $pages[1].ReceivedAtUtc).TotalMilliseconds | Should -BeGreaterOrEqual 700
    }
}
