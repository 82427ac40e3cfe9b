# Export-AngoAnnotation: records streamed from the export archive, its filters and formats, stopping it, and the
# memory a large export holds, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
    # Windows PowerShell loads the zip classes only on request.
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function New-ExportProject {
        # ExportTests.ArrangeProject: a project with -Tasks tasks, the first with an answer.
        param([int] $Tasks = 3)
        $id = New-EmulatorAngoProject -Account $account -Name 'Street scenes'
        $ids = @(Add-EmulatorAngoAsset -Account $account -ProjectId $id -Count $Tasks)
        $answer = @{
            objects         = @(@{ title = 'Car'; schemaId = 's1'; 'bounding-box' = [ordered]@{ x = 1; y = 2; width = 3; height = 4 } })
            classifications = @(@{ title = 'Weather'; answer = 'rain "heavy" [1]' })
            relations       = @()
        }
        $null = Set-EmulatorAngoTask -Account $account -TaskId $ids[0] -Field @{ answer = $answer }
        $id
    }

    function Get-ExportDownload {
        # ExportTests.Downloads: the export id from the verbose line that names the archive, then its downloads in the
        # emulator's log of requests that carried no account's key.
        param($Result)
        $line = @($Result.Verbose | Where-Object { $_.Contains('/storage/exports/') })[0]
        $id = [regex]::Match($line, '/storage/exports/([^/]+)/').Groups[1].Value
        Get-EmulatorUnauthenticatedRequest | Where-Object { $_.path -eq ('/v2/storage/exports/' + $id + '/export.zip') }
    }

    function Read-ZipEntryText {
        param([string] $Path)
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $reader = [System.IO.StreamReader]::new($zip.Entries[0].Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
    }
}

