# Connect-Ango and Get-AngoProject: how an Ango session is made, checked and paced, and how projects are listed and
# read, against the emulator. Scripts run in a runspace of their own (New-AngoTestRunspace), so that every error,
# terminating or not, lands in the result's Errors.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }
}

Describe 'Connect-Ango and Get-AngoProject' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $angoUri = Get-AngoTestUri
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Connect-Ango validates the key with a one item project listing and sends the apikey header' {
        $result = Invoke-AngoTestScript -Runspace $shell -Account $account -Script ((Get-AngoConnectScript) + "`nGet-AngoSession")

        $result.Errors | Should -HaveCount 0
        $sessions = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoSession]))
        $sessions | Should -HaveCount 1
        $sessions[0].BaseUri | Should -Be $angoUri
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly '/v2/listProjects'
        $query = Get-RequestQuery -Request $requests[0]
        $query['limit'] | Should -BeExactly '1'
        $query['page'] | Should -BeExactly '1'
        $requests[0].headers.apikey | Should -BeExactly $account.PlainKey
        @($requests[0].headers.psobject.Properties.Name) | Should -Not -Contain 'authorization'
    }

    It 'Connect-Ango with a wrong key is Unauthorized with the services message' {
        $result = Invoke-AngoTestScript -Runspace $shell -Account $account -Script "Connect-Ango -ApiKey `$WrongKey -BaseUri `$AngoUri`nGet-AngoSession" `
            -Variables @{ WrongKey = (ConvertTo-TestSecureString 'wrong') }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Unauthorized*'
        $result.Errors[0].Exception.Message | Should -BeLike '*Invalid API key*'
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoSession])) | Should -HaveCount 0
    }

    It 'Regions map to the documented servers (<Region>)' -ForEach @(
        @{ Region = 'EU'; Expected = 'https://imeritapi.ango.ai/v2/' }
        @{ Region = 'US'; Expected = 'https://us-api.ango.ai/v2/' }
        @{ Region = 'India'; Expected = 'https://in-api.ango.ai/v2/' }
        @{ Region = 'Test'; Expected = 'https://testapi.ango.ai/v2/' }
    ) {
        [LabelOps.AngoSession]::BaseUriFor([LabelOps.AngoRegion]$Region).ToString() | Should -BeExactly $Expected
    }

    It 'Get-AngoProject streams every project across pages of 100 (<Count>)' -ForEach @(
        @{ Count = 0 }, @{ Count = 1 }, @{ Count = 99 }, @{ Count = 100 }, @{ Count = 101 }, @{ Count = 250 }
    ) {
        for ($i = 0; $i -lt $Count; $i++) {
            $null = New-EmulatorAngoProject -Account $account -Name ('Project {0:D3}' -f $i)
        }

        $result = Invoke-Connected 'Get-AngoProject -Sort name'

        $result.Errors | Should -HaveCount 0
        $expected = @(for ($i = 0; $i -lt $Count; $i++) { 'Project {0:D3}' -f $i })
        $names = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]) | ForEach-Object { $_.Name })
        ($names -join '|') | Should -BeExactly ($expected -join '|')
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/listProjects')
        $pages | Should -HaveCount ([Math]::Max(1, [Math]::Floor(($Count + 99) / 100)))
        foreach ($page in $pages) {
            (Get-RequestQuery -Request $page)['limit'] | Should -BeExactly '100'
            (Get-RequestQuery -Request $page)['sort'] | Should -BeExactly 'name'
        }
    }

    It 'Skip First and IncludeTotalCount select a window and report the services total' {
        for ($i = 0; $i -lt 250; $i++) {
            $null = New-EmulatorAngoProject -Account $account -Name ('Project {0:D3}' -f $i)
        }

        $result = Invoke-Connected 'Get-AngoProject -Sort name -Skip 195 -First 10 -IncludeTotalCount'

        $expected = @(for ($i = 195; $i -lt 205; $i++) { 'Project {0:D3}' -f $i })
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]) | ForEach-Object { $_.Name }) -join '|') | Should -BeExactly ($expected -join '|')
        # -IncludeTotalCount writes the total first.
        $result.Output[0].psobject.BaseObject | Should -Be ([uint64]250)
        $result.Output[0].ToString() | Should -BeExactly 'Total count: 250'
        (@(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/listProjects' | ForEach-Object { (Get-RequestQuery -Request $_)['page'] }) -join ',') |
            Should -BeExactly '2,3'
    }

    It 'Get-AngoProject by id returns the whole project with typed stages and ids bind by property name' {
        $id = New-EmulatorAngoProject -Account $account -Name 'Street scenes' -Description 'cars and people'

        $result = Invoke-Connected "`$list = Get-AngoProject`n`$list`n`$list | Get-AngoProject"

        $projects = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))
        $projects | Should -HaveCount 2
        $full = $projects[1]
        $full.ProjectId | Should -BeExactly $id
        $full.Description | Should -BeExactly 'cars and people'
        (@($full.Stages | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Start,Label,Complete'
        @($full.Stages[0].Next) | Should -HaveCount 1
        $full.Stages[0].Next[0] | Should -BeExactly $full.Stages[1].StageId
        @(Get-EmulatorRequest -Account $account)[-1].path | Should -BeExactly ('/v2/project/' + $id)
    }

    It 'Unknown project is NotFound with the services message and the pipeline goes on' {
        $id = New-EmulatorAngoProject -Account $account -Name 'Real'

        $result = Invoke-Connected 'Get-AngoProject -ProjectId nope, $id' -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $result.Errors[0].Exception.Message | Should -BeLike '*Project not found*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject])) | Should -HaveCount 1
    }

    It 'Error envelopes map to ErrorIds and categories (<Status>)' -ForEach @(
        @{ Status = 401; ErrorId = 'LabelOps.Unauthorized'; Category = 'AuthenticationError' }
        @{ Status = 403; ErrorId = 'LabelOps.Forbidden'; Category = 'PermissionDenied' }
        @{ Status = 400; ErrorId = 'LabelOps.InvalidArgument'; Category = 'InvalidArgument' }
    ) {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/project/*' -Status $Status

        $result = Invoke-Connected 'Get-AngoProject -ProjectId p1'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike ($ErrorId + '*')
        [string]$result.Errors[0].CategoryInfo.Category | Should -BeExactly $Category
    }

    It 'Without a session or ANGO_API_KEY an Ango cmdlet is NotConnected naming Connect-Ango' {
        if ([System.Environment]::GetEnvironmentVariable('ANGO_API_KEY')) {
            # A developer's real key would connect.
            return
        }

        $result = Invoke-AngoTestScript -Runspace $shell -Account $account -Script 'Get-AngoProject'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotConnected*'
        $result.Errors[0].Exception.Message | Should -BeLike '*Connect-Ango*'
    }

    It 'MaxRequestsPerMinute lets the requests within the allowance go at once' {
        for ($i = 0; $i -lt 5; $i++) {
            $null = New-EmulatorAngoProject -Account $account -Name ('P' + $i)
        }

        $result = Invoke-AngoTestScript -Runspace $shell -Account $account -Script "Connect-Ango -ApiKey `$ApiKey -BaseUri `$AngoUri -MaxRequestsPerMinute 60`nGet-AngoProject | Get-AngoProject"

        $result.Errors | Should -HaveCount 0
        $times = @(Get-EmulatorRequest -Account $account | ForEach-Object { $_.ReceivedAtUtc })
        $times | Should -HaveCount 7
        # Seven requests are within an allowance of 60 a minute, so none waits; spread evenly (one a second) they
        # would take 6 s. Holding the request after the allowance is the engine's SessionRateGate's, tested without a cmdlet.
        ($times[-1] - $times[0]).TotalMilliseconds | Should -BeLessThan 3000
    }
}
