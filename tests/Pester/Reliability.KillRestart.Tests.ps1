# Bulk creates that survive being killed (issue 10, "go beyond"): a child pwsh runs a 1,000-item bulk create, is
# killed (a process kill, not Ctrl+C) at three random points, and is run again to the end. The emulator must hold
# every item exactly once and the final run's output must have every item's result. The figures are printed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    $pwsh = Join-Path $PSHOME 'pwsh'
    $manifest = Get-LabelOpsManifestPath

    function Start-Child {
        # Runs -Script in a pwsh process of its own, with the account's key and address in its environment only.
        param([Parameter(Mandatory = $true)][string] $Script, [Parameter(Mandatory = $true)][hashtable] $Environment, [string[]] $Arguments)
        $saved = @{}
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }
        try {
            # Start-Process joins the arguments with spaces and quotes nothing.
            $all = @('-NoProfile', '-NonInteractive', '-File', ('"' + $Script + '"')) + @($Arguments | ForEach-Object { if ($_ -like '-*') { $_ } else { '"' + $_ + '"' } })
            $id = [guid]::NewGuid().ToString('N')
            $process = Start-Process -FilePath $pwsh -ArgumentList $all -PassThru -NoNewWindow `
                -RedirectStandardOutput (Join-Path $TestDrive "$id.out") -RedirectStandardError (Join-Path $TestDrive "$id.err")
            # Where its output goes, so that a run that ended on its own can say why.
            Add-Member -InputObject $process -NotePropertyName OutputFiles -NotePropertyValue @((Join-Path $TestDrive "$id.out"), (Join-Path $TestDrive "$id.err"))
            $process
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function Stop-Child {
        # A process kill: no finally block, no EndProcessing, nothing flushed but what was already on disk.
        param([Parameter(Mandatory = $true)][System.Diagnostics.Process] $Process)
        if (-not $Process.HasExited) { $Process.Kill() }
        $null = $Process.WaitForExit(30000)
    }

    function Get-KillPoint {
        # Three random points (counts of creates the emulator has received), far enough apart that each run does work.
        param([int] $Total, [System.Random] $Random)
        $points = @()
        $floor = [int]($Total * 0.1)
        foreach ($i in 1..3) {
            $points += $Random.Next($floor, [int]($Total * 0.9))
        }
        $points | Sort-Object
    }

    function Wait-Quiet {
        # The service has finished every request it received (a killed client's too) before the next run starts.
        param($Account)
        Wait-Until { [int](Get-EmulatorActivity -Account $Account).requestsInFlight -eq 0 } -TimeoutSeconds 30 -Because 'the emulator to finish the requests in flight'
    }

    function Invoke-KillRestart {
        <#
            Starts -Script, kills it when -CountCreates reaches each kill point, then runs it to the end. Returns the
            kill points, the creates the emulator received in each run and whether the last run finished.
        #>
        param([scriptblock] $CountCreates, [string] $Script, [hashtable] $Environment, [string[]] $Arguments, [int[]] $KillAt, $Account, [int] $MinimumStep = 25)
        $runs = [System.Collections.Generic.List[object]]::new()
        $points = [System.Collections.Generic.List[int]]::new()
        foreach ($target in $KillAt) {
            $before = & $CountCreates
            # A kill point the previous kill already passed moves on, so that every run is killed mid-way.
            $k = [Math]::Max($target, $before + $MinimumStep)
            $child = Start-Child -Script $Script -Environment $Environment -Arguments $Arguments
            Wait-Until { (& $CountCreates) -ge $k -or $child.HasExited } -TimeoutSeconds 45 -Because "$k creates"
            $finishedEarly = $child.HasExited
            Stop-Child -Process $child
            Wait-Quiet -Account $Account
            $points.Add($k)
            $said = if ($finishedEarly) { ($child.OutputFiles | Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { Get-Content -LiteralPath $_ -Raw }) -join "`n" } else { '' }
            # Without its colours: the test report is XML, which cannot hold escape characters.
            $said = $said -replace "$([char]27)\[[0-9;]*m", ''
            $runs.Add([pscustomobject]@{ Run = $runs.Count + 1; KilledAt = $k; Creates = (& $CountCreates) - $before; FinishedBeforeKill = $finishedEarly; Said = $said })
        }
        $before = & $CountCreates
        $child = Start-Child -Script $Script -Environment $Environment -Arguments $Arguments
        $null = $child.WaitForExit(60000)
        $exited = $child.HasExited
        Stop-Child -Process $child
        Wait-Quiet -Account $Account
        $runs.Add([pscustomobject]@{ Run = $runs.Count + 1; KilledAt = $null; Creates = (& $CountCreates) - $before; FinishedBeforeKill = $exited; ExitCode = $(if ($exited) { $child.ExitCode }) })
        [pscustomobject]@{ KillPoints = $points.ToArray(); Runs = $runs.ToArray() }
    }

    $hitlScript = Join-Path $TestDrive 'hitl-run.ps1'
    Set-Content -LiteralPath $hitlScript -Value @'
