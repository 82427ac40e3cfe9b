# The rest of HITL: projects, metrics and the egress IP (New-HitlProject, Get-HitlProject, Get-HitlMetric,
# Get-HitlEgressIp), Save-HitlJobFile and ConvertFrom-HitlWebhook, the key in HITL output and Debug, and sessions
# from HITL_API_KEY and HITL_BASE_URI, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Projects, metrics and the egress IP' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'New-HitlProject creates a new project and Get-HitlProject reads its status' {
        $created = @(New-HitlProject -Name 'Street scenes' -InstructionsFileUrl 'https://docs.example.test/guide.pdf' -Confirm:$false `
                -ErrorVariable createErrors -ErrorAction SilentlyContinue)
        $read = @(Get-HitlProject -ProjectId $created[0].ProjectId -ErrorVariable readErrors -ErrorAction SilentlyContinue)

        (@($createErrors) + @($readErrors)) | Should -HaveCount 0
        $created | Should -HaveCount 1
        $read | Should -HaveCount 1
        $created[0] | Should -BeOfType ([LabelOps.HitlProject])
        $created[0].Name | Should -BeExactly 'Street scenes'
        $read[0].Status | Should -BeExactly 'new'
        Get-EmulatorHitlProjectStatus -Account $account -ProjectId $created[0].ProjectId | Should -BeExactly 'new'
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/projects')
        $posts | Should -HaveCount 1
        $body = $posts[0].body | ConvertFrom-Json
        $body.name | Should -BeExactly 'Street scenes'
        $body.instructions_file_url | Should -BeExactly 'https://docs.example.test/guide.pdf'
    }

    It 'New-HitlProject rejects instructions that are not an http pdf docx or image without sending (<Url>)' -ForEach @(
        @{ Url = 'https://docs.example.test/guide.txt' }
        @{ Url = 'guide.pdf' }
    ) {
        $null = New-HitlProject -Name x -InstructionsFileUrl $Url -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
    }

    It 'New-HitlProject with -WhatIf creates nothing' {
        $output = @(New-HitlProject -Name x -InstructionsFileUrl 'https://docs.example.test/g.pdf' -WhatIf)

        $output | Should -HaveCount 0
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
    }

    It 'Get-HitlMetric sends the documented query and flattens one row per project per period' {
        $a = New-EmulatorHitlProject -Account $account -Name 'Alpha' -Status 'active'
        $b = New-EmulatorHitlProject -Account $account -Name 'Beta' -Status 'active'
        $done = New-EmulatorHitlJob -Account $account -ProjectId $a
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $a -JobId $done -Status 'progress'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $a -JobId $done -Status 'done'
        $null = New-EmulatorHitlJob -Account $account -ProjectId $a
        $null = New-EmulatorHitlJob -Account $account -ProjectId $b
        $today = [DateTime]::UtcNow.Date
        $start = $today.AddDays(-1)
        $end = $today.AddDays(2)
        $invariant = [System.Globalization.CultureInfo]::InvariantCulture

        $rows = @(Get-HitlMetric -GroupBy Day -StartDate $start -EndDate $end -ProjectId $a, $b -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 0
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly '/v1/metrics'
        $query = $requests[0].queryString
        $query | Should -BeLikeExactly '*period_group_level=day*'
        $query | Should -BeLikeExactly ('*period_start_date=' + $start.ToString('yyyy-MM-dd', $invariant) + '*')
        $query | Should -BeLikeExactly ('*period_end_date=' + $end.ToString('yyyy-MM-dd', $invariant) + '*')
        $query | Should -BeLikeExactly ('*project_ids=' + $a + '%2C' + $b + '*')
        $alpha = @($rows | Where-Object { $_.ProjectId -ceq $a })
        $alpha | Should -HaveCount 1
        $alpha[0] | Should -BeOfType ([LabelOps.HitlMetric])
        $alpha[0].ProjectName | Should -BeExactly 'Alpha'
        $alpha[0].JobsAll | Should -Be 2
        $alpha[0].JobsDone | Should -Be 1
        $alpha[0].JobsNew | Should -Be 1
        $alpha[0].PeriodStart | Should -BeOfType ([DateTimeOffset])
        $alpha[0].PeriodStart.UtcDateTime | Should -Be $today
        $alpha[0].AvgJobLifespanSeconds | Should -Not -BeNullOrEmpty
        $beta = @($rows | Where-Object { $_.ProjectId -ceq $b })
        $beta | Should -HaveCount 1
        $beta[0].JobsNew | Should -Be 1
        $beta[0].AvgSecondsToFinishJob | Should -BeNullOrEmpty
    }

    It 'Get-HitlEgressIp returns an IPAddress' {
        $addresses = @(Get-HitlEgressIp)

        $addresses | Should -HaveCount 1
        $addresses[0] | Should -BeOfType ([System.Net.IPAddress])
        $addresses[0].Equals([System.Net.IPAddress]::Parse('203.0.113.10')) | Should -BeTrue
    }
}

Describe 'Save-HitlJobFile and ConvertFrom-HitlWebhook' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Files' -Status 'active'
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-tests-' + [guid]::NewGuid().ToString('N'))
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
        if ([System.IO.Directory]::Exists($folder)) {
            [System.IO.Directory]::Delete($folder, $true)
        }
        elseif ([System.IO.File]::Exists($folder)) {
            [System.IO.File]::Delete($folder)
        }
    }

    It 'Save-HitlJobFile streams the jobs image into a folder sending the key to the API host' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/street.png'
        $null = [System.IO.Directory]::CreateDirectory($folder)
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'

        $files = @(Get-HitlJob -ProjectId $projectId -JobId $jobId -ErrorVariable getErrors -ErrorAction SilentlyContinue |
                Save-HitlJobFile -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        (@($getErrors) + @($saveErrors)) | Should -HaveCount 0
        $files | Should -HaveCount 1
        $file = $files[0]
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.DirectoryName | Should -Be $folder
        $file.Name | Should -BeExactly ($jobId + '_street.png')
        $download = @(Get-EmulatorRequest -Account $account)[-1]
        $download.path | Should -BeLikeExactly '/v1/files/*'
        $download.headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey)
        $file.Length | Should -BeGreaterThan 0
        # The emulator serves a PNG.
        [System.IO.File]::ReadAllBytes($file.FullName)[0] | Should -Be 0x89
        [System.IO.File]::Exists($file.FullName + '.partial') | Should -BeFalse
    }

    It 'Save-HitlJobFile never sends the key to another host' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/x.png'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'
        # Same server, different host name: to the client it is another host, so no key may go there.
        $elsewhere = 'http://localhost:' + $emulator.BaseUri.Port + '/v1/files/' + $projectId + '/' + $jobId + '/x.png'

        $null = Save-HitlJobFile -ProjectId $projectId -JobId $jobId -ImageUrl $elsewhere -Status done -Path $folder -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Unauthorized*'
        $received = @(Get-EmulatorUnauthenticatedRequest | Where-Object { ([string]$_.path).Contains($jobId) })
        $received | Should -Not -HaveCount 0
        foreach ($request in $received) {
            @($request.headers.PSObject.Properties | Where-Object { $_.Name -eq 'authorization' }) | Should -HaveCount 0
        }
    }

    It 'Save-HitlJobFile refuses to overwrite without -Force' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/same.png'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'
        $null = [System.IO.Directory]::CreateDirectory($folder)
        $existing = [System.IO.Path]::Combine($folder, $jobId + '_same.png')
        [System.IO.File]::WriteAllText($existing, 'keep me')

        $first = @(Save-HitlJobFile -ProjectId $projectId -JobId $jobId -Path $folder -ErrorVariable firstErrors -ErrorAction SilentlyContinue)
        $second = @(Save-HitlJobFile -ProjectId $projectId -JobId $jobId -Path $folder -Force -ErrorVariable secondErrors -ErrorAction SilentlyContinue)

        $errors = @($firstErrors) + @($secondErrors)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        (@($first) + @($second)) | Where-Object { $_ -is [System.IO.FileInfo] } | Should -HaveCount 1
        [System.IO.File]::ReadAllText($existing) | Should -Not -BeExactly 'keep me'
    }

    It 'The README pipeline saves every done job into a folder it creates, under distinct names even when source files share one' {
        # Two cameras, the same frame names: the files must not overwrite each other.
        $urls = 'https://cam-a.example.test/frame_0001.jpg', 'https://cam-b.example.test/frame_0001.jpg', 'https://cam-a.example.test/frame_0002.jpg',
            'https://cam-b.example.test/frame_0002.jpg', 'https://cam-a.example.test/frame_0003.png', 'https://cam-b.example.test/frame_0003.png'
        $ids = foreach ($url in $urls) {
            $id = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl $url
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $id -Status 'done'
            $id
        }
        $results = Join-Path $folder 'results'

        $files = @(Get-HitlJob -ProjectId $projectId -JobId $ids | Wait-HitlJob -Timeout 60 |
                Save-HitlJobFile -Path $results -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        @($saveErrors) | Should -HaveCount 0
        $files | Should -HaveCount 6
        $names = @($files | ForEach-Object { $_.Name } | Sort-Object)
        $expected = @(for ($i = 0; $i -lt 6; $i++) { $ids[$i] + '_' + ([uri]$urls[$i]).Segments[-1] }) | Sort-Object
        $names | Should -Be $expected
        @(Get-ChildItem -Path $results -File | ForEach-Object { $_.Name } | Sort-Object) | Should -Be $expected
    }

    It 'Save-HitlJobFile reports a job that is not done and downloads nothing' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/pending.png'

        $files = @(Get-HitlJob -ProjectId $projectId -JobId $jobId | Save-HitlJobFile -Path $folder -ErrorVariable saveErrors -ErrorAction SilentlyContinue)

        $files | Should -HaveCount 0
        $saveErrors | Should -HaveCount 1
        $saveErrors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        $saveErrors[0].Exception.Message | Should -BeLike "*'new', not 'done'*"
        $saveErrors[0].TargetObject | Should -BeExactly $jobId
        @(Get-EmulatorRequest -Account $account | Where-Object { $_.path -like '/v1/files/*' }) | Should -HaveCount 0
        [System.IO.Directory]::Exists($folder) | Should -BeFalse
    }

    It 'ConvertFrom-HitlWebhook reads a body string a WebhookData object and WebhookData JSON' {
        $body = '{"project_id":"p1","job_id":"j1","status":"done","create_date":"2026-11-20T10:00:00",' +
            '"finish_date":"2026-11-20T10:05:00+00:00","annotations":{"label":"dog"},"image":"https://api.example.test/img.png"}'
        $webhookData = ConvertTo-Json -InputObject ([ordered]@{ WebhookName = 'hitl'; RequestBody = $body; RequestHeader = @{} }) -Compress

        $fromText = @(ConvertFrom-HitlWebhook -Body $body -ErrorVariable textErrors -ErrorAction SilentlyContinue)
        $fromObject = @([pscustomobject]@{ WebhookName = 'hitl'; RequestBody = $body } |
                ConvertFrom-HitlWebhook -ErrorVariable objectErrors -ErrorAction SilentlyContinue)
        $fromJson = @(ConvertFrom-HitlWebhook -Body $webhookData -ErrorVariable jsonErrors -ErrorAction SilentlyContinue)
        $label = (ConvertFrom-HitlWebhook $body).Annotations.label

        (@($textErrors) + @($objectErrors) + @($jsonErrors)) | Should -HaveCount 0
        $jobs = @($fromText) + @($fromObject) + @($fromJson)
        $jobs | Should -HaveCount 3
        foreach ($job in $jobs) {
            $job | Should -BeOfType ([LabelOps.HitlJob])
            $job.JobId | Should -BeExactly 'j1'
        }
        $jobs[0].CreateDate.UtcTicks | Should -Be ([DateTimeOffset]::new(2026, 11, 20, 10, 0, 0, [TimeSpan]::Zero)).UtcTicks
        $label | Should -BeExactly 'dog'
    }

    It 'ConvertFrom-HitlWebhook reports a body that is not a job as InvalidArgument' {
        $null = ConvertFrom-HitlWebhook -Body 'not json' -ErrorVariable notJsonErrors -ErrorAction SilentlyContinue
        $null = ConvertFrom-HitlWebhook -Body '{"status":"done"}' -ErrorVariable notJobErrors -ErrorAction SilentlyContinue

        $errors = @($notJsonErrors) + @($notJobErrors)
        $errors | Should -HaveCount 2
        foreach ($id in Get-ErrorId $errors) {
            $id | Should -BeExactly 'LabelOps.InvalidArgument'
        }
    }
}

Describe 'Secrets in HITL output' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-tests-' + [guid]::NewGuid().ToString('N'))
    }

    AfterEach {
        Disconnect-Hitl
        if ([System.IO.Directory]::Exists($folder)) {
            [System.IO.Directory]::Delete($folder, $true)
        }
    }

    It 'The key appears in no stream of a full scenario with -Verbose and -Debug' {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Secrets' -Status 'active'
        $done = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $done -Status 'done'
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*' -Status 503 -RetryAfter '0'
        $null = [System.IO.Directory]::CreateDirectory($folder)
        # Every stream, including Debug and Progress, is read from a runspace of its own (Invoke-InTestRunspace).
        # The files are saved into a fresh folder rather than the temp folder itself.
        $script = @'
$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'
$s = Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -PassThru -Verbose -Debug
$s; $s.ToString(); Get-HitlSession
$s | Get-Member | ForEach-Object { $_.Name + '=' + ($s.($_.Name)) }
New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.png -Verbose -Debug
New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.gif -Verbose -Debug
Get-HitlJob -ProjectId $p -Verbose -Debug
Get-HitlJob -ProjectId $p -JobId nope -Verbose -Debug
Get-HitlJob -ProjectId $p -JobId $done | Save-HitlJobFile -Path $Folder -Force -Verbose -Debug
Test-HitlConnection -Session $WrongSession -Verbose -Debug
Connect-Hitl -ApiKey $WrongKey -BaseUri $BaseUri -Verbose -Debug
'@
        if ($PSVersionTable.PSVersion.Major -lt 6) {
            # Windows PowerShell turns -Debug into 'Inquire', which would prompt; $DebugPreference = 'Continue' above
            # still writes every debug message.
            $script = $script.Replace(' -Debug', '')
        }
        $runspace = New-TestRunspace -Variables @{
            ApiKey   = $account.ApiKey
            BaseUri  = $emulator.BaseUri
            WrongKey = ConvertTo-TestSecureString ($account.PlainKey + '-wrong')
            WrongSession = New-UnconnectedSession -Service Hitl -ApiKey (ConvertTo-TestSecureString ($account.PlainKey + '-wrong')) -BaseUri $emulator.BaseUri
            p        = $projectId
            done     = $done
            Folder   = $folder
        }
        try {
            $result = Invoke-InTestRunspace -Runspace $runspace -Script $script
        }
        finally {
            $runspace.Dispose()
        }

        $result.Verbose | Should -Not -HaveCount 0
        $result.Debug | Should -Not -HaveCount 0
        $result.Errors | Should -Not -HaveCount 0
        Get-ErrorId $result.Errors | Should -Contain 'LabelOps.Unauthorized'
        $leaks = @(Get-StreamText -Result $result | Where-Object { $_.Contains($account.PlainKey) })
        $leaks | Should -HaveCount 0
    }

    It 'Debug output shows request bodies but masks webhook header values' {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Hooks' -Status 'active'
        $script = "New-HitlJob -ProjectId `$p -FileUrl https://files.example.test/a.png -WebhookUrl https://hooks.example.test/x " +
            "-WebhookHeader @{ Authorization = 'Bearer hook-secret-42' } -Debug"
        if ($PSVersionTable.PSVersion.Major -lt 6) {
            # Windows PowerShell turns -Debug into 'Inquire', which would prompt; the preference writes the same messages.
            $script = "`$DebugPreference = 'Continue'`n" + $script.Replace(' -Debug', '')
        }
        # The debug stream is read from a runspace of its own (Invoke-InTestRunspace), connected first with the log cleared.
        $runspace = New-TestRunspace -Variables @{ ApiKey = $account.ApiKey; BaseUri = $emulator.BaseUri; p = $projectId }
        try {
            $null = Invoke-InTestRunspace -Runspace $runspace -ThrowOnError `
                -Script 'Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3'
            Clear-EmulatorRequest -Account $account
            $result = Invoke-InTestRunspace -Runspace $runspace -Script $script
        }
        finally {
            $runspace.Dispose()
        }

        $result.Errors | Should -HaveCount 0
        $bodies = @($result.Debug | Where-Object { $_.StartsWith('Request body:') -and $_.Contains('https://hooks.example.test/x') })
        $bodies | Should -Not -HaveCount 0
        $leaks = @(Get-StreamText -Result $result | Where-Object { $_.Contains('hook-secret-42') })
        $leaks | Should -HaveCount 0
        # The service still gets the header value.
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 1
        $posts[0].body | Should -BeLikeExactly '*hook-secret-42*'
    }
}

Describe 'Sessions from environment variables' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $savedEnvironment = Get-HitlEnvironment
    }

    AfterEach {
        Set-HitlEnvironment $savedEnvironment
        # A session made from the environment stays as this runspace's default until dropped.
        Disconnect-Hitl
    }

    It 'Without Connect-Hitl a cmdlet uses HITL_API_KEY and HITL_BASE_URI' {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'From env' -Status 'inactive'
        Set-HitlEnvironment @{ HITL_API_KEY = $account.PlainKey; HITL_BASE_URI = $emulator.BaseUri.AbsoluteUri }

        $projects = @(Get-HitlProject -ProjectId $projectId)

        $projects | Should -HaveCount 1
        $projects[0].Status | Should -BeExactly 'inactive'
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].headers.authorization | Should -BeExactly ('api_key ' + $account.PlainKey)
    }

    It 'Connect-Hitl without a key reads HITL_API_KEY' {
        Set-HitlEnvironment @{ HITL_API_KEY = $account.PlainKey; HITL_BASE_URI = $null }

        $sessions = @(Connect-Hitl -BaseUri $emulator.BaseUri -PassThru)

        $sessions | Should -HaveCount 1
        $sessions[0] | Should -BeOfType ([LabelOps.HitlSession])
    }

    It 'Without a session or HITL_API_KEY a cmdlet fails with NotConnected naming Connect-Hitl' {
        Set-HitlEnvironment @{ HITL_API_KEY = $null; HITL_BASE_URI = $null }

        # The missing session is found before any item is processed, so the error stops the statement.
        $thrown = { Get-HitlJob -ProjectId p } | Should -Throw -ErrorId 'LabelOps.NotConnected*' -PassThru

        $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
        $thrown.Exception.Message | Should -BeLikeExactly '*Connect-Hitl*'
        $thrown.Exception.Message | Should -BeLikeExactly '*HITL_API_KEY*'
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
    }
}
