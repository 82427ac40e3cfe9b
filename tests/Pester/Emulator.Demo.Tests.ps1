# The try-out path: the standalone emulator's demo account (src/LabelOps.Emulator/Accounts/DemoAccount.cs), the start
# banner, and the two samples run with pwsh against it. The test emulator is the standalone program, so it holds
# the demo account (key labelops-demo-key) beside the accounts the other tests make.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $demoKey = 'labelops-demo-key'
    $angoUri = $emulator.BaseUri.AbsoluteUri + 'v2/'
    $demoProjectName = 'Street scenes (Ango demo)'

    function Invoke-Sample {
        # Runs a sample in a child pwsh with no key, no service address and no project set, only the address of
        # the test emulator in place of the default http://127.0.0.1:5080 (the key and project are the sample's
        # defaults for the demo account); returns its output lines and exit code.
        param([string] $Name, [hashtable] $Environment)
        $saved = @{}
        foreach ($variable in $Environment.Keys) {
            $saved[$variable] = [Environment]::GetEnvironmentVariable($variable)
            [Environment]::SetEnvironmentVariable($variable, $Environment[$variable])
        }
        try {
            $script = [System.IO.Path]::Combine((Get-RepositoryRoot), 'samples', $Name)
            $lines = @(& (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File $script 2>&1 | ForEach-Object { "$_" })
            [pscustomobject]@{ Lines = $lines; ExitCode = $LASTEXITCODE; Text = ($lines -join "`n") }
        }
        finally {
            foreach ($variable in $saved.Keys) { [Environment]::SetEnvironmentVariable($variable, $saved[$variable]) }
        }
    }
}

Describe 'The emulator demo account' {
    BeforeEach {
        Disconnect-Ango
        Connect-Ango -BaseUri $angoUri -ApiKey (ConvertTo-TestSecureString $demoKey) -RetryInterval 0.01 -MaximumRetryCount 3
        $project = @(Get-AngoProject | Where-Object Name -eq $demoProjectName)[0]
    }

    AfterEach {
        Disconnect-Ango
    }

    It 'holds an Ango project with a Label Review Complete workflow, a schema, batches, a few hundred tasks, issues, a storage and members' {
        $project | Should -Not -BeNullOrEmpty
        $stages = @(Get-AngoWorkflow -ProjectId $project.ProjectId)
        @($stages | ForEach-Object Name) | Should -Be @('Start', 'Label', 'Review', 'Complete')
        $schema = Get-AngoCategorySchema -ProjectId $project.ProjectId
        @($schema.Tools | ForEach-Object Title) | Should -Be @('Car', 'Pedestrian', 'Cyclist')
        @(Get-AngoBatch -ProjectId $project.ProjectId).Count | Should -Be 3

        $tasks = @(Get-AngoTask -ProjectId $project.ProjectId)
        $tasks.Count | Should -BeGreaterOrEqual 300
        $completed = @($tasks | Where-Object Status -eq 'Completed')
        $completed.Count | Should -BeGreaterOrEqual 100
        $withAnswer = Get-AngoTask -ProjectId $project.ProjectId -TaskId $completed[0].TaskId -IncludeAnswer
        @($withAnswer.Answer.objects).Count | Should -BeGreaterThan 0
        @(Get-AngoAsset -ProjectId $project.ProjectId).Count | Should -BeGreaterOrEqual 300

        @(Get-AngoIssue -ProjectId $project.ProjectId).Count | Should -BeGreaterOrEqual 5
        @(Get-AngoStorage).Count | Should -BeGreaterOrEqual 1
        @(Get-AngoOrganizationMember | ForEach-Object Email) | Should -Contain 'ada@example.test'
    }

    It 'advances an assigned Ango task through Label and Review to Complete, recording each stage in its history' {
        $import = Add-AngoAsset -ProjectId $project.ProjectId -Uri 'https://images.example.com/pester/advance-check.jpg'
        $import.AssetsCreated | Should -Be 1
        $task = @(Get-AngoTask -ProjectId $project.ProjectId -Stage Label | Where-Object ExternalId -eq 'advance-check.jpg')[0]
        $task | Set-AngoTaskAssignee -Stage Label -Email 'grace@example.test'

        Wait-Until { (Get-AngoTask -ProjectId $project.ProjectId -TaskId $task.TaskId).Status -eq 'Completed' } -TimeoutSeconds 30

        $done = Get-AngoTask -ProjectId $project.ProjectId -TaskId $task.TaskId -IncludeAnswer
        $done.Stage | Should -BeExactly 'Complete'
        $done.CompletedAt | Should -Not -BeNullOrEmpty
        @($done.Answer.objects).Count | Should -BeGreaterThan 0
        $history = @(Get-AngoTaskHistory -TaskId $task.TaskId)
        @($history | ForEach-Object Stage) | Should -Be @('Label', 'Review')
        $history[0].CompletedBy | Should -BeExactly 'grace@example.test'
    }
}

Describe 'The standalone emulator' {
    It 'prints a Connect-Hitl and a Connect-Ango line (with -BaseUri ending /v2/) in its start banner' {
        # The emulator still holds its log file open.
        $stream = [System.IO.FileStream]::new($emulator.StandardOutput, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        try { $log = [System.IO.StreamReader]::new($stream).ReadToEnd() } finally { $stream.Dispose() }
        $root = $emulator.BaseUri.AbsoluteUri.TrimEnd('/')
        $log | Should -Match ([regex]::Escape("Connect-Hitl -BaseUri $root -ApiKey"))
        $log | Should -Match ([regex]::Escape("Connect-Ango -BaseUri $root/v2/ -ApiKey"))
        $log | Should -Match ([regex]::Escape("'$demoKey'"))
    }

    It 'reports a busy port in one line and exits with 1' {
        $project = [System.IO.Path]::Combine((Get-RepositoryRoot), 'src', 'LabelOps.Emulator')
        $output = @(& dotnet run --project $project --no-build -- --urls $emulator.BaseUri.AbsoluteUri.TrimEnd('/') 2>&1 | ForEach-Object { "$_" } | Where-Object { $_.Trim() })
        $LASTEXITCODE | Should -Be 1
        $output | Should -HaveCount 1
        $output[0] | Should -BeLike '*address already in use*--urls*'
    }
}

Describe 'The samples' {
    It 'samples/ango-quickstart.ps1 runs against the demo account with nothing set but the emulator address' {
        $run = Invoke-Sample -Name 'ango-quickstart.ps1' -Environment @{ ANGO_API_KEY = $null; ANGO_BASE_URI = $null; ANGO_DEMO_PROJECT_ID = $null; LABELOPS_EMULATOR_URI = $emulator.BaseUri.AbsoluteUri }
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Not -Match 'still open after'
        $run.Text | Should -Match 'completed tasks exported'
        $run.Text | Should -Match 'Complete\s+Completed'
    }

    It 'samples/hitl-quickstart.ps1 runs against the demo account with nothing set but the emulator address' {
        $run = Invoke-Sample -Name 'hitl-quickstart.ps1' -Environment @{ HITL_API_KEY = $null; HITL_BASE_URI = $null; HITL_DEMO_PROJECT_ID = $null; LABELOPS_EMULATOR_URI = $emulator.BaseUri.AbsoluteUri }
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Text | Should -Match 'done'
        $run.Text | Should -Match 'connects to your file hosts and webhooks from 203\.0\.113\.10'
    }
}
