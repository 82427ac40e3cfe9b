# Rate limits: the emulator's 429 with rate-limit headers, a session that waits for the reset instead of being refused,
# and a 429 that pauses every runspace sharing the session; and paging through a project of many generated Ango
# tasks. Against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Rate limits' {
    BeforeAll {
        # A header of a web response: PowerShell 7 gives an HttpResponseMessage for an error answer, 5.1 a WebResponse.
        function Get-ResponseHeader($Response, [string] $Name) {
            if ($Response.Headers -is [System.Net.Http.Headers.HttpHeaders]) {
                return @($Response.Headers.GetValues($Name))[0]
            }
            @($Response.Headers[$Name])[0]
        }
    }

    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Limited' -Status 'active'
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Over the limit the emulator answers 429 in the service envelope with rate-limit headers and counts it' {
        $null = Invoke-EmulatorControl -Method Post -Path '/rate-limit' -Body @{ apiKey = $account.PlainKey; limit = 2; windowSeconds = 60; scope = 'ango' }
        $uri = $emulator.BaseUri.AbsoluteUri + 'v2/project/none'
        $answers = foreach ($i in 1..3) {
            try {
                Invoke-WebRequest -Uri $uri -Headers @{ apikey = $account.PlainKey } -UseBasicParsing -ErrorAction Stop
            }
            catch {
                $_.Exception.Response
            }
        }

        [int]$answers[2].StatusCode | Should -Be 429
        Get-ResponseHeader $answers[0] 'X-RateLimit-Remaining' | Should -Be '1'
        Get-ResponseHeader $answers[2] 'X-RateLimit-Remaining' | Should -Be '0'
        Get-ResponseHeader $answers[2] 'X-RateLimit-Limit' | Should -Be '2'
        Get-ResponseHeader $answers[2] 'Retry-After' | Should -Not -BeNullOrEmpty
        $state = Invoke-EmulatorControl -Method Get -Path '/rate-limit' -ApiKey $account.PlainKey
        $state.rateLimited | Should -Be 1
        $state.allowed | Should -Be 2
    }

    It 'A session reads the remaining count and waits for the reset so the service never answers 429' {
        $null = Invoke-EmulatorControl -Method Post -Path '/rate-limit' -Body @{ apiKey = $account.PlainKey; limit = 5; windowSeconds = 2; scope = 'hitl' }
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3

        $projects = @(1..12 | ForEach-Object { Get-HitlProject -ProjectId $projectId -ErrorVariable +err -ErrorAction SilentlyContinue })

        $err | Should -HaveCount 0
        $projects | Should -HaveCount 12
        (Invoke-EmulatorControl -Method Get -Path '/rate-limit' -ApiKey $account.PlainKey).rateLimited | Should -Be 0
    }

    It 'A 429 pauses every runspace sharing the session until its Retry-After' {
        $session = Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -MaximumRetryCount 0 -PassThru
        Clear-EmulatorRequest -Account $account
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/projects/*' -Status 429 -RetryAfter '2'
        $other = New-TestRunspace -Variables @{ s = $session; ProjectId = $projectId }

        $null = Get-HitlProject -ProjectId $projectId -Session $session -ErrorVariable limited -ErrorAction SilentlyContinue
        $after = Invoke-InTestRunspace -Runspace $other -Script 'Get-HitlProject -ProjectId $ProjectId -Session $s'

        $limited | Should -HaveCount 1
        $limited[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.RateLimited*'
        $after.Errors | Should -HaveCount 0
        $requests = @(Get-EmulatorRequest -Account $account)
        ($requests | ForEach-Object { $_.responseStatus }) -join ',' | Should -Be '429,200'
        ($requests[1].ReceivedAtUtc - $requests[0].ReceivedAtUtc).TotalSeconds | Should -BeGreaterOrEqual 1.9
        Remove-InTestRunspace -Runspace $other
    }
}

Describe 'Generated tasks' {
    BeforeAll {
        # Real tasks come from real assets: Ango makes one task per asset added.
        function Add-RealTask([string] $ProjectId, [int] $Count) {
            $urls = @(0..($Count - 1) | ForEach-Object { 'https://storage.example.test/real/asset-{0:D5}.jpg' -f $_ })
            $null = Add-AngoAsset -ProjectId $ProjectId -Uri $urls
        }
    }

    BeforeEach {
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Ango -ApiKey $account.ApiKey -BaseUri ($emulator.BaseUri.AbsoluteUri + 'v2/') -RetryInterval 0.01 -MaximumRetryCount 3
        $project = New-AngoProject -Name 'Generated'
    }

    AfterEach {
        Disconnect-Ango
    }

    It 'A long listing reads each page once and writes every task in order after the real ones' {
        Add-RealTask $project.ProjectId 3
        $null = Invoke-EmulatorControl -Method Post -Path "/ango/projects/$($project.ProjectId)/generated-tasks" -Body @{ apiKey = $account.PlainKey; count = 2497 }
        Clear-EmulatorRequest -Account $account

        $tasks = @(Get-AngoTask -ProjectId $project.ProjectId -Sort externalId)

        $tasks | Should -HaveCount 2500
        ($tasks[0..3] | ForEach-Object { $_.ExternalId }) -join ',' | Should -BeExactly 'asset-00000.jpg,asset-00001.jpg,asset-00002.jpg,generated-000000.jpg'
        $tasks[2499].ExternalId | Should -BeExactly 'generated-002496.jpg'
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix "/v2/project/$($project.ProjectId)/tasks")
        $pages | Should -HaveCount 25
    }

    It 'Generated tasks are left out of filtered listings and counted in the total' {
        Add-RealTask $project.ProjectId 2
        $null = Invoke-EmulatorControl -Method Post -Path "/ango/projects/$($project.ProjectId)/generated-tasks" -Body @{ apiKey = $account.PlainKey; count = 500 }

        $filtered = @(Get-AngoTask -ProjectId $project.ProjectId -Status TODO)
        $total = Get-AngoTask -ProjectId $project.ProjectId -First 0 -IncludeTotalCount

        $filtered | Should -HaveCount 2
        [long]$total | Should -Be 502
    }
}
