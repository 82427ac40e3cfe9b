# Ango projects as code: New-AngoProject, category schemas (Get-/Set-AngoCategorySchema) and workflows
# (Get-/Set-AngoWorkflow), project members, instructions, performance and metrics, against the emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator

    function Invoke-Connected {
        # Connects, forgets the key check in the request log, then runs the script.
        param([string] $Script, [hashtable] $Variables = @{})
        Invoke-AngoTestScript -Runspace $shell -Account $account -Script $Script -Variables $Variables -Connected
    }

    function New-TestSchema {
        # A category schema with tools, classifications and relations, as the tests send it.
        [ordered]@{
            tools           = @(
                [ordered]@{ schemaId = 't1'; title = 'Car'; tool = 'bounding-box'; color = '#ff0000'; required = $false; classifications = @() }
                [ordered]@{ schemaId = 't2'; title = 'Lane'; tool = 'polyline'; color = '#00ff00'; multiple = $true }
            )
            classifications = @(
                [ordered]@{ schemaId = 'c1'; title = 'Weather'; tool = 'radio'; options = @([ordered]@{ schemaId = 'o1'; value = 'Sunny' }, [ordered]@{ schemaId = 'o2'; value = 'Rain' }) }
            )
            relations       = @([ordered]@{ schemaId = 'r1'; title = 'Follows'; tool = 'one-to-one' })
        }
    }

    function New-ReviewWorkflow {
        # Start, Label, Review (on to Complete or back to Label), Complete.
        @(
            [ordered]@{ id = 's-start'; name = 'Start'; type = 'Start'; next = @('s-label'); autoForward = $true; position = [ordered]@{ x = 0; y = 10 } }
            [ordered]@{ id = 's-label'; name = 'Label'; type = 'Label'; next = @('s-review'); assignedTo = @('ann@example.test') }
            [ordered]@{ id = 's-review'; name = 'Review'; type = 'Review'; next = @('s-done', 's-label'); assignedTo = @() }
            [ordered]@{ id = 's-done'; name = 'Complete'; type = 'Complete'; next = @() }
        )
    }

    function ConvertTo-CompactJson {
        # Two documents the emulator wrote compare equal as compact JSON text.
        param($Value)
        ConvertTo-Json -InputObject $Value -Depth 30 -Compress
    }

    function Get-OnlyErrorId {
        # The ErrorIds of the run, as one comma-separated string.
        param($Result)
        @(Get-ErrorId $Result.Errors) -join ','
    }
}

