# Write-Progress of the long-running cmdlets, read from the Progress stream of a runspace of its own
# (Invoke-InTestRunspace), and silence under $ProgressPreference = 'SilentlyContinue'.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $angoUri = [Uri]::new([Uri]$emulator.BaseUri, 'v2/')
}

Describe 'Ango progress' {
    BeforeEach {
        $account = New-EmulatorAccount
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('labelops-progress-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'a.jpg'), [byte[]]::new(300))
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'b.jpg'), [byte[]]::new(500))
        $runspace = New-TestRunspace -Variables @{ ApiKey = $account.ApiKey; AngoUri = $angoUri; dir = $folder }
        $null = Invoke-InTestRunspace -Runspace $runspace -ThrowOnError -Script @'
Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 3
$p = (New-AngoProject -Name 'Progress' -Confirm:$false).ProjectId
'@
        $projectId = $runspace.SessionStateProxy.GetVariable('p')
    }

    AfterEach {
        $runspace.Dispose()
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'An upload reports files and bytes, then the registration; a paged list reports how many of the known total it has read' {
        $result = Invoke-InTestRunspace -Runspace $runspace -Script @'
$null = Add-AngoAsset -ProjectId $p -Path ($dir + '/*.jpg') -Confirm:$false
$null = Get-AngoTask -ProjectId $p
'@
        $result.Errors | Should -HaveCount 0
        $upload = @($result.Progress | Where-Object { $_.Activity -eq 'Uploading files to Ango' })
        # Uploads run side by side, so the first file reported is whichever started first.
        @($upload | Where-Object { $_.StatusDescription -eq '0 of 2 files, 0 bytes uploaded' -and $_.CurrentOperation -match '^[ab]\.jpg \(\d+ bytes\)$' }) | Should -HaveCount 1
        $upload[-1].RecordType | Should -Be 'Completed'
        @($result.Progress | Where-Object { $_.StatusDescription -eq 'Request 1 of 1 (2 assets)' }) | Should -HaveCount 1
        $list = @($result.Progress | Where-Object { $_.Activity -eq ('Reading Ango tasks of project ' + $projectId) })
        @($list | Where-Object { $_.StatusDescription -eq '1 of 2' -and $_.PercentComplete -eq 50 }) | Should -HaveCount 1
        $list[-1].RecordType | Should -Be 'Completed'
    }

    It 'An export reports the download and completes' {
        $null = Invoke-InTestRunspace -Runspace $runspace -ThrowOnError -Script '$null = Add-AngoAsset -ProjectId $p -Path ($dir + "/a.jpg") -Confirm:$false'
        $result = Invoke-InTestRunspace -Runspace $runspace -Script '$null = Export-AngoAnnotation -ProjectId $p'
        $result.Errors | Should -HaveCount 0
        $export = @($result.Progress | Where-Object { $_.Activity -eq ('Exporting Ango project ' + $projectId) })
        @($export | Where-Object { $_.StatusDescription -like '* KB downloaded' }).Count | Should -BeGreaterThan 0
        $export[-1].RecordType | Should -Be 'Completed'
    }

    It 'Nothing is written to the progress stream under SilentlyContinue' {
        $result = Invoke-InTestRunspace -Runspace $runspace -Script @'
$ProgressPreference = 'SilentlyContinue'
$null = Add-AngoAsset -ProjectId $p -Path ($dir + '/*.jpg') -Confirm:$false
$null = Get-AngoTask -ProjectId $p
$null = Export-AngoAnnotation -ProjectId $p
'@
        $result.Errors | Should -HaveCount 0
        $result.Progress | Should -HaveCount 0
    }
}

Describe 'HITL progress' {
    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Progress' -Status 'active'
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('labelops-progress-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $runspace = New-TestRunspace -Variables @{ ApiKey = $account.ApiKey; BaseUri = $emulator.BaseUri; ProjectId = $projectId; Folder = $folder }
        $null = Invoke-InTestRunspace -Runspace $runspace -ThrowOnError -Script 'Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3'
        foreach ($name in 'one', 'two') {
            $job = New-EmulatorHitlJob -Account $account -ProjectId $projectId -FileUrl "https://files.example.test/$name.png"
            Set-EmulatorHitlJobStatus -Account $account -ProjectId $projectId -JobId $job -Status 'done'
        }
    }

    AfterEach {
        $runspace.Dispose()
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'Waiting reports how many jobs have finished, and saving a file reports its bytes' {
        $result = Invoke-InTestRunspace -Runspace $runspace -Script '$null = Get-HitlJob -ProjectId $ProjectId | Wait-HitlJob -PollInterval 0.01 | Save-HitlJobFile -Path $Folder'
        $result.Errors | Should -HaveCount 0
        @($result.Progress | Where-Object { $_.Activity -eq 'Waiting for HITL jobs' -and $_.StatusDescription -eq '2 of 2 finished' -and $_.RecordType -eq 'Completed' }) | Should -HaveCount 1
        @($result.Progress | Where-Object { $_.Activity -eq 'Saving HITL job file' -and $_.RecordType -eq 'Completed' }) | Should -HaveCount 2
    }

    It 'Waiting writes no progress under SilentlyContinue' {
        $result = Invoke-InTestRunspace -Runspace $runspace -Script "`$ProgressPreference = 'SilentlyContinue'`n`$null = Get-HitlJob -ProjectId `$ProjectId | Wait-HitlJob -PollInterval 0.01"
        $result.Errors | Should -HaveCount 0
        $result.Progress | Should -HaveCount 0
    }
}
