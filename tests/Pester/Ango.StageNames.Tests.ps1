# One meaning of Stage on every Ango object: Stage is the stage's name (what the tables show and what -Stage takes),
# StageId its id (what the service sends).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Stage and StageId' {
    BeforeEach {
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 3
        $projectId = New-EmulatorAngoTaskWorkflowProject -Account $account
        $taskIds = @(Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3)
    }

    AfterEach {
        Disconnect-Ango
    }

    It 'Stage is the name on tasks, export records and move results, and StageId the id' {
        $tasks = @(Get-AngoTask -ProjectId $projectId)
        $records = @(Export-AngoAnnotation -ProjectId $projectId)
        $move = Move-AngoTask -ProjectId $projectId -TaskId $taskIds[0] -ToStage Review -Confirm:$false

        @($tasks | Where-Object Stage -eq 'Label') | Should -HaveCount 3
        $tasks | ForEach-Object { $_.StageId | Should -BeExactly 'st-label' }
        $table = $tasks | Format-Table | Out-String
        $table | Should -Match '\bLabel\b'
        $table | Should -Not -Match 'st-label'
        @($records | Where-Object Stage -eq 'Label') | Should -HaveCount 3
        $records | ForEach-Object { $_.StageId | Should -BeExactly 'st-label' }
        $move.ToStage | Should -BeExactly 'Review'
        $move.ToStageId | Should -BeExactly 'st-review'
        (Get-AngoTask -ProjectId $projectId -TaskId $taskIds[0]).Stage | Should -BeExactly 'Review'
    }
}