Describe 'New-AngoProject, category schemas and workflows' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
    }

    It 'New-AngoProject creates the project with one POST and returns it with the default workflow' {
        $result = Invoke-Connected "New-AngoProject -Name 'Street scenes' -Description 'cars and people'"

        $result.Errors | Should -HaveCount 0
        $projects = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))
        $projects | Should -HaveCount 1
        $projects[0].Name | Should -BeExactly 'Street scenes'
        (@($projects[0].Stages | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Start,Label,Complete'
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project')
        $posts | Should -HaveCount 1
        $body = Get-RequestBody -Request $posts[0]
        $body.name | Should -BeExactly 'Street scenes'
        $body.description | Should -BeExactly 'cars and people'
        @($body.psobject.Properties.Name) | Should -Not -Contain 'categorySchema'
        (Get-EmulatorAngoProject -Account $account -ProjectId $projects[0].ProjectId).description | Should -BeExactly 'cars and people'
    }

    It 'New-AngoProject with a CategorySchema hashtable stores that ontology' {
        $result = Invoke-Connected "New-AngoProject -Name Lanes -CategorySchema @{ tools = @(@{ schemaId = 't1'; title = 'Lane'; tool = 'polyline' }) }"

        $result.Errors | Should -HaveCount 0
        $project = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))[0]
        $stored = (Get-EmulatorAngoProject -Account $account -ProjectId $project.ProjectId).categorySchema
        @($stored.tools)[0].title | Should -BeExactly 'Lane'
        @($stored.classifications) | Should -HaveCount 0
        @($stored.relations) | Should -HaveCount 0
    }

    It 'New-AngoProject copies name description and schema from a piped project' {
        $source = New-EmulatorAngoProject -Account $account -Name 'Template' -Description 'the template' -CategorySchema (New-TestSchema)

        $result = Invoke-Connected 'Get-AngoProject -ProjectId $source | New-AngoProject' -Variables @{ source = $source }

        $result.Errors | Should -HaveCount 0
        $copies = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))
        $copies | Should -HaveCount 1
        $copies[0].ProjectId | Should -Not -Be $source
        $copies[0].Name | Should -BeExactly 'Template'
        ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $copies[0].ProjectId).categorySchema |
            Should -BeExactly (ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $source).categorySchema)
    }

    It 'New-AngoProject with -WhatIf sends nothing' {
        $result = Invoke-Connected 'New-AngoProject -Name Nope -WhatIf'

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
        (Get-EmulatorAngoOrganization -Account $account).ProjectCount | Should -Be 0
    }

    It 'New-AngoProject with a schema that is not a schema is InvalidArgument and sends nothing' {
        $result = Invoke-Connected "New-AngoProject -Name Bad -CategorySchema @{ tools = 'Car' }"

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.InvalidArgument'
        $result.Errors[0].Exception.Message | Should -BeLike '*tools must be a list*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'New-AngoProject is a create so an ambiguous 500 is not resent' {
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project' -Status 500 -AfterHandler

        $result = Invoke-Connected 'New-AngoProject -Name Once'

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.ServerError'
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project') | Should -HaveCount 1
        (Get-EmulatorAngoOrganization -Account $account).ProjectCount | Should -Be 1
    }

    It 'Get-AngoCategorySchema returns the ontology navigable with dot notation' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P' -CategorySchema (New-TestSchema)

        $result = Invoke-Connected "`$s = Get-AngoCategorySchema -ProjectId `$id`n`$s`n`$s.Tools[1].title`n`$s.Classifications[0].options[1].value" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $schemas = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoCategorySchema]))
        $schemas | Should -HaveCount 1
        $schemas[0].ProjectId | Should -BeExactly $id
        @($schemas[0].Tools) | Should -HaveCount 2
        (@(Select-OutputOfType -Result $result -Type ([string])) -join ',') | Should -BeExactly 'Lane,Rain'
        $requests = @(Get-EmulatorRequest -Account $account)
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly ('/v2/project/' + $id)
    }

    It 'Get-AngoCategorySchema for an unknown project is NotFound and other ids still run' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P' -CategorySchema (New-TestSchema)

        $result = Invoke-Connected "'nope', `$id | Get-AngoCategorySchema" -Variables @{ id = $id }

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoCategorySchema])) | Should -HaveCount 1
    }

    It 'Category schema round trip copies the ontology and the explicit ProjectId wins over the piped one' {
        $a = New-EmulatorAngoProject -Account $account -Name 'A' -CategorySchema (New-TestSchema)
        $b = New-EmulatorAngoProject -Account $account -Name 'B'

        $result = Invoke-Connected 'Get-AngoCategorySchema -ProjectId $a | Set-AngoCategorySchema -ProjectId $b' -Variables @{ a = $a; b = $b }

        $result.Errors | Should -HaveCount 0
        $result.Output | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project')
        $posts | Should -HaveCount 1
        $posts[0].path | Should -BeExactly ('/v2/project/' + $b)
        ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $b).categorySchema |
            Should -BeExactly (ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $a).categorySchema)
    }

    It 'Set-AngoCategorySchema with only -Tool replaces the whole schema and -PassThru returns what was stored' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P' -CategorySchema (New-TestSchema)

        $result = Invoke-Connected "Set-AngoCategorySchema -ProjectId `$id -Tool @{ schemaId = 'p1'; title = 'Person'; tool = 'polygon' } -PassThru" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project')
        $posts | Should -HaveCount 1
        $body = (Get-RequestBody -Request $posts[0]).categorySchema
        @($body.tools)[0].title | Should -BeExactly 'Person'
        @($body.classifications) | Should -HaveCount 0
        @($body.relations) | Should -HaveCount 0
        $stored = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoCategorySchema]))
        $stored | Should -HaveCount 1
        $stored[0].ProjectId | Should -BeExactly $id
        @($stored[0].Tools) | Should -HaveCount 1
        @($stored[0].Relations) | Should -HaveCount 0
    }

    It 'Set-AngoCategorySchema accepts the schema as JSON text and -Relation overrides its relations' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $json = ConvertTo-CompactJson (New-TestSchema)

        $result = Invoke-Connected '$json | Set-AngoCategorySchema -ProjectId $id -Relation @()' -Variables @{ id = $id; json = $json }

        $result.Errors | Should -HaveCount 0
        $stored = (Get-EmulatorAngoProject -Account $account -ProjectId $id).categorySchema
        @($stored.tools) | Should -HaveCount 2
        @($stored.relations) | Should -HaveCount 0
    }

    It 'Set-AngoCategorySchema with -WhatIf sends nothing' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected "Set-AngoCategorySchema -ProjectId `$id -Tool @{ title = 'Car' } -WhatIf" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
    }

    It 'Set-AngoCategorySchema without a usable schema is InvalidArgument and sends nothing (<Message>)' -ForEach @(
        @{ Script = 'Set-AngoCategorySchema -ProjectId $id'; Message = 'at least one of -Tool' }
        @{ Script = 'Set-AngoCategorySchema -ProjectId $id -Tool ''Car'''; Message = 'Tool items must be objects' }
        @{ Script = '''{ not json'' | Set-AngoCategorySchema -ProjectId $id'; Message = 'not valid JSON' }
        @{ Script = '@{ colour = ''red'' } | Set-AngoCategorySchema -ProjectId $id'; Message = 'none of tools' }
    ) {
        $id = New-EmulatorAngoProject -Account $account -Name 'P' -CategorySchema (New-TestSchema)

        $result = Invoke-Connected $Script -Variables @{ id = $id }

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.InvalidArgument'
        $result.Errors[0].Exception.Message | Should -BeLike ('*' + $Message + '*')
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        @((Get-EmulatorAngoProject -Account $account -ProjectId $id).categorySchema.tools) | Should -HaveCount 2
    }

    It 'Set-AngoCategorySchema is idempotent so it is resent after a 500' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/project/*' -Status 500

        $result = Invoke-Connected "Set-AngoCategorySchema -ProjectId `$id -Tool @{ title = 'Car' }" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project/') | Should -HaveCount 2
        @((Get-EmulatorAngoProject -Account $account -ProjectId $id).categorySchema.tools)[0].title | Should -BeExactly 'Car'
    }

    It 'Get-AngoWorkflow writes one AngoStage per stage with its ProjectId and settings' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P' -Stage (New-ReviewWorkflow)

        $result = Invoke-Connected 'Get-AngoWorkflow -ProjectId $id' -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $stages = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoStage]))
        (@($stages | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Start,Label,Review,Complete'
        $stages | ForEach-Object { $_.ProjectId | Should -BeExactly $id }
        (@($stages[2].Next) -join ',') | Should -BeExactly 's-done,s-label'
        $stages[0].Settings['autoForward'] | Should -BeTrue
    }

    It 'Workflow round trip copies every stage with its settings in one POST' {
        $a = New-EmulatorAngoProject -Account $account -Name 'A' -Stage (New-ReviewWorkflow)
        $b = New-EmulatorAngoProject -Account $account -Name 'B'

        $result = Invoke-Connected 'Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId $b' -Variables @{ a = $a; b = $b }

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project')
        $posts | Should -HaveCount 1
        $posts[0].path | Should -BeExactly ('/v2/project/' + $b)
        ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $b).stages |
            Should -BeExactly (ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $a).stages)
    }

    It 'Stages in the AngoStage shape as ConvertTo-Json writes them can be applied again and -PassThru returns the stored stages' {
        # What "Get-AngoWorkflow | ConvertTo-Json | Set-Content" and later "ConvertFrom-Json" give back: PascalCase
        # properties, the type-specific settings under Settings, and the source ProjectId.
        $id = New-EmulatorAngoProject -Account $account -Name 'B'
        $script = @'
$stages = [pscustomobject]@{ StageId = 'a'; Name = 'Start'; Type = 'Start'; Next = @('b'); ProjectId = 'elsewhere'; Settings = [pscustomobject]@{ autoForward = $true; position = [pscustomobject]@{ x = 0; y = 5 } } },
  [pscustomobject]@{ StageId = 'b'; Name = 'Label'; Type = 'Label'; Next = @('c'); ProjectId = 'elsewhere'; Settings = [pscustomobject]@{ assignedTo = @('ann@example.test') } },
  [pscustomobject]@{ StageId = 'c'; Name = 'Complete'; Type = 'Complete'; Next = @(); ProjectId = 'elsewhere'; Settings = $null }
$stages | Set-AngoWorkflow -ProjectId $id -PassThru
'@

        $result = Invoke-Connected $script -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project')
        $posts | Should -HaveCount 1
        $posts[0].path | Should -BeExactly ('/v2/project/' + $id)
        $returned = @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoStage]))
        (@($returned | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Start,Label,Complete'
        $returned | ForEach-Object { $_.ProjectId | Should -BeExactly $id }
        $stored = @((Get-EmulatorAngoProject -Account $account -ProjectId $id).stages)
        $stored[0].id | Should -BeExactly 'a'
        $stored[0].autoForward | Should -BeTrue
        $stored[0].position.y | Should -Be 5
        @($stored[1].assignedTo)[0] | Should -BeExactly 'ann@example.test'
        @($stored[0].psobject.Properties.Name) | Should -Not -Contain 'ProjectId'
        @($stored[0].psobject.Properties.Name) | Should -Not -Contain 'StageId'
        (@($stored[2].psobject.Properties.Name) -join ',') | Should -BeExactly 'id,name,type,next'
    }

    It 'Set-AngoWorkflow takes hashtables for a new workflow' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected "@{ id = 'a'; name = 'Start'; type = 'Start'; next = @('b') }, @{ id = 'b'; name = 'Label'; type = 'Label'; next = @('c'); assignedTo = @('x@example.test') }, @{ id = 'c'; name = 'Complete'; type = 'Complete'; next = @() } | Set-AngoWorkflow -ProjectId `$id" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $stages = @((Get-EmulatorAngoProject -Account $account -ProjectId $id).stages)
        (@($stages | ForEach-Object { $_.id }) -join ',') | Should -BeExactly 'a,b,c'
        @($stages[1].assignedTo)[0] | Should -BeExactly 'x@example.test'
    }

    It 'Set-AngoWorkflow refuses an invalid workflow and sends nothing (<Message>)' -ForEach @(
        @{ Stages = "@{ id = 'a'; name = 'Label'; type = 'Label'; next = @() }"; Message = 'exactly one Start stage; this one has 0' }
        @{ Stages = "@{ id = 'a'; name = 'S1'; type = 'Start'; next = @('b') }, @{ id = 'b'; name = 'S2'; type = 'Start'; next = @() }"; Message = 'exactly one Start stage; this one has 2' }
        @{ Stages = "@{ id = 'a'; name = 'Start'; type = 'Start'; next = @('ghost') }"; Message = "leads to 'ghost'" }
        @{ Stages = "@{ id = 'a'; name = 'Start'; type = 'Start' }, @{ id = 'a'; name = 'Label'; type = 'Label' }"; Message = 'used by more than one stage' }
        @{ Stages = '@()'; Message = 'at least one stage' }
    ) {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $before = ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $id).stages

        $result = Invoke-Connected ($Stages + ' | Set-AngoWorkflow -ProjectId $id') -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike ('*' + [System.Management.Automation.WildcardPattern]::Escape($Message) + '*')
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        ConvertTo-CompactJson (Get-EmulatorAngoProject -Account $account -ProjectId $id).stages | Should -BeExactly $before
    }

    It 'Set-AngoWorkflow with -WhatIf sends nothing' {
        $a = New-EmulatorAngoProject -Account $account -Name 'A' -Stage (New-ReviewWorkflow)
        $b = New-EmulatorAngoProject -Account $account -Name 'B'

        $result = Invoke-Connected 'Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId $b -WhatIf' -Variables @{ a = $a; b = $b }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/') | Should -HaveCount 0
    }

    It 'Set-AngoWorkflow for an unknown project is NotFound' {
        $a = New-EmulatorAngoProject -Account $account -Name 'A'

        $result = Invoke-Connected 'Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId nope' -Variables @{ a = $a }

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It 'The emulator refuses a workflow without a Start stage with a 400 fail envelope' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $http = [System.Net.Http.HttpClient]::new()
        try {
            $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, [Uri]((Get-AngoTestUri).AbsoluteUri + 'project/' + $id))
            $request.Content = [System.Net.Http.StringContent]::new('{"stages":[{"id":"a","name":"Label","type":"Label","next":[]}]}', [System.Text.Encoding]::UTF8, 'application/json')
            $request.Headers.Add('apikey', $account.PlainKey)

            $response = $http.SendAsync($request).GetAwaiter().GetResult()
            $status = [int]$response.StatusCode
            $body = ConvertFrom-Json -InputObject $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        }
        finally {
            $http.Dispose()
        }

        $status | Should -Be 400
        $body.status | Should -BeExactly 'fail'
        $body.message | Should -BeLike '*Start*'
        @((Get-EmulatorAngoProject -Account $account -ProjectId $id).stages) | Should -HaveCount 3
    }
}

Describe 'Members, instructions, performance and metrics' {
    BeforeEach {
        $account = New-EmulatorAccount
        $shell = New-AngoTestRunspace -Account $account
        $folder = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'labelops-instructions-' + [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($folder)
    }

    AfterEach {
        Remove-InTestRunspace -Runspace $shell
        [System.IO.Directory]::Delete($folder, $true)
    }

    It 'Add-AngoProjectMember posts the emails and role to the assigned path and -PassThru shows the members' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected 'Add-AngoProjectMember -ProjectId $id -Email ann@example.test, bob@example.test -Role reviewer -PassThru' -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project/')
        $posts | Should -HaveCount 1
        $posts[0].path | Should -BeExactly ('/v2/project/' + $id + '/assigned')
        $body = Get-RequestBody -Request $posts[0]
        (@($body.assignees) -join ',') | Should -BeExactly 'ann@example.test,bob@example.test'
        $body.role | Should -BeExactly 'Reviewer'
        (@((Get-EmulatorAngoProject -Account $account -ProjectId $id).assignedTo | ForEach-Object { $_.assignee + ':' + $_.role }) -join ',') |
            Should -BeExactly 'ann@example.test:Reviewer,bob@example.test:Reviewer'
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))[0].ProjectId | Should -BeExactly $id
    }

    It 'Add-AngoProjectMember binds rows by property name one request per row' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected "[pscustomobject]@{ ProjectId = `$id; Email = 'ann@example.test'; Role = 'Labeler' }, [pscustomobject]@{ ProjectId = `$id; Email = 'lea@example.test'; Role = 'Lead' } | Add-AngoProjectMember" -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        $result.Output | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project/') | Should -HaveCount 2
        (@((Get-EmulatorAngoProject -Account $account -ProjectId $id).assignedTo | ForEach-Object { $_.role }) -join ',') | Should -BeExactly 'Labeler,Lead'
    }

    It 'Add-AngoProjectMember with -WhatIf sends nothing' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected 'Add-AngoProjectMember -ProjectId $id -Email ann@example.test -Role Labeler -WhatIf' -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Add-AngoProjectMember with a bad email or role sends nothing (<ErrorId>)' -ForEach @(
        @{ Arguments = "-Email 'not-an-address' -Role Labeler"; ErrorId = 'LabelOps.InvalidArgument' }
        @{ Arguments = '-Email ann@example.test -Role Owner'; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'

        $result = Invoke-Connected ('Add-AngoProjectMember -ProjectId $id ' + $Arguments) -Variables @{ id = $id }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike ($ErrorId + '*')
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Add-AngoProjectMember to an unknown project is NotFound' {
        $result = Invoke-Connected 'Add-AngoProjectMember -ProjectId nope -Email ann@example.test -Role Labeler'

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It 'Set-AngoProjectInstruction uploads the file as multipart field file and the project points at it' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $path = [System.IO.Path]::Combine($folder, 'guide.md')
        [System.IO.File]::WriteAllText($path, "# Label every car`nDraw tight boxes.")

        $result = Invoke-Connected '[System.IO.FileInfo]::new($path) | Set-AngoProjectInstruction -ProjectId $id -PassThru' -Variables @{ id = $id; path = $path }

        $result.Errors | Should -HaveCount 0
        $posts = @(Get-EmulatorRequest -Account $account -Method 'POST' -PathPrefix '/v2/project/')
        $posts | Should -HaveCount 1
        $posts[0].path | Should -BeExactly ('/v2/project/' + $id + '/instructions')
        $posts[0].headers.'content-type' | Should -BeLike 'multipart/form-data*'
        $file = Get-EmulatorAngoInstructionsFile -Account $account -ProjectId $id
        $file.FileName | Should -BeExactly 'guide.md'
        $file.ContentType | Should -BeExactly 'text/markdown'
        [Convert]::ToBase64String($file.Content) | Should -BeExactly ([Convert]::ToBase64String([System.IO.File]::ReadAllBytes($path)))
        (Get-EmulatorAngoProject -Account $account -ProjectId $id).instructions | Should -BeExactly $file.Url
        @(Select-OutputOfType -Result $result -Type ([LabelOps.AngoProject]))[0].ProjectId | Should -BeExactly $id
    }

    # A missing file is specified with every other cmdlet that reads one, in Reliability.LocalFiles.Tests.ps1.
    It 'Set-AngoProjectInstruction refuses an empty or unsupported file and sends nothing (<Name>)' -ForEach @(
        @{ Name = 'guide.exe'; Message = 'not a supported instructions file' }
        @{ Name = 'empty.pdf'; Message = 'is empty' }
    ) {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $path = [System.IO.Path]::Combine($folder, $Name)
        [System.IO.File]::WriteAllText($path, $(if ($Name -eq 'empty.pdf') { '' } else { 'MZ' }))

        $result = Invoke-Connected 'Set-AngoProjectInstruction -ProjectId $id -Path $path' -Variables @{ id = $id; path = $path }

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $result.Errors[0].Exception.Message | Should -BeLike ('*' + $Message + '*')
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Set-AngoProjectInstruction with -WhatIf sends nothing' {
        $id = New-EmulatorAngoProject -Account $account -Name 'P'
        $path = [System.IO.Path]::Combine($folder, 'guide.pdf')
        [System.IO.File]::WriteAllBytes($path, [System.Text.Encoding]::ASCII.GetBytes('%PDF-1.4 fake'))

        $result = Invoke-Connected 'Set-AngoProjectInstruction -ProjectId $id -Path $path -WhatIf' -Variables @{ id = $id; path = $path }

        $result.Errors | Should -HaveCount 0
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
        Get-EmulatorAngoInstructionsFile -Account $account -ProjectId $id | Should -BeNullOrEmpty
    }

    It 'Set-AngoProjectInstruction for an unknown project is NotFound' {
        $path = [System.IO.Path]::Combine($folder, 'guide.html')
        [System.IO.File]::WriteAllText($path, '<h1>Guide</h1>')

        $result = Invoke-Connected 'Set-AngoProjectInstruction -ProjectId nope -Path $path' -Variables @{ path = $path }

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
    }

    Context 'A project with work done (ProjectWithWork)' {
        BeforeEach {
            $id = New-EmulatorAngoProject -Account $account -Name 'P'
            $tasks = Add-EmulatorAngoAsset -Account $account -ProjectId $id -Count 4
            $null = Set-EmulatorAngoTask -Account $account -TaskId $tasks[0] -Field @{ assignee = 'ann@example.test'; status = 'Completed'; duration = 30 }
            $null = Set-EmulatorAngoTask -Account $account -TaskId $tasks[1] -Field @{ assignee = 'ann@example.test'; status = 'Completed'; duration = 50 }
            $null = Set-EmulatorAngoTask -Account $account -TaskId $tasks[2] -Field @{ assignee = 'bob@example.test' }
        }

        It 'Get-AngoProjectPerformance writes one typed row per user with PascalCase properties' {
            $result = Invoke-Connected 'Get-AngoProjectPerformance -ProjectId $id' -Variables @{ id = $id }

            $result.Errors | Should -HaveCount 0
            $result.Output | Should -HaveCount 2
            $ann = $result.Output[0]
            $ann.psobject.TypeNames[0] | Should -BeExactly 'LabelOps.AngoProjectPerformance'
            (@($ann.psobject.Properties | ForEach-Object Name) -join ',') | Should -BeExactly 'ProjectId,Email,AssignedTasks,CompletedTasks,TotalDuration,AverageDuration'
            $ann.ProjectId | Should -BeExactly $id
            $ann.Email | Should -BeExactly 'ann@example.test'
            $ann.CompletedTasks | Should -Be 2
            $ann.AverageDuration | Should -Be 40
            $result.Output[1].CompletedTasks | Should -Be 0
            $requests = @(Get-EmulatorRequest -Account $account)
            $requests | Should -HaveCount 1
            $requests[0].method | Should -BeExactly 'POST'
            $requests[0].path | Should -BeExactly ('/v2/performance/' + $id)
            $requests[0].body | Should -BeExactly '{}'
        }

        It 'Get-AngoProjectPerformance sends the period in UTC and the users' {
            $result = Invoke-Connected 'Get-AngoProjectPerformance -ProjectId $id -StartDate ([datetime]::new(2020, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)) -EndDate ([datetime]::new(2099, 1, 31, 12, 0, 0, [DateTimeKind]::Utc)) -User bob@example.test' -Variables @{ id = $id }

            $result.Errors | Should -HaveCount 0
            $result.Output | Should -HaveCount 1
            $result.Output[0].Email | Should -BeExactly 'bob@example.test'
            $requests = @(Get-EmulatorRequest -Account $account)
            $requests | Should -HaveCount 1
            # Read with System.Text.Json: ConvertFrom-Json in PowerShell 7 would turn the dates into DateTime.
            $sent = [System.Text.Json.JsonDocument]::Parse([string]$requests[0].body).RootElement
            $sent.GetProperty('startDate').GetString() | Should -BeExactly '2020-01-01T00:00:00.000Z'
            $sent.GetProperty('endDate').GetString() | Should -BeExactly '2099-01-31T12:00:00.000Z'
            @((Get-RequestBody -Request $requests[0]).users)[0] | Should -BeExactly 'bob@example.test'
        }

        It 'Get-AngoProjectPerformance changes nothing so it is retried like a read' {
            Add-EmulatorFault -Account $account -Method 'POST' -Path '/v2/performance/*' -Status 503

            $result = Invoke-Connected 'Get-AngoProjectPerformance -ProjectId $id' -Variables @{ id = $id }

            $result.Errors | Should -HaveCount 0
            $result.Output | Should -HaveCount 2
            @(Get-EmulatorRequest -Account $account) | Should -HaveCount 2
        }

        It 'Get-AngoMetric LabelStageGroups writes one typed row per stage with task counts' {
            $result = Invoke-Connected 'Get-AngoMetric -ProjectId $id -Metric labelstagegroups' -Variables @{ id = $id }

            $result.Errors | Should -HaveCount 0
            (@($result.Output | ForEach-Object { $_.Name }) -join ',') | Should -BeExactly 'Start,Label,Complete'
            (@($result.Output | ForEach-Object { $_.Value }) -join ',') | Should -BeExactly '0,4,0'
            @($result.Output | Where-Object { -not $_.StageId }) | Should -HaveCount 0
            $result.Output | ForEach-Object { $_.Metric | Should -BeExactly 'LabelStageGroups' }
            $result.Output | ForEach-Object { $_.ProjectId | Should -BeExactly $id }
            $result.Output[0].psobject.TypeNames[0] | Should -BeExactly 'LabelOps.AngoMetric'
            (@($result.Output[0].psobject.Properties | ForEach-Object Name) -join ',') | Should -BeExactly 'ProjectId,Metric,Name,StageId,Value'
            $requests = @(Get-EmulatorRequest -Account $account)
            $requests | Should -HaveCount 1
            $requests[0].method | Should -BeExactly 'GET'
            $requests[0].path | Should -BeExactly ('/v2/' + $id + '/overview/LabelStageGroups')
        }

        It 'Get-AngoMetric TimePerTask writes one row per figure, with the same columns as the other metrics' {
            $result = Invoke-Connected 'Get-AngoMetric $id TimePerTask' -Variables @{ id = $id }

            $result.Errors | Should -HaveCount 0
            (@($result.Output | ForEach-Object { $_.Name + '=' + $_.Value }) -join ',') | Should -BeExactly 'CompletedTasks=2,TotalDuration=80,AverageDuration=40'
            (@($result.Output[0].psobject.Properties | ForEach-Object Name) -join ',') | Should -BeExactly 'ProjectId,Metric,Name,StageId,Value'
        }

        It 'Get-AngoMetric for several projects reports the unknown one as NotFound and goes on' {
            $result = Invoke-Connected "'nope', `$id | Get-AngoMetric -Metric AnnotationStatus" -Variables @{ id = $id }

            Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
            (@($result.Output | ForEach-Object { [string]$_.Name + ':' + [string]$_.Value }) -join ',') | Should -BeExactly 'Completed:2,TODO:2'
        }
    }

    It 'Get-AngoProjectPerformance with -EndDate before -StartDate is InvalidArgument and sends nothing' {
        $result = Invoke-Connected 'Get-AngoProjectPerformance -ProjectId p1 -StartDate 2026-02-01 -EndDate 2026-01-01'

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.InvalidArgument'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Get-AngoProjectPerformance for an unknown project is NotFound' {
        $result = Invoke-Connected 'Get-AngoProjectPerformance -ProjectId nope'

        Get-OnlyErrorId $result | Should -BeExactly 'LabelOps.NotFound'
    }

    It 'Get-AngoMetric with a metric outside the SDK enum is refused before sending' {
        $result = Invoke-Connected 'Get-AngoMetric -ProjectId p1 -Metric Throughput'

        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }
}
