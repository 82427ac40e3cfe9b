# Ango assets: listing them (Get-AngoAsset), uploading and registering them (Add-AngoAsset, -ThrottleLimit included),
# attachments and chat assets (Add-AngoAttachment, Add-AngoChatAsset, Send-AngoChatFile) and batches (Get-AngoBatch,
# New-AngoBatch, Add-AngoBatchAsset), against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function Get-AssetName {
        param([int[]] $Index)
        foreach ($i in $Index) { 'asset-{0:D5}.jpg' -f $i }
    }

    function New-TestFile {
        # A file of -Length bytes 0, 1, 2, ...
        param([string] $Name, [int] $Length)
        $path = [System.IO.Path]::Combine($folder, $Name)
        [byte[]]$bytes = @(for ($i = 0; $i -lt $Length; $i++) { $i % 256 })
        [System.IO.File]::WriteAllBytes($path, $bytes)
        $path
    }

    function Get-CloudAsset {
        # The assets a POST /project/{id}/cloud carried.
        param($Request)
        @((Get-RequestBody -Request $Request).assets)
    }
}

Describe 'Get-AngoAsset' {
    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Listing'
        $shell = New-AngoTestRunspace -Account $account -Variables @{ p = $projectId }
        $assetsPath = '/v2/project/' + $projectId + '/assets'
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoAsset streams every asset across pages of 100 (<Count>)' -ForEach @(
        @{ Count = 0 }, @{ Count = 1 }, @{ Count = 99 }, @{ Count = 100 }, @{ Count = 101 }, @{ Count = 250 }
    ) {
        if ($Count -gt 0) {
            $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count $Count
        }

        $result = Invoke-Connected 'Get-AngoAsset -ProjectId $p -Sort externalId'

        $result.Errors | Should -HaveCount 0
        $assets = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAsset]))
        $expected = if ($Count -gt 0) { @(Get-AssetName -Index (0..($Count - 1))) } else { @() }
        (@($assets | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly ($expected -join ',')
        $assets | ForEach-Object { $_.ProjectId | Should -BeExactly $projectId }
        $pages = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix $assetsPath)
        $pages | Should -HaveCount ([Math]::Max(1, [Math]::Floor(($Count + 99) / 100)))
        $pages | ForEach-Object { (Get-RequestQuery -Request $_)['limit'] | Should -BeExactly '100' }
    }

    It 'Skip and First select a window and IncludeTotalCount reports the services total' {
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 150

        $result = Invoke-Connected 'Get-AngoAsset -ProjectId $p -Sort externalId -Skip 98 -First 4 -IncludeTotalCount'

        $result.Output[0].psobject.BaseObject | Should -Be ([uint64]150)
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAsset]) | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly (@(Get-AssetName -Index 98, 99, 100, 101) -join ',')
        (@(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix $assetsPath | ForEach-Object { (Get-RequestQuery -Request $_)['page'] }) -join ',') | Should -BeExactly '1,2'
    }

    It 'AssetId asks for one asset with the SDKs id query and maps its fields' {
        $assetId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'street.jpg' -Data 'https://cdn.example.test/street.jpg' `
                -Metadata @{ width = 1920 } -ContextData @{ city = 'Lyon' }).AssetId
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 3

        $result = Invoke-Connected 'Get-AngoAsset -ProjectId $p -AssetId $id | ForEach-Object { $_; $_.Metadata.width; $_.ContextData.city }' -Variables @{ id = $assetId }

        $result.Errors | Should -HaveCount 0
        $assets = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAsset]))
        $assets | Should -HaveCount 1
        $assets[0].AssetId | Should -BeExactly $assetId
        $assets[0].ExternalId | Should -BeExactly 'street.jpg'
        $assets[0].Data | Should -BeExactly 'https://cdn.example.test/street.jpg'
        $assets[0].CreatedAt | Should -Not -BeNullOrEmpty
        $result.Output[1].psobject.BaseObject | Should -Be ([long]1920)
        $result.Output[2].psobject.BaseObject | Should -BeExactly 'Lyon'
        $lists = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix $assetsPath)
        $lists | Should -HaveCount 1
        (Get-RequestQuery -Request $lists[0])['_id'] | Should -BeExactly $assetId
        $result.Output[0].psobject.TypeNames | Should -Contain 'LabelOps.AngoAsset'
    }

    It 'An asset id that matches nothing is NotFound and the other ids are still read' {
        $assetId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').AssetId

        $result = Invoke-Connected 'Get-AngoAsset -ProjectId $p -AssetId nope, $id' -Variables @{ id = $assetId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
        $assets = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAsset]))
        $assets | Should -HaveCount 1
        $assets[0].AssetId | Should -BeExactly $assetId
    }

    It 'ExternalId and Batch names filter on the service with batch ids' {
        $week = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'in.jpg' -Batch $week
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'out.jpg'

        $result = Invoke-Connected "Get-AngoAsset -ProjectId `$p -Batch 'Week 1'`nGet-AngoAsset -ProjectId `$p -ExternalId out.jpg"

        $result.Errors | Should -HaveCount 0
        $assets = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAsset]))
        (@($assets | ForEach-Object { $_.ExternalId }) -join ',') | Should -BeExactly 'in.jpg,out.jpg'
        (@($assets[0].Batches) -join ',') | Should -BeExactly $week
        $lists = @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix $assetsPath)
        (Get-RequestQuery -Request $lists[0])['batches'] | Should -BeExactly ('["' + $week + '"]')
        (Get-RequestQuery -Request $lists[1])['externalId'] | Should -BeExactly 'out.jpg'
    }

    It 'An unknown batch is a clear error and no asset listing is sent' {
        $result = Invoke-Connected 'Get-AngoAsset -ProjectId $p -Batch Nope'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*no batch named 'Nope'*"
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix $assetsPath) | Should -HaveCount 0
    }

    It 'An unknown project is NotFound' {
        $result = Invoke-Connected 'Get-AngoAsset -ProjectId nope'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }
}

