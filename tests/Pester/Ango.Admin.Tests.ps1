# The Ango organisation's members and invites (Get-AngoOrganizationMember, Set-AngoOrganizationMemberRole,
# Remove-AngoOrganizationMember, Get-, New- and Remove-AngoOrganizationInvite) and its storages (Get-, New- and
# Remove-AngoStorage): what each sends, writes and refuses, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function Get-Sorted {
        param([object[]] $Items)
        [string[]]$copy = @($Items)
        [System.Array]::Sort($copy, [System.StringComparer]::Ordinal)
        $copy -join ','
    }
}

Describe 'Organization members and invites' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $organizationId = (Get-EmulatorAngoOrganization -Account $account).OrganizationId
        $orgPath = '/v2/organization/' + $organizationId + '/'
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoOrganizationMember finds the organization from the first project and lists its members' {
        $null = New-EmulatorAngoProject -Account $account -Name 'Any'

        $result = Invoke-Connected 'Get-AngoOrganizationMember'

        $result.Errors | Should -HaveCount 0
        $members = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoMember]))
        Get-Sorted @($members | ForEach-Object { $_.Email }) | Should -BeExactly 'guest@example.test,member@example.test,owner@example.test'
        @($members | Where-Object { $_.Email -eq 'owner@example.test' })[0].OrganizationRole | Should -BeExactly 'Admin'
        $members | ForEach-Object { $_.OrganizationId | Should -BeExactly $organizationId }
        $lookups = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/listProjects')
        $lookups | Should -HaveCount 1
        (Get-RequestQuery -Request $lookups[0])['limit'] | Should -BeExactly '1'
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ($orgPath + 'users')) | Should -HaveCount 1
    }

    It 'With -OrganizationId no project lookup is made and search is sent' {
        $result = Invoke-Connected 'Get-AngoOrganizationMember -OrganizationId $o -Search mia' -Variables @{ o = $organizationId }

        $result.Errors | Should -HaveCount 0
        $members = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoMember]))
        $members | Should -HaveCount 1
        $members[0].Email | Should -BeExactly 'member@example.test'
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/listProjects') | Should -HaveCount 0
        $users = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ($orgPath + 'users'))
        $users | Should -HaveCount 1
        (Get-RequestQuery -Request $users[0])['search'] | Should -BeExactly 'mia'
    }

    It 'Without projects or -OrganizationId the error says to pass -OrganizationId' {
        $result = Invoke-Connected 'Get-AngoOrganizationMember'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        $result.Errors[0].Exception.Message | Should -BeLike '*-OrganizationId*'
    }

    It 'Set-AngoOrganizationMemberRole sends every piped member in one request' {
        $null = New-EmulatorAngoProject -Account $account -Name 'Any'

        $result = Invoke-Connected 'Get-AngoOrganizationMember | Where-Object OrganizationRole -ne Admin | Set-AngoOrganizationMemberRole -Role Admin'

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ($orgPath + 'users'))
        $posts | Should -HaveCount 1
        $users = @((Get-RequestBody -Request $posts[0]).users)
        Get-Sorted @($users | ForEach-Object { $_.email }) | Should -BeExactly 'guest@example.test,member@example.test'
        $users | ForEach-Object { $_.organizationRole | Should -BeExactly 'Admin' }
        Get-EmulatorAngoMember -Account $account | ForEach-Object { $_.organizationRole | Should -BeExactly 'Admin' }
    }

    It 'Set-AngoOrganizationMemberRole warns about members the service could not update' {
        $result = Invoke-Connected 'Set-AngoOrganizationMemberRole -OrganizationId $o -Email member@example.test, ghost@example.test -Role Guest' -Variables @{ o = $organizationId }

        $result.Errors | Should -HaveCount 0
        @($result.Warnings | Where-Object { $_.Contains('ghost@example.test') }) | Should -Not -HaveCount 0
    }

    It 'Remove-AngoOrganizationMember with -Confirm false sends one DELETE with every email' {
        $null = New-EmulatorAngoProject -Account $account -Name 'Any'

        $result = Invoke-Connected "'member@example.test', 'guest@example.test' | Remove-AngoOrganizationMember -Confirm:`$false"

        $result.Errors | Should -HaveCount 0
        $deletes = @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix ($orgPath + 'users'))
        $deletes | Should -HaveCount 1
        (@((Get-RequestBody -Request $deletes[0]).users) -join ',') | Should -BeExactly 'member@example.test,guest@example.test'
        (@(Get-EmulatorAngoMember -Account $account | ForEach-Object { $_.email }) -join ',') | Should -BeExactly 'owner@example.test'
    }

    It 'Remove-AngoOrganizationMember with -WhatIf sends nothing' {
        $result = Invoke-Connected 'Remove-AngoOrganizationMember -Email member@example.test -OrganizationId $o -WhatIf' -Variables @{ o = $organizationId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @(Get-EmulatorAngoMember -Account $account) | Should -HaveCount 3
    }

    It 'New-AngoOrganizationInvite posts to role and project assignments and returns the invites' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Street scenes'

        $result = Invoke-Connected "New-AngoOrganizationInvite -Email ann@example.test, bob@example.test -Role Member -ProjectAssignment @{ ProjectId = `$p; Role = 'labeler' }" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $invites = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoInvite]))
        (@($invites | ForEach-Object { $_.Email }) -join ',') | Should -BeExactly 'ann@example.test,bob@example.test'
        $invites | ForEach-Object { $_.Status | Should -BeExactly 'Pending' }
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ($orgPath + 'invites'))
        $posts | Should -HaveCount 1
        $body = Get-RequestBody -Request $posts[0]
        (@($body.to) -join ',') | Should -BeExactly 'ann@example.test,bob@example.test'
        $body.organizationRole | Should -BeExactly 'Member'
        $assignments = @($body.projectAssignments)
        $assignments | Should -HaveCount 1
        $assignments[0].projectId | Should -BeExactly $projectId
        $assignments[0].projectRole | Should -BeExactly 'Labeler'
    }

    It 'Invites listed and piped to Remove-AngoOrganizationInvite are withdrawn in one request' {
        $null = New-EmulatorAngoProject -Account $account -Name 'Any'
        $arranged = Invoke-Connected 'New-AngoOrganizationInvite -Email a@example.test, b@example.test, c@example.test -Role Guest'
        $arranged.Errors | Should -HaveCount 0

        $result = Invoke-Connected 'Get-AngoOrganizationInvite | Where-Object Email -ne b@example.test | Remove-AngoOrganizationInvite'

        $result.Errors | Should -HaveCount 0
        $deletes = @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix ($orgPath + 'invites'))
        $deletes | Should -HaveCount 1
        Get-Sorted @((Get-RequestBody -Request $deletes[0]).invites) | Should -BeExactly 'a@example.test,c@example.test'
        (@(Get-EmulatorAngoInvite -Account $account | ForEach-Object { $_.to }) -join ',') | Should -BeExactly 'b@example.test'
    }
}

