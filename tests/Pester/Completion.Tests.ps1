# Tab completion of project ids and of stage, batch and metric names through TabExpansion2 against the emulator, checking
# the completions and what the emulator received. Ango projects and batches are arranged with the module itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $angoUri = [Uri]::new([Uri]$emulator.BaseUri, 'v2/')

    function Get-Completion([string] $InputScript) {
        @((TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches)
    }
}

Describe 'Ango completion' {
    BeforeEach {
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Ango -ApiKey $account.ApiKey -BaseUri $angoUri -RetryInterval 0.01 -MaximumRetryCount 3
        $cars = (New-AngoProject -Name 'Cars' -Confirm:$false).ProjectId
        $bikes = (New-AngoProject -Name 'Bikes' -Confirm:$false).ProjectId
        # A new session, so that completion has read nothing yet.
        Connect-Ango -ApiKey $account.ApiKey -BaseUri $angoUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Ango
    }

    It 'Project ids complete from the project list, which is read once per session' {
        $first = Get-Completion 'Get-AngoTask -ProjectId '
        $second = Get-Completion 'Set-AngoWorkflow -ProjectId '

        @($first | ForEach-Object { $_.CompletionText } | Sort-Object) | Should -Be @(@($cars, $bikes) | Sort-Object)
        @($first | Where-Object { $_.CompletionText -eq $cars })[0].ListItemText | Should -BeLike '*Cars*'
        @($second | ForEach-Object { $_.CompletionText }) | Should -Be @($first | ForEach-Object { $_.CompletionText })
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly '/v2/listProjects'
    }

    It 'What was typed matches a project name or an id' {
        @(Get-Completion 'Get-AngoProject -ProjectId car' | ForEach-Object { $_.CompletionText }) | Should -Be @($cars)
    }

    It 'Stage and batch names complete from one read of the project on the command line' {
        $null = New-AngoBatch -ProjectId $cars -Name 'Night' -Confirm:$false
        $null = New-AngoBatch -ProjectId $cars -Name 'Rain shots' -Confirm:$false
        Connect-Ango -ApiKey $account.ApiKey -BaseUri $angoUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
        $p = $cars

        $stages = Get-Completion 'Get-AngoTask -ProjectId $p -Stage '
        $batches = Get-Completion 'Get-AngoTask -ProjectId $p -Batch '

        @($stages | ForEach-Object { $_.CompletionText }) | Should -Be @('Start', 'Label', 'Complete')
        @($batches | ForEach-Object { $_.CompletionText }) | Should -Be @('Night', "'Rain shots'")
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly ('/v2/project/' + $cars)
    }

    It 'Stage names need the project, so without it nothing is offered or sent' {
        Get-Completion 'Get-AngoTask -Stage ' | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Metric names complete from the metrics the cmdlet accepts' {
        @(Get-Completion 'Get-AngoMetric -ProjectId x -Metric Time' | ForEach-Object { $_.CompletionText }) | Should -Be @('TimePerTask')
        @(Get-Completion 'Get-HitlMetric -GroupBy ' | ForEach-Object { $_.CompletionText }) | Should -Be @('Day', 'Month', 'Week', 'Year')
    }

    It 'A failed read offers nothing without an error, and the next tab reads again' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/listProjects' -Status 500 -Times 4

        $failed = Get-Completion 'Get-AngoTask -ProjectId '
        $retried = Get-Completion 'Get-AngoTask -ProjectId '

        $failed | Should -HaveCount 0
        $retried | Should -HaveCount 2
        @(Get-EmulatorRequest -Account $account -PathPrefix '/v2/listProjects') | Should -HaveCount 5
    }

    It 'A slow service does not hold up the prompt: completion gives up and offers nothing' {
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v2/listProjects' -DelayMs 8000
        Get-Completion 'Get-AngoTask -ProjectId ' | Should -HaveCount 0
    }
}

Describe 'HITL completion' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Project ids complete from the projects this session has used, without a request' {
        $used = New-EmulatorHitlProject -Account $account -Name 'Street signs'
        $other = New-EmulatorHitlProject -Account $account -Name 'Xylophones'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        $null = Get-HitlProject -ProjectId $used
        $null = Get-HitlMetric -ProjectId $used
        Clear-EmulatorRequest -Account $account

        $completions = Get-Completion 'Get-HitlJob -ProjectId '

        @($completions | ForEach-Object { $_.CompletionText }) | Should -Contain $used
        @($completions | ForEach-Object { $_.CompletionText }) | Should -Not -Contain $other
        @($completions | Where-Object { $_.CompletionText -eq $used })[0].ListItemText | Should -BeLike '*Street signs*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Every project in a metrics report completes afterwards' {
        $signs = New-EmulatorHitlProject -Account $account -Name 'Street signs'
        $xylophones = New-EmulatorHitlProject -Account $account -Name 'Xylophones'
        $null = New-EmulatorHitlJob -Account $account -ProjectId $signs
        $null = New-EmulatorHitlJob -Account $account -ProjectId $xylophones
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        $null = Get-HitlMetric

        @(Get-Completion 'Wait-HitlJob -ProjectId Xy' | ForEach-Object { $_.CompletionText }) | Should -Be @($xylophones)
    }

    It 'Without a session nothing is offered and nothing fails' {
        $saved = $env:HITL_API_KEY
        $env:HITL_API_KEY = $null
        try {
            Get-Completion 'Get-HitlJob -ProjectId ' | Should -HaveCount 0
        }
        finally {
            $env:HITL_API_KEY = $saved
        }
    }
}
