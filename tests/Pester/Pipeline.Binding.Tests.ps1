# What pipes into what: a project into its task listing, a task into a by-id read, and plain ID strings into the
# HITL job cmdlets, without a piped object being misread as another kind of input.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Pipeline binding' {
    BeforeEach {
        Disconnect-Hitl
        Disconnect-Ango
        $account = New-EmulatorAccount
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 3
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 3
    }

    AfterEach {
        Disconnect-Hitl
        Disconnect-Ango
    }

    It 'A piped Ango project lists its tasks and a piped task is read by id' {
        $first = New-EmulatorAngoProject -Account $account -Name 'First'
        $second = New-EmulatorAngoProject -Account $account -Name 'Second'
        $firstTasks = @(Add-EmulatorAngoAsset -Account $account -ProjectId $first -Count 3)
        $secondTasks = @(Add-EmulatorAngoAsset -Account $account -ProjectId $second -Count 2)

        $listed = @(Get-AngoProject -ProjectId $first | Get-AngoTask -ErrorVariable listErrors -ErrorAction SilentlyContinue)
        $everything = @(Get-AngoProject | Get-AngoTask -ErrorVariable allErrors -ErrorAction SilentlyContinue)
        Clear-EmulatorRequest -Account $account
        $reread = @($listed | Get-AngoTask -ErrorVariable rereadErrors -ErrorAction SilentlyContinue)

        (@($listErrors) + @($allErrors) + @($rereadErrors)) | Should -HaveCount 0
        @($listed | ForEach-Object { $_.TaskId } | Sort-Object) | Should -Be @($firstTasks | Sort-Object)
        @($everything | ForEach-Object { $_.TaskId } | Sort-Object) | Should -Be @(($firstTasks + $secondTasks) | Sort-Object)
        @($reread | ForEach-Object { $_.TaskId } | Sort-Object) | Should -Be @($firstTasks | Sort-Object)
        $reads = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/task/')
        @($reads | ForEach-Object { ([string]$_.path).Substring('/v2/task/'.Length) } | Sort-Object) | Should -Be @($firstTasks | Sort-Object)
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix ('/v2/project/' + $first + '/tasks')) | Should -HaveCount 0
    }

    It 'Job id strings pipe into Stop-HitlJob and Wait-HitlJob, and a piped project still lists its jobs' {
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Ids' -Status 'active'
        $ids = @(1..3 | ForEach-Object { New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl "https://files.example.test/$_.png" })
        $file = Join-Path $TestDrive 'ids.txt'
        Set-Content -Path $file -Value $ids

        Get-Content -Path $file | Stop-HitlJob -ProjectId $projectId -Confirm:$false -ErrorVariable stopErrors -ErrorAction SilentlyContinue
        $waited = @(Get-Content -Path $file | Wait-HitlJob -ProjectId $projectId -Timeout 60 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)
        $listed = @(Get-HitlProject -ProjectId $projectId | Get-HitlJob -ErrorVariable listErrors -ErrorAction SilentlyContinue)

        (@($stopErrors) + @($waitErrors) + @($listErrors)) | Should -HaveCount 0
        foreach ($id in $ids) {
            (Get-EmulatorHitlJob -Account $account -ProjectId $projectId -JobId $id).status | Should -BeExactly 'canceled'
        }
        @($waited | ForEach-Object { $_.JobId } | Sort-Object) | Should -Be @($ids | Sort-Object)
        $waited | ForEach-Object { $_.Status | Should -BeExactly 'canceled' }
        @($listed | ForEach-Object { $_.JobId } | Sort-Object) | Should -Be @($ids | Sort-Object)
    }
}