Describe 'Add-AngoAsset' {
    BeforeEach {
        $account = New-EmulatorAccount
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-assets-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Uploads'
        $shell = New-AngoTestRunspace -Account $account -Variables @{ p = $projectId; dir = $folder }
        $cloudPath = '/v2/project/' + $projectId + '/cloud'
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
        [System.IO.Directory]::Delete($folder, $true)
    }

    It 'A missing file in the middle is one error and the other files are uploaded without the key and registered' {
        $first = New-TestFile -Name 'first.jpg' -Length 3
        $missing = [System.IO.Path]::Combine($folder, 'missing.jpg')
        $last = New-TestFile -Name 'last.png' -Length 5

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId $p -Path $a, $b, $c' -Variables @{ a = $first; b = $missing; c = $last }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly $missing
        # Uploads go side by side, so they may arrive in any order: compared by file name.
        $uploads = @(Get-EmulatorAngoStorageUpload -Account $account | Sort-Object fileName)
        (@($uploads | ForEach-Object { $_.fileName + ':' + $_.length }) -join ',') | Should -BeExactly 'first.jpg:3,last.png:5'
        $uploads | ForEach-Object { $_.hadApiKey | Should -BeFalse }
        $uploads | ForEach-Object { $_.status | Should -Be 200 }
        (@($uploads | ForEach-Object { $_.contentType }) -join ',') | Should -BeExactly 'image/jpeg,image/png'
        Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/getUploadUrl' | ForEach-Object { (Get-RequestQuery -Request $_)['project'] | Should -BeExactly $projectId }
        $registrations = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        $registrations | Should -HaveCount 1
        $sent = Get-CloudAsset $registrations[0]
        (@($sent | ForEach-Object { $_.externalId }) -join ',') | Should -BeExactly 'first.jpg,last.png'
        $sent | ForEach-Object { $_.data | Should -Not -BeLike '*`?*' }
        $sent | ForEach-Object { $_.data | Should -BeLike 'http://localhost:*' }
        (@($sent | ForEach-Object { ([Uri]$_.data).AbsolutePath }) -join ',') | Should -BeExactly (@($uploads | ForEach-Object { $_.path }) -join ',')
        $summary = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAssetImportResult]))
        $summary | Should -HaveCount 1
        $summary[0].AssetsCreated | Should -Be 2
        $summary[0].TasksCreated | Should -Be 2
        (@($summary[0].Assets | ForEach-Object { $_.SourcePath }) -join ',') | Should -BeExactly ($first + ',' + $last)
        @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Should -HaveCount 2
        @(Get-EmulatorAngoTask -Account $account -ProjectId $projectId) | Should -HaveCount 2
    }

    It 'Verbose and Debug show the signed upload url without its signature' {
        $file = New-TestFile -Name 'signed.jpg' -Length 4

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId $p -Path $f -Verbose -Debug' -Variables @{ f = $file }

        $result.Errors | Should -HaveCount 0
        @($result.Verbose | Where-Object { $_.StartsWith('PUT http://localhost:', [StringComparison]::Ordinal) -and $_.Contains('?' + [char]0x2026) }) |
            Should -Not -HaveCount 0
        @(Get-StreamText -Result $result | Where-Object { ([string]$_).Contains('signature=') }) | Should -HaveCount 0
    }

    It 'Wildcards resolve through PowerShell and piped FileInfo objects upload too' {
        $null = New-TestFile -Name 'a.jpg' -Length 1
        $null = New-TestFile -Name 'b.jpg' -Length 2
        $null = New-TestFile -Name 'notes.txt' -Length 4

        $result = Invoke-Connected "Add-AngoAsset -ProjectId `$p -Path `"`$dir/*.jpg`"`n[System.IO.FileInfo]::new(`"`$dir/notes.txt`") | Add-AngoAsset -ProjectId `$p"

        $result.Errors | Should -HaveCount 0
        (@(Get-EmulatorAngoStorageUpload -Account $account | ForEach-Object { $_.fileName } | Sort-Object) -join ',') | Should -BeExactly 'a.jpg,b.jpg,notes.txt'
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath) | Should -HaveCount 2
        (@(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | ForEach-Object { $_.externalId } | Sort-Object) -join ',') | Should -BeExactly 'a.jpg,b.jpg,notes.txt'
    }

    It 'The emulated storage refuses a signed PUT that carries the apikey header' {
        $http = [System.Net.Http.HttpClient]::new()
        try {
            $ask = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, [Uri]((Get-AngoTestUri).AbsoluteUri + 'getUploadUrl?name=x.jpg&project=' + $projectId))
            $ask.Headers.Add('apikey', $account.PlainKey)
            $answer = $http.SendAsync($ask).GetAwaiter().GetResult()
            [int]$answer.StatusCode | Should -Be 201
            $url = [string](ConvertFrom-Json -InputObject $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult()).data.uploadUrl
            $put = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Put, [Uri]$url)
            $put.Content = [System.Net.Http.ByteArrayContent]::new([byte[]](1, 2))
            $put.Headers.Add('apikey', $account.PlainKey)

            $status = [int]$http.SendAsync($put).GetAwaiter().GetResult().StatusCode
        }
        finally {
            $http.Dispose()
        }

        $status | Should -Be 403
        $uploads = @(Get-EmulatorAngoStorageUpload -Account $account)
        $uploads | Should -HaveCount 1
        $uploads[0].hadApiKey | Should -BeTrue
        $uploads[0].status | Should -Be 403
    }

    It 'Rows register 100 per request and their metadata and contextData arrive in the cloud body' {
        $result = Invoke-Connected ("1..250 | ForEach-Object { [pscustomobject]@{ externalId = `"row`$_.jpg`"; data = `"https://cdn.example.test/row`$_.jpg`"; metadata = @{ camera = 'front' }; contextData = '{`"note`":`"from csv`"}' } } |`n" +
            '    Add-AngoAsset -ProjectId $p')

        $result.Errors | Should -HaveCount 0
        $calls = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        # The registrations go side by side and may arrive in any order; the results are written in input order.
        (@($calls | ForEach-Object { @(Get-CloudAsset $_).Count } | Sort-Object -Descending) -join ',') | Should -BeExactly '100,100,50'
        $firstAsset = @($calls | ForEach-Object { Get-CloudAsset $_ } | Where-Object { $_.externalId -eq 'row1.jpg' })[0]
        $firstAsset.externalId | Should -BeExactly 'row1.jpg'
        $firstAsset.data | Should -BeExactly 'https://cdn.example.test/row1.jpg'
        $firstAsset.metadata.camera | Should -BeExactly 'front'
        $firstAsset.contextData.note | Should -BeExactly 'from csv'
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAssetImportResult]) | ForEach-Object { $_.AssetsCreated }) -join ',') | Should -BeExactly '100,100,50'
        @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Should -HaveCount 250
        @(Get-EmulatorAngoStorageUpload -Account $account) | Should -HaveCount 0
    }

    It 'A row without data is one error and the other rows are registered' {
        $result = Invoke-Connected "@([pscustomobject]@{ externalId = 'good.jpg'; data = 'https://cdn.example.test/good.jpg' }, [pscustomobject]@{ externalId = 'bad.jpg' }) | Add-AngoAsset -ProjectId `$p"

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike '*data*'
        $registrations = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        $registrations | Should -HaveCount 1
        $sent = Get-CloudAsset $registrations[0]
        $sent | Should -HaveCount 1
        $sent[0].externalId | Should -BeExactly 'good.jpg'
    }

    It 'Uri assets are registered directly with batch names resolved to ids and the storage id' {
        $week = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'

        $result = Invoke-Connected "Add-AngoAsset -ProjectId `$p -Uri 'https://bucket.example.test/x.jpg', 'https://bucket.example.test/y.png' -Batch 'week 1' -StorageId st1"

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/getUploadUrl') | Should -HaveCount 0
        $registrations = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        $registrations | Should -HaveCount 1
        $sent = Get-CloudAsset $registrations[0]
        (@($sent | ForEach-Object { $_.externalId }) -join ',') | Should -BeExactly 'x.jpg,y.png'
        $sent | ForEach-Object { (@($_.batches) -join ',') | Should -BeExactly $week }
        $sent | ForEach-Object { $_.storage | Should -BeExactly 'st1' }
        Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | ForEach-Object { @($_.batches)[0] | Should -BeExactly $week }
    }

    It 'An unknown batch stops the command before anything is uploaded or registered' {
        $file = New-TestFile -Name 'a.jpg' -Length 1
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId $p -Path $f -Batch Nope' -Variables @{ f = $file }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*no batch named 'Nope'*"
        $result.Errors[0].Exception.Message | Should -BeLike "*'Week 1'*"
        @(Get-EmulatorRequest -Account $account -Method 'GET' -PathPrefix '/v2/getUploadUrl') | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
        @(Get-EmulatorAngoStorageUpload -Account $account) | Should -HaveCount 0
    }

    It 'WhatIf sends nothing' {
        $file = New-TestFile -Name 'a.jpg' -Length 1

        $result = Invoke-Connected "Add-AngoAsset -ProjectId `$p -Path `$f -Batch 'Week 1' -WhatIf`nAdd-AngoAsset -ProjectId `$p -Uri https://cdn.example.test/a.jpg -WhatIf" -Variables @{ f = $file }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @(Get-EmulatorAngoStorageUpload -Account $account) | Should -HaveCount 0
    }

    It 'A registration that fails ambiguously is not re sent and is one error naming what it carried' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project/*/cloud' -Status 500

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId $p -Uri https://cdn.example.test/a.jpg, https://cdn.example.test/b.jpg'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.ServerError*'
        (@($result.Errors[0].TargetObject) -join ',') | Should -BeExactly 'https://cdn.example.test/a.jpg,https://cdn.example.test/b.jpg'
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath) | Should -HaveCount 1
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAssetImportResult])) | Should -HaveCount 0
    }

    It 'Add-AngoAsset sends registration requests side by side each once and writes the results in input order' {
        $urls = [string[]]@(for ($i = 0; $i -lt 250; $i++) { 'https://storage.example.test/bulk/img-{0:D3}.jpg' -f $i })
        # The first registration is the slowest, so the answers come back out of input order.
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project/*/cloud' -DelayMs 900
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project/*/cloud' -DelayMs 300 -Times 2

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId $p -Uri $urls -ThrottleLimit 3' -Variables @{ urls = $urls }

        $result.Errors | Should -HaveCount 0
        $written = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAssetImportResult]))
        (@($written | ForEach-Object { $_.AssetsCreated }) -join ',') | Should -BeExactly '100,100,50'
        (@($written | ForEach-Object { $_.Assets } | ForEach-Object { $_.Data }) -join ',') | Should -BeExactly ($urls -join ',')
        $calls = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        $calls | Should -HaveCount 3
        ($calls[2].ReceivedAtUtc - $calls[0].ReceivedAtUtc).TotalMilliseconds | Should -BeLessThan 250 -Because 'the registrations go side by side'
        [string[]]$sent = @($calls | ForEach-Object { Get-CloudAsset $_ } | ForEach-Object { $_.data })
        [System.Array]::Sort($sent, [System.StringComparer]::Ordinal)
        ($sent -join ',') | Should -BeExactly ($urls -join ',') -Because 'every URL is sent exactly once'
        @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId) | Should -HaveCount 250
    }

    It 'ExternalId names a single asset and is refused for several' {
        $result = Invoke-Connected "Add-AngoAsset -ProjectId `$p -Uri https://cdn.example.test/a.jpg -ExternalId scene-1`nAdd-AngoAsset -ProjectId `$p -Uri https://cdn.example.test/a.jpg, https://cdn.example.test/b.jpg -ExternalId two"

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $registrations = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix $cloudPath)
        $registrations | Should -HaveCount 1
        $sent = Get-CloudAsset $registrations[0]
        $sent | Should -HaveCount 1
        $sent[0].externalId | Should -BeExactly 'scene-1'
    }

    It 'An unknown project is NotFound for each file and nothing is registered' {
        $file = New-TestFile -Name 'a.jpg' -Length 1

        $result = Invoke-Connected 'Add-AngoAsset -ProjectId nope -Path $f' -Variables @{ f = $file }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly $file
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
    }
}

Describe 'Attachments and chat assets' {
    BeforeEach {
        $account = New-EmulatorAccount
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-chat-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Attachments and chat'
        $shell = New-AngoTestRunspace -Account $account -Variables @{ p = $projectId }
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
        [System.IO.Directory]::Delete($folder, $true)
    }

    It 'Attachment rows go in one request by external id or asset id and a bad row is one error' {
        $first = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'one.jpg').AssetId
        $second = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'two.jpg').AssetId

        $result = Invoke-Connected ("@([pscustomobject]@{ externalId = 'one.jpg'; data = 'https://cdn.example.test/ref.png'; type = 'image' },`n" +
            "  [pscustomobject]@{ assetId = `$a; attachmentUrl = 'Look at the left lane'; attachmentType = 'TEXT' },`n" +
            "  [pscustomobject]@{ externalId = 'two.jpg'; data = 'https://cdn.example.test/x.gif'; type = 'AUDIO' }) | Add-AngoAttachment -ProjectId `$p") -Variables @{ a = $second }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike '*IMAGE, VIDEO or TEXT*'
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/attachments')
        $posts | Should -HaveCount 1
        $body = Get-RequestBody -Request $posts[0]
        $body.project | Should -BeExactly $projectId
        $sent = @($body.attachments)
        (@($sent | ForEach-Object { $_.attachmentType }) -join ',') | Should -BeExactly 'IMAGE,TEXT'
        $sent[0].externalId | Should -BeExactly 'one.jpg'
        $sent[1].assetId | Should -BeExactly $second
        $summary = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoAttachmentImportResult]))
        $summary | Should -HaveCount 1
        $summary[0].AttachmentsImported | Should -Be 2
        $summary[0].AssetsUpdated | Should -Be 2
        @((Get-EmulatorAngoAsset -Account $account -AssetId $first).attachments)[0].value | Should -BeExactly 'https://cdn.example.test/ref.png'
    }

    It 'Add-AngoAttachment with -WhatIf sends nothing' {
        $result = Invoke-Connected 'Add-AngoAttachment -ProjectId $p -ExternalId one.jpg -Uri https://cdn.example.test/ref.png -Type IMAGE -WhatIf'

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Add-AngoChatAsset sends conversations batch names and the llm config as one multipart upload' {
        $week = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'

        $result = Invoke-Connected ("`$c = @{ externalId = 'chat-a'; messages = @(@{ role = 'user'; content = 'hi' }) }, @{ externalId = 'chat-b'; messages = @() }`n" +
            "Add-AngoChatAsset -ProjectId `$p -Conversation `$c -Batch `$b -LlmConfig @{ model = 'gpt-4o' }") -Variables @{ b = $week }

        $result.Errors | Should -HaveCount 0
        $uploads = @(Get-EmulatorAngoChatUpload -Account $account)
        $uploads | Should -HaveCount 1
        $uploads[0].conversationCount | Should -Be 2
        (@($uploads[0].batchNames) -join ',') | Should -BeExactly 'Week 1'
        (ConvertFrom-Json -InputObject $uploads[0].llmConfigJson).model | Should -BeExactly 'gpt-4o'
        @($uploads[0].fieldNames) | Should -Contain 'conversations'
        $uploads[0].fileName | Should -BeNullOrEmpty
        (@(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | ForEach-Object { $_.externalId }) -join ',') | Should -BeExactly 'chat-a,chat-b'
        $summary = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoChatImportResult]))
        $summary | Should -HaveCount 1
        $summary[0].AssetsCreated | Should -Be 2
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $projectId + '/chat')) | Should -HaveCount 1
    }

    It 'Add-AngoChatAsset -Path sends the file and refuses a file that is not conversations before sending' {
        $good = [System.IO.Path]::Combine($folder, 'chats.json')
        [System.IO.File]::WriteAllText($good, '[{"externalId":"c1"},{"externalId":"c2"},{"externalId":"c3"}]')
        $bad = [System.IO.Path]::Combine($folder, 'bad.json')
        [System.IO.File]::WriteAllText($bad, '{ not json')

        $result = Invoke-Connected "Add-AngoChatAsset -ProjectId `$p -Path `$good`nAdd-AngoChatAsset -ProjectId `$p -Path `$bad" -Variables @{ good = $good; bad = $bad }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $uploads = @(Get-EmulatorAngoChatUpload -Account $account)
        $uploads | Should -HaveCount 1
        $uploads[0].fileName | Should -BeExactly 'chats.json'
        $uploads[0].conversationCount | Should -Be 3
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/project/' + $projectId + '/chat')) | Should -HaveCount 1
    }

    It 'Send-AngoChatFile sends each file in its own request and a missing one is one error' {
        $first = [System.IO.Path]::Combine($folder, 'a.jsonl')
        [System.IO.File]::WriteAllText($first, "{`"externalId`":`"a1`"}`n{`"externalId`":`"a2`"}`n")
        $second = [System.IO.Path]::Combine($folder, 'b.json')
        [System.IO.File]::WriteAllText($second, '[{"externalId":"b1"}]')

        $result = Invoke-Connected 'Send-AngoChatFile -ProjectId $p -Path $a, "$dir/missing.json", $b' -Variables @{ a = $first; b = $second; dir = $folder }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        (@(Get-EmulatorAngoChatUpload -Account $account | ForEach-Object { $_.fileName }) -join ',') | Should -BeExactly 'a.jsonl,b.json'
        (@(Select-OutputOfType -Result $result -Type ([LabelOps.AngoChatImportResult]) | ForEach-Object { $_.AssetsCreated }) -join ',') | Should -BeExactly '2,1'
    }

    It 'Chat cmdlets with -WhatIf send nothing' {
        $file = [System.IO.Path]::Combine($folder, 'a.json')
        [System.IO.File]::WriteAllText($file, '[{"externalId":"a1"}]')

        $result = Invoke-Connected "Add-AngoChatAsset -ProjectId `$p -Conversation @{ a = 1 } -WhatIf`nSend-AngoChatFile -ProjectId `$p -Path `$f -WhatIf" -Variables @{ f = $file }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @(Get-EmulatorAngoChatUpload -Account $account) | Should -HaveCount 0
    }
}

Describe 'Batches' {
    BeforeEach {
        $account = New-EmulatorAccount
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Batches'
        $shell = New-AngoTestRunspace -Account $account -Variables @{ p = $projectId }
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'Get-AngoBatch lists the projects batches with their project and filters by name' {
        $first = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1' -Description 'first week' -Color '#ff0000'
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Hard cases'

        $result = Invoke-Connected "Get-AngoBatch -ProjectId `$p`nGet-AngoBatch -ProjectId `$p -Name week*"

        $result.Errors | Should -HaveCount 0
        $batches = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoBatch]))
        (@($batches | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Week 1,Hard cases,Week 1'
        $batches[0].BatchId | Should -BeExactly $first
        $batches[0].Description | Should -BeExactly 'first week'
        $batches | ForEach-Object { $_.ProjectId | Should -BeExactly $projectId }
        Get-EmulatorRequest -Account $account | ForEach-Object { $_.path | Should -BeExactly ('/v2/project/' + $projectId) }
    }

    It 'New-AngoBatch sends the existing batches and the new one and returns the new batch' {
        $existing = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1' -Description 'first week' -Color '#ff0000'

        $result = Invoke-Connected "New-AngoBatch -ProjectId `$p -Name 'Week 2' -Description 'second week' -Color '#00ff00'"

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix ('/v2/batches/' + $projectId))
        $posts | Should -HaveCount 1
        $sent = @((Get-RequestBody -Request $posts[0]).batches)
        $sent | Should -HaveCount 2
        $sent[0]._id | Should -BeExactly $existing
        $sent[0].name | Should -BeExactly 'Week 1'
        $sent[0].description | Should -BeExactly 'first week'
        $sent[1].name | Should -BeExactly 'Week 2'
        $sent[1]._id | Should -BeNullOrEmpty
        $sent[1].projectId | Should -BeNullOrEmpty
        $created = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoBatch]))
        $created | Should -HaveCount 1
        $created[0].Name | Should -BeExactly 'Week 2'
        $created[0].Color | Should -BeExactly '#00ff00'
        $created[0].ProjectId | Should -BeExactly $projectId
        (@(Get-EmulatorAngoBatch -Account $account -ProjectId $projectId | ForEach-Object { $_._id }) -join ',') | Should -BeExactly ($existing + ',' + $created[0].BatchId)
    }

    It 'New-AngoBatch refuses a name the project already has before sending' {
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'

        $result = Invoke-Connected "New-AngoBatch -ProjectId `$p -Name 'week 1'"

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.Conflict*'
        $result.Errors[0].Exception.Message | Should -BeLike "*already has a batch named 'week 1'*"
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
        @(Get-EmulatorAngoBatch -Account $account -ProjectId $projectId) | Should -HaveCount 1
    }

    It 'Add-AngoBatchAsset collects piped assets into one request with batch ids and updates assets and tasks' {
        $week = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'
        $null = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -Count 5

        $result = Invoke-Connected "Get-AngoAsset -ProjectId `$p | Add-AngoBatchAsset -Batch 'Week 1' -PassThru"

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/assignBatches')
        $posts | Should -HaveCount 1
        $body = Get-RequestBody -Request $posts[0]
        $assetIds = @(Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | ForEach-Object { [string]$_._id } | Sort-Object)
        (@($body.assets | ForEach-Object { [string]$_ } | Sort-Object) -join ',') | Should -BeExactly ($assetIds -join ',')
        (@($body.batches) -join ',') | Should -BeExactly $week
        Get-EmulatorAngoAsset -Account $account -ProjectId $projectId | ForEach-Object { @($_.batches)[0] | Should -BeExactly $week }
        Get-EmulatorAngoTask -Account $account -ProjectId $projectId | ForEach-Object { @($_.batches)[0] | Should -BeExactly $week }
        $assignment = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoBatchAssignment]))
        $assignment | Should -HaveCount 1
        @($assignment[0].AssetIds) | Should -HaveCount 5
    }

    It 'Add-AngoBatchAsset with an unknown batch is a clear error and assigns nothing' {
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'
        $assetId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').AssetId

        $result = Invoke-Connected "Add-AngoBatchAsset -ProjectId `$p -Batch 'Week 9' -AssetId `$a" -Variables @{ a = $assetId }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike "*no batch named 'Week 9'*"
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
    }

    It 'Add-AngoBatchAsset for an asset the service does not know is NotFound' {
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'

        $result = Invoke-Connected "Add-AngoBatchAsset -ProjectId `$p -Batch 'Week 1' -AssetId missing-asset"

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.NotFound*'
        $result.Errors[0].Exception.Message | Should -BeLike '*missing-asset*'
    }

    It 'WhatIf on New-AngoBatch and Add-AngoBatchAsset sends nothing' {
        $null = New-EmulatorAngoBatch -Account $account -ProjectId $projectId -Name 'Week 1'
        $assetId = (Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg').AssetId

        $result = Invoke-Connected "New-AngoBatch -ProjectId `$p -Name 'Week 2' -WhatIf`nAdd-AngoBatchAsset -ProjectId `$p -Batch 'Week 1' -AssetId `$a -WhatIf" -Variables @{ a = $assetId }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }
}