Describe 'Storages' {
    BeforeAll {
        $secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY'
    }

    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'New-AngoStorage sends the credential once and no stream ever shows it' {
        $credential = [System.Management.Automation.PSCredential]::new('AKIAEXAMPLEKEYID', (ConvertTo-TestSecureString $secret))

        $result = Invoke-Connected ("`$s = New-AngoStorage -Name 'Raw images' -Type aws -Bucket raw-images -Region eu-west-1 -Credential `$cred -Verbose -Debug`n" +
            "`$s`n`$s.psobject.Properties | ForEach-Object { `"`$(`$_.Name)=`$(`$_.Value)`" }`nGet-AngoStorage -Verbose -Debug") -Variables @{ cred = $credential; DebugPreference = 'Continue' }

        $result.Errors | Should -HaveCount 0
        $storage = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoStorage]))[0]
        $storage.Name | Should -BeExactly 'Raw images'
        $storage.Type | Should -BeExactly 'aws'
        $storage.Bucket | Should -BeExactly 'raw-images'
        $storage.Region | Should -BeExactly 'eu-west-1'
        $storage.Organization | Should -BeExactly (Get-EmulatorAngoOrganization -Account $account).OrganizationId
        # Debug was on, so a leak would have had somewhere to go.
        $result.Debug | Should -Not -HaveCount 0
        @(Get-StreamText -Result $result | Where-Object { ([string]$_).Contains($secret) }) | Should -HaveCount 0
        (ConvertTo-Json -InputObject @($result.Output | ForEach-Object { $_.psobject.BaseObject }) -Depth 5 -Compress).Contains($secret) | Should -BeFalse
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/storages')
        $posts | Should -HaveCount 1
        $credentials = (Get-RequestBody -Request $posts[0]).credentials
        $credentials.accessKeyId | Should -BeExactly 'AKIAEXAMPLEKEYID'
        $credentials.secretAccessKey | Should -BeExactly $secret
        (Get-EmulatorAngoStorageSecret -Account $account -StorageId $storage.StorageId).credentials.secretAccessKey | Should -BeExactly $secret
        @(Get-EmulatorRequest -Account $account -Method 'GET' | Where-Object { ([string]$_.body).Contains($secret) }) | Should -HaveCount 0
    }

    It 'New-AngoStorage for GCS sends the key file as privateKey' {
        $keyFile = [System.IO.Path]::GetTempFileName()
        [System.IO.File]::WriteAllText($keyFile, '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----SECRETGCS"}')
        try {
            $result = Invoke-Connected 'New-AngoStorage -Name g -Type gcs -Bucket b -PrivateKeyPath $k -Debug' -Variables @{ k = $keyFile; DebugPreference = 'Continue' }

            $result.Errors | Should -HaveCount 0
            $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/storages')
            $posts | Should -HaveCount 1
            [string](Get-RequestBody -Request $posts[0]).privateKey | Should -BeLike '*SECRETGCS*'
            @(Get-StreamText -Result $result | Where-Object { ([string]$_).Contains('SECRETGCS') }) | Should -HaveCount 0
        }
        finally {
            [System.IO.File]::Delete($keyFile)
        }
    }

    It 'Get-AngoStorage pages without a total (<Count>)' -ForEach @(
        @{ Count = 0; ExpectedRequests = 1 }
        @{ Count = 100; ExpectedRequests = 2 }
        @{ Count = 101; ExpectedRequests = 2 }
    ) {
        for ($i = 0; $i -lt $Count; $i++) {
            $null = New-EmulatorAngoStorage -Account $account -Name ('s' + $i)
        }

        $result = Invoke-Connected 'Get-AngoStorage'

        $result.Errors | Should -HaveCount 0
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoStorage])) | Should -HaveCount $Count
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/storages') | Should -HaveCount $ExpectedRequests
    }

    It 'Remove-AngoStorage is ConfirmImpact High it asks first and proceeds with -Confirm false' {
        $keep = New-EmulatorAngoStorage -Account $account -Name 'keep'
        $drop = New-EmulatorAngoStorage -Account $account -Name 'drop'

        $asked = Invoke-Connected 'Remove-AngoStorage -StorageId $d' -Variables @{ d = $drop }
        # The prompt could not be answered in a runspace without a host, so nothing was sent.
        @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v2/storages') | Should -HaveCount 0
        ($asked.Errors.Count -gt 0 -or $null -ne $asked.Terminating) | Should -BeTrue

        $result = Invoke-Connected 'Get-AngoStorage | Where-Object Name -eq drop | Remove-AngoStorage -Confirm:$false'

        $result.Errors | Should -HaveCount 0
        $deletes = @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v2/storages')
        $deletes | Should -HaveCount 1
        $deletes[0].path | Should -BeExactly ('/v2/storages/' + $drop)
        (@(Get-EmulatorAngoStorage -Account $account | ForEach-Object { $_._id }) -join ',') | Should -BeExactly $keep
    }

    It 'Remove-AngoStorage with -WhatIf sends nothing' {
        $id = New-EmulatorAngoStorage -Account $account -Name 'x'

        $result = Invoke-Connected 'Remove-AngoStorage -StorageId $i -WhatIf' -Variables @{ i = $id }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @(Get-EmulatorAngoStorage -Account $account) | Should -HaveCount 1
    }
}