param([string] $Manifest, [string] $Csv, [string] $Out, [string] $Ledger)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$create = @{ ErrorAction = 'Continue' }
if ($Ledger) { $create['Ledger'] = $Ledger }
Import-Csv -LiteralPath $Csv |
    New-HitlJob @create |
    Select-Object ProjectId, JobId, Status, @{ Name = 'FileUrl'; Expression = { $_.FileUrl -join ';' } } |
    Export-Csv -LiteralPath $Out -NoTypeInformation
'@
}

Describe 'Kill and restart: New-HitlJob -Ledger' {
    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Kill test' -Status 'active'
        # Creates take a while, so kills land mid-run; one in ten answers is slow after the job was made, so some
        # kills land between the service creating a job and the ledger recording it.
        Invoke-EmulatorControl -Method Post -Path '/latency' -Body @{ apiKey = $account.PlainKey; latencyMs = 25 }
        Invoke-EmulatorControl -Method Post -Path '/fault-mix' -Body @{ apiKey = $account.PlainKey; seed = (Get-Random); slowResponsePercent = 10; slowDelayMs = 400; afterHandlerPercent = 100 }
        $environment = @{ HITL_API_KEY = $account.PlainKey; HITL_BASE_URI = $emulator.BaseUri.AbsoluteUri }
        $countCreates = { Get-EmulatorRequestCount -Account $account -Method 'POST' -PathPrefix '/v1/jobs' }.GetNewClosure()

        function New-ItemCsv {
            param([int] $Count)
            $path = Join-Path $TestDrive ('items-' + [guid]::NewGuid().ToString('N') + '.csv')
            1..$Count | ForEach-Object { [pscustomobject]@{ ProjectId = $projectId; FileUrl = 'https://files.example.test/kill/item-{0:D4}.jpg' -f $_ } } |
                Export-Csv -LiteralPath $path -NoTypeInformation
            $path
        }

        function Get-JobsByFile {
            # The emulator's jobs grouped by the file they were made for (the image URL names the first file).
            @(Get-EmulatorHitlJobList -Account $account -ProjectId $projectId) | Group-Object { ([string]$_.image).Split('/')[-1] }
        }
    }

    It 'A 1,000-row run killed at three random points and re-run creates each row once and writes all 1,000 jobs' {
        $csv = New-ItemCsv -Count 1000
        $out = Join-Path $TestDrive 'hitl-out.csv'
        $ledger = Join-Path $TestDrive 'hitl-ledger.jsonl'
        $killAt = Get-KillPoint -Total 1000 -Random ([System.Random]::new())

        $result = Invoke-KillRestart -CountCreates $countCreates -Script $hitlScript -Environment $environment -Account $account -KillAt $killAt `
            -Arguments @('-Manifest', $manifest, '-Csv', $csv, '-Out', $out, '-Ledger', $ledger)

        $groups = Get-JobsByFile
        $duplicates = @($groups | Where-Object Count -gt 1)
        $output = @(Import-Csv -LiteralPath $out)
        $lines = @(Get-Content -LiteralPath $ledger | Where-Object { $_ })
        $adopted = @($lines | Where-Object { $_ -like '*"recovered":true*' }).Count
        $resent = @($lines | Where-Object { $_ -like '{"state":"intent"*' } | ForEach-Object { ($_ | ConvertFrom-Json).key } | Group-Object | Where-Object Count -gt 1).Count
        Write-Host ("HITL kill test: kill points {0}; creates per run {1}; in doubt after a kill and found on the service {2}, sent again {3}; jobs in the emulator {4}, rows with more than one job {5}; results in the final output {6}" -f `
            ($result.KillPoints -join ', '), (($result.Runs | ForEach-Object Creates) -join ' / '), $adopted, $resent, (@($groups | ForEach-Object { $_.Group }).Count), $duplicates.Count, $output.Count)

        $result.Runs | Select-Object -First 3 | ForEach-Object { $_.FinishedBeforeKill | Should -BeFalse -Because "run $($_.Run) is killed mid-way (it said: $($_.Said))" }
        $result.Runs[-1].ExitCode | Should -Be 0
        $duplicates | Should -BeNullOrEmpty
        $groups | Should -HaveCount 1000
        $output | Should -HaveCount 1000
        @($output.JobId | Sort-Object -Unique) | Should -HaveCount 1000
        $onService = @{}
        foreach ($group in $groups) { $onService[$group.Name] = $group.Group[0].job_id }
        foreach ($row in $output) {
            $row.JobId | Should -BeExactly $onService[$row.FileUrl.Split('/')[-1]] -Because "the result of $($row.FileUrl) is its job on the service"
        }
    }

    It 'Without -Ledger the same re-run after a kill duplicates jobs (so the test above can fail)' {
        $csv = New-ItemCsv -Count 200
        $out = Join-Path $TestDrive 'hitl-noledger-out.csv'

        $result = Invoke-KillRestart -CountCreates $countCreates -Script $hitlScript -Environment $environment -Account $account -KillAt @(100) `
            -Arguments @('-Manifest', $manifest, '-Csv', $csv, '-Out', $out)

        $duplicates = @(Get-JobsByFile | Where-Object Count -gt 1)
        Write-Host ("HITL without ledger: killed at {0}; creates per run {1}; rows with more than one job {2}" -f ($result.KillPoints -join ', '), (($result.Runs | ForEach-Object Creates) -join ' / '), $duplicates.Count)
        $duplicates.Count | Should -BeGreaterThan 0
    }
}

Describe 'Kill and restart: Add-AngoAsset -SkipExisting' {
    BeforeAll {
        $angoScript = Join-Path $TestDrive 'ango-run.ps1'
        Set-Content -LiteralPath $angoScript -Value @'
param([string] $Manifest, [string] $ProjectId, [string] $Csv, [string] $Out, [string] $Skip)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
# One registration (100 assets) at a time, so that kills land between registrations and inside them.
$add = @{ ProjectId = $ProjectId; ThrottleLimit = 1; Confirm = $false; ErrorAction = 'Continue' }
if ($Skip -eq 'yes') { $add['SkipExisting'] = $true }
Import-Csv -LiteralPath $Csv |
    Add-AngoAsset @add |
    ForEach-Object {
        $result = $_
        foreach ($asset in $result.Assets) {
            [pscustomobject]@{ ExternalId = $asset.ExternalId; Data = $asset.Data; Outcome = $(if ($result.AssetsSkipped -gt 0) { 'existing' } else { 'created' }) }
        }
    } |
    Export-Csv -LiteralPath $Out -NoTypeInformation
'@
    }

    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Kill test'
        Invoke-EmulatorControl -Method Post -Path '/latency' -Body @{ apiKey = $account.PlainKey; latencyMs = 250 }
        Invoke-EmulatorControl -Method Post -Path '/fault-mix' -Body @{ apiKey = $account.PlainKey; seed = (Get-Random); slowResponsePercent = 30; slowDelayMs = 600; afterHandlerPercent = 100 }
        $environment = @{ ANGO_API_KEY = $account.PlainKey; ANGO_BASE_URI = (Get-AngoTestUri).AbsoluteUri }
        $registrationPath = '/v2/project/' + $projectId + '/cloud'
        $countCreates = { Get-EmulatorRequestCount -Account $account -Method 'POST' -PathPrefix $registrationPath }.GetNewClosure()
        $csv = Join-Path $TestDrive ('assets-' + [guid]::NewGuid().ToString('N') + '.csv')
        1..1000 | ForEach-Object { [pscustomobject]@{ data = 'https://cdn.example.test/kill/file-{0:D4}.jpg' -f $_ } } |
            Export-Csv -LiteralPath $csv -NoTypeInformation

        function Get-AssetsByExternalId {
            @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Group-Object externalId
        }
    }

    It 'A 1,000-file run killed at three random points and re-run adds each file once and writes all 1,000 results' {
        $out = Join-Path $TestDrive 'ango-out.csv'
        # Kill points in registrations received (100 assets each): three of 1 to 9.
        $killAt = @(1..9 | Get-Random -Count 3 | Sort-Object)

        $result = Invoke-KillRestart -CountCreates $countCreates -Script $angoScript -Environment $environment -Account $account -KillAt $killAt -MinimumStep 1 `
            -Arguments @('-Manifest', $manifest, '-ProjectId', $projectId, '-Csv', $csv, '-Out', $out, '-Skip', 'yes')

        $groups = Get-AssetsByExternalId
        $duplicates = @($groups | Where-Object Count -gt 1)
        $output = @(Import-Csv -LiteralPath $out)
        Write-Host ("Ango kill test: kill points (registrations of 100) {0}; registrations per run {1}; assets in the emulator {2}, external ids with more than one asset {3}; results in the final output {4} ({5} created in the last run, {6} found existing)" -f `
            ($result.KillPoints -join ', '), (($result.Runs | ForEach-Object Creates) -join ' / '), (@($groups | ForEach-Object { $_.Group }).Count), $duplicates.Count, $output.Count,
            @($output | Where-Object Outcome -eq 'created').Count, @($output | Where-Object Outcome -eq 'existing').Count)

        $result.Runs | Select-Object -First 3 | ForEach-Object { $_.FinishedBeforeKill | Should -BeFalse -Because "run $($_.Run) is killed mid-way (it said: $($_.Said))" }
        $result.Runs[-1].ExitCode | Should -Be 0
        $duplicates | Should -BeNullOrEmpty
        $groups | Should -HaveCount 1000
        $output | Should -HaveCount 1000
        @($output.ExternalId | Sort-Object -Unique) | Should -HaveCount 1000
        @($output | Where-Object { $_.ExternalId -ne ($_.Data -split '/')[-1] }) | Should -BeNullOrEmpty
    }

    It 'Without -SkipExisting the same re-run after a kill duplicates assets (so the test above can fail)' {
        $out = Join-Path $TestDrive 'ango-noskip-out.csv'

        $result = Invoke-KillRestart -CountCreates $countCreates -Script $angoScript -Environment $environment -Account $account -KillAt @(4) -MinimumStep 1 `
            -Arguments @('-Manifest', $manifest, '-ProjectId', $projectId, '-Csv', $csv, '-Out', $out, '-Skip', 'no')

        $duplicates = @(Get-AssetsByExternalId | Where-Object Count -gt 1)
        Write-Host ("Ango without -SkipExisting: killed at {0}; registrations per run {1}; external ids with more than one asset {2}" -f ($result.KillPoints -join ', '), (($result.Runs | ForEach-Object Creates) -join ' / '), $duplicates.Count)
        $duplicates.Count | Should -BeGreaterThan 0
    }
}
