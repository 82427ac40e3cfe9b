# HITL jobs: New-HitlJob (from parameters, piped rows and Import-Csv), Get-HitlJob and Stop-HitlJob, and many creates
# and cancellations side by side (-ThrottleLimit), against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'New-HitlJob' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Jobs' -Status 'active'
        # Connect with millisecond retries, then forget the health check in the log.
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'New-HitlJob sends the documented snake_case body and returns a typed job' {
        $parameters = @{
            ProjectId         = $projectId
            FileUrl           = @('https://files.example.test/a.png', 'https://files.example.test/b.JPG')
            Prediction        = @{ objects = @(@{ label = 'car'; points = @(1, 2) }) }
            WebhookUrl        = 'https://hooks.example.test/done'
            WebhookHeader     = @{ 'X-Token' = 'abc' }
            ExpirationMinutes = 60
        }

        $jobs = @(New-HitlJob @parameters -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 0
        $jobs | Should -HaveCount 1
        $job = $jobs[0]
        $job | Should -BeOfType ([LabelOps.HitlJob])
        $job.ProjectId | Should -BeExactly $projectId
        $job.Status | Should -BeExactly 'new'
        ($job.FileUrl -join '|') | Should -BeExactly 'https://files.example.test/a.png|https://files.example.test/b.JPG'
        Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $job.JobId | Should -Not -BeNullOrEmpty

        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 1
        $body = $posts[0].body | ConvertFrom-Json
        $body.project_id | Should -BeExactly $projectId
        $body.file_urls | Should -HaveCount 2
        $body.predictions.objects[0].label | Should -BeExactly 'car'
        $body.predictions.objects[0].points[1] | Should -Be 2
        $body.webhook_url | Should -BeExactly 'https://hooks.example.test/done'
        $body.webhook_headers.'X-Token' | Should -BeExactly 'abc'
        $body.expiration_minutes | Should -Be 60
    }

    It 'Rows from Import-Csv create one job each by property name' {
        # The real Import-Csv reads the rows from a file.
        $csv = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-jobs-' + [guid]::NewGuid().ToString('N') + '.csv')
        [System.IO.File]::WriteAllLines($csv, [string[]]@(
                'ProjectId,FileUrl,ExpirationMinutes'
                ('"{0}","https://files.example.test/1.png","30"' -f $projectId)
                ('"{0}","https://files.example.test/2.png;https://files.example.test/2b.pdf","45"' -f $projectId)
            ))
        try {
            $rows = @(Import-Csv -LiteralPath $csv)
            $jobs = @($rows | New-HitlJob -ErrorVariable err -ErrorAction SilentlyContinue)
        }
        finally {
            [System.IO.File]::Delete($csv)
        }

        $err | Should -HaveCount 0
        $jobs | Should -HaveCount 2
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 2
        # Creates run concurrently, so the requests may arrive in either order; the output keeps the input order.
        $second = @($posts | ForEach-Object { $_.body | ConvertFrom-Json } | Where-Object { @($_.file_urls).Count -eq 2 })
        $second | Should -HaveCount 1
        $second[0].expiration_minutes | Should -Be 45
        (@($jobs | ForEach-Object { @($_.FileUrl).Count }) -join ',') | Should -BeExactly '1,2'
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 2
    }

    It 'New-HitlJob rejects bad file urls without sending and the pipeline goes on (<BadUrl>)' -ForEach @(
        @{ BadUrl = 'https://files.example.test/a.gif'; ExpectedText = '.gif' }
        @{ BadUrl = 'files/a.png'; ExpectedText = 'not an absolute' }
        @{ BadUrl = 'ftp://files.example.test/a.png'; ExpectedText = 'not an absolute' }
        @{ BadUrl = 'https://files.example.test/noextension'; ExpectedText = 'no extension' }
        @{ BadUrl = '  '; ExpectedText = 'at least one' }
    ) {
        $rows = @(
            [pscustomobject]@{ ProjectId = $projectId; FileUrl = $BadUrl }
            [pscustomobject]@{ ProjectId = $projectId; FileUrl = 'https://files.example.test/ok.png' }
        )

        $jobs = @($rows | New-HitlJob -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $err[0].Exception.Message | Should -BeLikeExactly ('*' + $ExpectedText + '*')
        $jobs | Should -HaveCount 1
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 1
    }

    It 'New-HitlJob rejects expiration outside 1 to 1440 minutes before sending (<Minutes>)' -ForEach @(
        @{ Minutes = 0 }
        @{ Minutes = 1441 }
    ) {
        # The range is checked per input, not by parameter validation, so one bad CSV row does not stop the others:
        # the error is non-terminating and is collected.
        $null = New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -ExpirationMinutes $Minutes `
            -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $err[0].Exception.Message | Should -BeLikeExactly '*ExpirationMinutes must be between 1 and 1440*'
        Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs' | Should -HaveCount 0
    }

    It 'Empty CSV cells for optional columns mean not given' {
        $row = [pscustomobject]@{
            ProjectId         = $projectId
            FileUrl           = 'https://files.example.test/a.png'
            ExpirationMinutes = ''
            Prediction        = ''
            WebhookUrl        = ' '
        }

        $null = $row | New-HitlJob -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 1
        $sent = @(($posts[0].body | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $_.Name })
        $sent | Should -Not -Contain 'expiration_minutes'
        $sent | Should -Not -Contain 'predictions'
        $sent | Should -Not -Contain 'webhook_url'
    }

    It 'New-HitlJob with -WhatIf sends nothing' {
        $output = @(New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -WhatIf)

        $output | Should -HaveCount 0
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
        # HitlStore.JobCount: this account has no other project.
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 0
    }

    It 'New-HitlJob reports the services refusal for an inactive project as InvalidArgument' {
        $inactive = New-EmulatorHitlProject -Account $account -Name 'Sleeping' -Status 'new'

        $null = New-HitlJob -ProjectId $inactive -FileUrl 'https://files.example.test/a.png' -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $err[0].Exception.Message | Should -BeLikeExactly '*not active*'
        $err[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
    }

    It 'A Prediction given as JSON text is sent as JSON not as a string' {
        $null = New-HitlJob -ProjectId $projectId -FileUrl 'https://files.example.test/a.png' -Prediction '{"boxes":[{"x":1.5}]}'

        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 1
        $body = $posts[0].body | ConvertFrom-Json
        $body.predictions | Should -Not -BeOfType ([string])
        $body.predictions.boxes[0].x | Should -Be 1.5
    }
}

Describe 'Get-HitlJob and Stop-HitlJob' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Jobs' -Status 'active'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'Get-HitlJob returns a typed job whose annotations work with dot notation' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl 'https://files.example.test/cat.png'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'progress'
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done' `
            -Annotations @{ objects = @(@{ label = 'cat'; score = 0.9 }) }

        $jobs = @(Get-HitlJob -ProjectId $projectId -JobId $jobId -ErrorVariable err -ErrorAction SilentlyContinue)
        $j = $jobs[0]
        $label = $j.Annotations.objects[0].label
        $score = $j.Annotations.Objects[0].score

        $err | Should -HaveCount 0
        $jobs | Should -HaveCount 1
        $j | Should -BeOfType ([LabelOps.HitlJob])
        $j.Status | Should -BeExactly 'done'
        $j.CreateDate | Should -Not -BeNullOrEmpty
        $j.StartDate | Should -Not -BeNullOrEmpty
        $j.FinishDate | Should -Not -BeNullOrEmpty
        ($j.FinishDate -ge $j.StartDate) | Should -BeTrue
        $j.ImageUrl | Should -BeLikeExactly '*/v1/files/*'
        $j.PSObject.TypeNames | Should -Contain 'LabelOps.HitlJob'
        $label | Should -BeExactly 'cat'
        $score | Should -Be 0.9
    }

    It 'Get-HitlJob without -JobId reads the whole project in one bulk request and filters by -Status' {
        $a = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $b = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $c = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $b -Status 'progress'

        $jobs = @(Get-HitlJob -ProjectId $projectId -Status new)

        (@($jobs | ForEach-Object { $_.JobId } | Sort-Object) -join ',') | Should -BeExactly (@($a, $c | Sort-Object) -join ',')
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly ('/v1/jobs/' + $projectId)
    }

    It 'One missing job among several is one NotFound error and the others are still returned' {
        $a = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $b = New-EmulatorHitlJob -Account $account -ProjectId $projectId

        $jobs = @(Get-HitlJob -ProjectId $projectId -JobId @($a, 'missing-job', $b) -ErrorVariable err -ErrorAction SilentlyContinue)

        (@($jobs | ForEach-Object { $_.JobId }) -join ',') | Should -BeExactly ($a + ',' + $b)
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $err[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        $err[0].TargetObject | Should -BeExactly 'missing-job'
        $err[0].Exception | Should -BeOfType ([LabelOps.LabelOpsException])
        $err[0].Exception.StatusCode | Should -Be 404
        $err[0].Exception.Method | Should -BeExactly 'GET'
        $err[0].Exception.ServiceMessage | Should -BeLikeExactly '*Job not found*'
    }

    It 'Jobs piped from Get-HitlJob through Where-Object are cancelled by Stop-HitlJob' {
        $fresh = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        $working = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $working -Status 'progress'
        $fresh2 = New-EmulatorHitlJob -Account $account -ProjectId $projectId

        $output = @(Get-HitlJob -ProjectId $projectId -ErrorVariable getErrors -ErrorAction SilentlyContinue |
                Where-Object Status -eq new |
                Stop-HitlJob -Confirm:$false -ErrorVariable stopErrors -ErrorAction SilentlyContinue)

        (@($getErrors) + @($stopErrors)) | Should -HaveCount 0
        $output | Should -HaveCount 0
        (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $fresh).status | Should -BeExactly 'canceled'
        (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $fresh2).status | Should -BeExactly 'canceled'
        (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $working).status | Should -BeExactly 'progress'
        $deleted = @(Get-EmulatorRequest -Account $account -Method 'DELETE' -PathPrefix '/v1/jobs/' |
                ForEach-Object { ($_.path -split '/')[-1] } | Sort-Object)
        ($deleted -join ',') | Should -BeExactly (@($fresh, $fresh2 | Sort-Object) -join ',')
    }

    It 'Stop-HitlJob with -WhatIf sends no request' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId

        $null = Stop-HitlJob -ProjectId $projectId -JobId $jobId -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 0
        Get-EmulatorRequest -Account $account | Should -HaveCount 0
        (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $jobId).status | Should -BeExactly 'new'
    }

    It 'Stop-HitlJob -PassThru writes the canceled job from the services list reply' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId

        $canceled = @(Stop-HitlJob -ProjectId $projectId -JobId $jobId -PassThru -Confirm:$false)

        $canceled | Should -HaveCount 1
        $canceled[0] | Should -BeOfType ([LabelOps.HitlJob])
        $canceled[0].JobId | Should -BeExactly $jobId
        $canceled[0].Status | Should -BeExactly 'canceled'
        $canceled[0].FinishDate | Should -Not -BeNullOrEmpty
    }

    It 'Cancelling a finished job is an InvalidOperation error naming its status' {
        $jobId = New-EmulatorHitlJob -Account $account -ProjectId $projectId
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobId -Status 'done'

        $null = Stop-HitlJob -ProjectId $projectId -JobId $jobId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidOperation*'
        $err[0].Exception.Message | Should -BeLikeExactly "*'done'*"
        $err[0].TargetObject | Should -BeExactly $jobId
    }

    It 'Project ids with slashes or dots are escaped into one path segment never a different route' {
        $null = Get-HitlJob -ProjectId '../projects/x' -JobId 'a?b#c' -ErrorVariable err -ErrorAction SilentlyContinue

        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        # The server decodes everything but '/', so the job ID arrives whole, and '?' and '#' never became a query or fragment.
        $requests[0].path | Should -BeExactly '/v1/jobs/..%2Fprojects%2Fx/a?b#c'
        $requests[0].queryString | Should -BeExactly ''
    }
}