Describe 'Export-AngoAnnotation' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Export-AngoAnnotation streams one navigable record per task and downloads without the key (<Format>)' -ForEach @(
        @{ Format = 'Json' }
        @{ Format = 'Ndjson' }
    ) {
        $projectId = New-ExportProject

        $result = Invoke-Connected ("`$r = Export-AngoAnnotation -ProjectId `$p -Format $Format -Verbose`n" +
            "`$r`n`$r[0].task.tools[0].title`n`$r[0].task.classifications[0].answer`n`$r[2].externalId`n(`$r | ForEach-Object { `$_.task.taskId }) -join ','") -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $records = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoExportRecord]))
        $tasks = @(Get-EmulatorAngoTask -Account $account -ProjectId $projectId)
        (@($records | ForEach-Object { $_.TaskId }) -join ',') | Should -BeExactly (@($tasks | ForEach-Object { $_._id }) -join ',')
        (@($records | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly (@($tasks | ForEach-Object { $_.externalId }) -join ',')
        $records | ForEach-Object { $_.Stage | Should -BeExactly 'Label' }
        $scalars = @(Select-OutputOfType -Result $result -Type ([string]))
        $scalars | Should -HaveCount 4
        $scalars[0] | Should -BeExactly 'Car'
        $scalars[1] | Should -BeExactly 'rain "heavy" [1]'
        $scalars[2] | Should -BeExactly ([string]$tasks[2].externalId)
        $scalars[3] | Should -BeExactly (@($tasks | ForEach-Object { $_._id }) -join ',')
        # The records are the service's records: ConvertTo-Json-able, same content as the emulator's view.
        $expected = @(Get-EmulatorAngoExportRecord -Account $account -ProjectId $projectId)
        (ConvertTo-Json -InputObject $records[0]['task']['tools'] -Depth 20 -Compress) | Should -BeExactly (ConvertTo-Json -InputObject $expected[0].task.tools -Depth 20 -Compress)

        $exports = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/exportV3')
        $exports | Should -HaveCount 1
        (Get-RequestQuery -Request $exports[0])['format'] | Should -BeExactly $Format.ToLowerInvariant()
        $downloads = @(Get-ExportDownload -Result $result)
        $downloads | Should -HaveCount 1
        @($downloads[0].headers.psobject.Properties.Name) | Should -Not -Contain 'apikey'
        $downloads[0].responseStatus | Should -Be 200
        @(Get-EmulatorRequest -Account $account | Where-Object { ([string]$_.path).StartsWith('/v2/storage/', [StringComparison]::Ordinal) }) | Should -HaveCount 0
    }

    It 'Export-AngoAnnotation resolves batch and stage names and sends the SDK query' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Filtered'
        $week12 = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 12' -Kind Project
        $inBatch = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'in.jpg' -Batch $week12).TaskId
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'out.jpg'
        $labelStage = Get-EmulatorAngoStageId -Account $account -ProjectId $projectId -StageName 'Label'

        $result = Invoke-Connected "Export-AngoAnnotation -ProjectId `$p -Batch 'week 12' -Stage Label -IncludeHistory" -Variables @{ p = $projectId }

        $result.Errors | Should -HaveCount 0
        $records = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoExportRecord]))
        $records | Should -HaveCount 1
        $records[0].TaskId | Should -BeExactly $inBatch
        $records[0].Contains('stageHistory') | Should -BeTrue
        $records[0].Contains('metadata') | Should -BeFalse
        $exports = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/exportV3')
        $exports | Should -HaveCount 1
        $query = Get-RequestQuery -Request $exports[0]
        $query['project'] | Should -BeExactly $projectId
        $query['batches'] | Should -BeExactly ('["' + $week12 + '"]')
        $query['stage'] | Should -BeExactly ('["' + $labelStage + '"]')
        $query['sendEmail'] | Should -BeExactly 'false'
        $query['doNotNotify'] | Should -BeExactly 'true'
        $query['includeHistory'] | Should -BeExactly 'true'
        $query['includeMetadata'] | Should -BeExactly 'false'
    }

    It 'Export-AngoAnnotation with an unknown batch name is InvalidArgument and requests no export' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'No batches'

        $result = Invoke-Connected 'Export-AngoAnnotation -ProjectId $p -Batch nope' -Variables @{ p = $projectId }

        $ids = @(Get-ErrorId $result.Errors)
        $ids | Should -HaveCount 1
        $ids[0] | Should -BeExactly 'LabelOps.InvalidArgument'
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/exportV3') | Should -HaveCount 0
    }

    It 'Export-AngoAnnotation with -Path saves the zip and returns the file' {
        $projectId = New-ExportProject -Tasks 4
        $folder = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-export-' + [guid]::NewGuid().ToString('N')))
        try {
            $target = [System.IO.Path]::Combine($folder.FullName, 'export.zip')

            $result = Invoke-Connected 'Export-AngoAnnotation -ProjectId $p -Path $target -IncludeMetadata' -Variables @{ p = $projectId; target = $target }

            $result.Errors | Should -HaveCount 0
            $files = @(Select-OutputOfType -Result $result -Type ([System.IO.FileInfo]))
            $files | Should -HaveCount 1
            $files[0].FullName | Should -BeExactly $target
            # No .partial left behind.
            (@($folder.GetFiles() | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'export.zip'
            $records = @(ConvertFrom-Json -InputObject (Read-ZipEntryText -Path $target))
            # Windows PowerShell writes a JSON array as one object.
            $records = @($records | ForEach-Object { $_ })
            (@($records | ForEach-Object { $_.task.taskId }) -join ',') | Should -BeExactly (@(Get-EmulatorAngoTask -Account $account -ProjectId $projectId | ForEach-Object { $_._id }) -join ',')
            $records | ForEach-Object { $_.metadata | Should -Not -BeNullOrEmpty }

            $again = Invoke-Connected 'Export-AngoAnnotation -ProjectId $p -Path $target' -Variables @{ p = $projectId; target = $target }
            # No silent overwrite without -Force.
            $ids = @(Get-ErrorId $again.Errors)
            $ids | Should -HaveCount 1
            $ids[0] | Should -BeExactly 'LabelOps.InvalidOperation'
        }
        finally {
            $folder.Delete($true)
        }
    }

    It 'A tampered archive link is refused by the storage' {
        $projectId = New-ExportProject -Tasks 1
        $result = Invoke-Connected 'Export-AngoAnnotation -ProjectId $p -Verbose' -Variables @{ p = $projectId }
        $downloads = @(Get-ExportDownload -Result $result)
        $downloads | Should -HaveCount 1

        $http = [System.Net.Http.HttpClient]::new()
        try {
            $tampered = [Uri]($emulator.BaseUri.AbsoluteUri.TrimEnd('/') + $downloads[0].path + '?signature=' + ('0' * 64))
            $status = [int]$http.GetAsync($tampered).GetAwaiter().GetResult().StatusCode
        }
        finally {
            $http.Dispose()
        }

        $status | Should -Be 403
    }

    It 'Stopping a streaming export ends the command promptly' {
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Big'
        Set-EmulatorAngoGeneratedExportRecord -Account $account -ProjectId $projectId -Count 20000
        $null = Invoke-InTestRunspace -Runspace $shell -Script (Get-AngoConnectScript) -ThrowOnError
        $shell.SessionStateProxy.SetVariable('p', $projectId)
        $running = Start-InTestRunspace -Runspace $shell -Script 'Export-AngoAnnotation -ProjectId $p | ForEach-Object { $_.TaskId }'
        try {
            Wait-Until { @(Get-InTestRunspaceOutput -Running $running).Count -gt 10 } -Because 'the first records'

            $stop = Stop-InTestRunspace -Running $running -TimeoutMilliseconds 10000

            # Stopped (as PipelineStoppedException) within the limit.
            $stop.Finished | Should -BeTrue
            # Not every record was written despite the stop.
            @(Get-InTestRunspaceOutput -Running $running).Count | Should -BeLessThan 20000
        }
        finally {
            Remove-InTestRunspace -Running $running
        }
    }
}

Describe 'Export memory' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'A 20000 record export streams through ForEach-Object with flat managed memory (<Format>)' -ForEach @(
        @{ Format = 'Json' }
        @{ Format = 'Ndjson' }
    ) {
        $recordCount = 20000
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Large'
        Set-EmulatorAngoGeneratedExportRecord -Account $account -ProjectId $projectId -Count $recordCount
        $null = Invoke-InTestRunspace -Runspace $shell -Script (Get-AngoConnectScript) -ThrowOnError
        # The uncompressed size of the archive's one entry, saved once with -Path.
        $target = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-large-' + [guid]::NewGuid().ToString('N') + '.zip')
        try {
            $shell.SessionStateProxy.SetVariable('p', $projectId)
            $shell.SessionStateProxy.SetVariable('t', $target)
            $null = Invoke-InTestRunspace -Runspace $shell -Script "Export-AngoAnnotation -ProjectId `$p -Format $Format -Path `$t | Out-Null" -ThrowOnError
            $zip = [System.IO.Compression.ZipFile]::OpenRead($target)
            try { $uncompressed = $zip.Entries[0].Length } finally { $zip.Dispose() }
        }
        finally {
            [System.IO.File]::Delete($target)
        }
        $samples = [System.Collections.Generic.List[long]]::new()
        $shell.SessionStateProxy.SetVariable('samples', $samples)
        $baseline = [GC]::GetTotalMemory($true)

        $result = Invoke-InTestRunspace -Runspace $shell -Script ("`$n = 0`n" +
            "Export-AngoAnnotation -ProjectId `$p -Format $Format | ForEach-Object { `$n++; if (`$n % 2000 -eq 0) { `$samples.Add([GC]::GetTotalMemory(`$true)) } }`n" +
            "`$n")

        $result.Errors | Should -HaveCount 0
        [int]$result.Output[-1].psobject.BaseObject | Should -Be $recordCount
        $samples.Count | Should -Be ($recordCount / 2000)
        $peakGrowth = [System.Linq.Enumerable]::Max([long[]]$samples.ToArray()) - $baseline
        $drift = $samples[$samples.Count - 1] - $samples[0]
        Write-Host ("{0}: archive entry {1} KB uncompressed; live managed memory peak +{2} KB over baseline; drift from record 2,000 to 20,000: {3} KB" -f $Format, [long]($uncompressed / 1024), [long]($peakGrowth / 1024), [long]($drift / 1024))
        # 18,000 records pass between the first and the last sample: holding them would show as growth.
        $uncompressed | Should -BeGreaterThan (18L * 1024 * 1024) -Because 'the export must be big enough to prove anything'
        $drift | Should -BeLessThan (8L * 1024 * 1024) -Because 'memory must not grow with the records read'
        $peakGrowth | Should -BeLessThan $uncompressed -Because 'live memory must stay below the export''s size'
    }
}