Describe 'Concurrent creates and cancellations' {
    BeforeEach {
        Disconnect-Hitl
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Bulk' -Status 'active'
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Clear-EmulatorRequest -Account $account
    }

    AfterEach {
        Disconnect-Hitl
    }

    It 'New-HitlJob keeps -ThrottleLimit creates in flight and writes jobs in input order' {
        # Every create takes 300 ms at the service; the first is slowest, so completion order differs from input order.
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -DelayMs 900
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -DelayMs 300 -Times 7
        $urls = @(0..7 | ForEach-Object { 'https://files.example.test/img-' + $_ + '.png' })

        $jobs = @($urls | ForEach-Object { [pscustomobject]@{ ProjectId = $projectId; FileUrl = $_ } } |
                New-HitlJob -ThrottleLimit 4 -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 0
        foreach ($job in $jobs) {
            $job.FileUrl | Should -HaveCount 1
        }
        (@($jobs | ForEach-Object { $_.FileUrl[0] }) -join ',') | Should -BeExactly ($urls -join ',')
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 8
        # Four were sent at once: the first four arrived before any 300 ms answer could have come back...
        ($posts[3].ReceivedAtUtc - $posts[0].ReceivedAtUtc).TotalMilliseconds | Should -BeLessThan 250 -Because 'the first four creates should be concurrent'
        # ...and never more than four: the fifth waited for a slot.
        ($posts[4].ReceivedAtUtc - $posts[0].ReceivedAtUtc).TotalMilliseconds | Should -BeGreaterOrEqual 250 -Because 'no more than -ThrottleLimit creates should be in flight'
        # HitlStore.JobCount: this account has no other project.
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 8
    }

    It 'One slow create does not hold back the others and output stays in input order' {
        # The first create takes 1.5 s, the other five 100 ms: with two slots, the second slot serves all five.
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -DelayMs 1500
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v1/jobs' -DelayMs 100 -Times 5
        $urls = @(0..5 | ForEach-Object { 'https://files.example.test/slow-' + $_ + '.png' })

        $jobs = @($urls | ForEach-Object { [pscustomobject]@{ ProjectId = $projectId; FileUrl = $_ } } |
                New-HitlJob -ThrottleLimit 2 -ErrorVariable err -ErrorAction SilentlyContinue)

        $err | Should -HaveCount 0
        (@($jobs | ForEach-Object { $_.FileUrl[0] }) -join ',') | Should -BeExactly ($urls -join ',')
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v1/jobs')
        $posts | Should -HaveCount 6
        ($posts[5].ReceivedAtUtc - $posts[0].ReceivedAtUtc).TotalMilliseconds | Should -BeLessThan 1400 -Because 'a slow create should not hold back the others'
    }

    It 'A failed item among concurrent creates is one error in its place and the rest are created' {
        $rows = @('https://files.example.test/a.png', 'https://files.example.test/bad.gif', 'https://files.example.test/c.png') |
            ForEach-Object { [pscustomobject]@{ ProjectId = $projectId; FileUrl = $_ } }

        $jobs = @($rows | New-HitlJob -ThrottleLimit 3 -ErrorVariable err -ErrorAction SilentlyContinue)

        $jobs | Should -HaveCount 2
        $err | Should -HaveCount 1
        [string]$err[0].TargetObject | Should -BeLikeExactly '*bad.gif*'
        Get-EmulatorHitlJobList -Account $account -ProjectId $projectId | Should -HaveCount 2
    }

    It 'Stop-HitlJob cancels many jobs concurrently and reports each finished one as an error' {
        $jobIds = @(1..10 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId })
        Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $jobIds[5] -Status 'done'

        $canceled = @(Get-HitlJob -ProjectId $projectId -ErrorVariable getErrors -ErrorAction SilentlyContinue |
                Stop-HitlJob -PassThru -Confirm:$false -ThrottleLimit 5 -ErrorVariable stopErrors -ErrorAction SilentlyContinue)

        $canceled | Should -HaveCount 9
        foreach ($job in $canceled) {
            $job.Status | Should -BeExactly 'canceled'
        }
        $errors = @($getErrors) + @($stopErrors)
        $errors | Should -HaveCount 1
        $errors[0].TargetObject | Should -BeExactly $jobIds[5]
    }
}
