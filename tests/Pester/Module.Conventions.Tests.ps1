# The PowerShell habits users expect, over every exported cmdlet, each exception with its reason: approved verbs,
# singular nouns with the service prefix, WhatIf and Confirm, declared output types, ids bound from the pipeline,
# paging, singular parameter names, and parameter help that matches the code.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $cmdlets = @(Get-Command -Module LabelOps -CommandType Cmdlet)
    $common = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable',
        'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm')
    # Get/Test/Wait/ConvertFrom read; Connect/Disconnect change only this runspace's default session; Export reads the project.
    $stateChangingVerbs = @('New', 'Set', 'Remove', 'Stop', 'Move', 'Add', 'Import', 'Send', 'Invoke', 'Save')
    $notPaged = @('Get-HitlSession', 'Get-AngoSession', 'Get-HitlProject', 'Get-HitlJob', 'Get-HitlMetric', 'Get-HitlEgressIp',
        'Get-AngoBatch', 'Get-AngoCategorySchema', 'Get-AngoWorkflow', 'Get-AngoMetric', 'Get-AngoProjectPerformance', 'Get-AngoTaskHistory')
    $idsNotFromThePipeline = @('Add-AngoAsset -ProjectId', 'Add-AngoAttachment -ProjectId', 'Add-AngoChatAsset -ProjectId',
        'Import-AngoLabel -ProjectId', 'Add-AngoAsset -StorageId', 'Add-AngoAsset -ExternalId', 'Add-AngoAttachment -ExternalId',
        'Add-AngoAttachment -AssetId', 'Get-AngoAsset -ExternalId', 'Move-AngoTask -ExternalId', 'Move-AngoTask -AssetId',
        'Get-AngoTaskHistory -HistoryId')
    $singularWordsEndingInS = @('Status', 'Address', 'Progress', 'Class', 'Alias', 'Access')
    $pluralNamesInTheContract = @('ExpirationMinutes', 'IncludeTotalCount')

    function Get-LastWord([string] $PascalCase) {
        $words = [regex]::Split($PascalCase, '(?<=[a-z0-9])(?=[A-Z])')
        $words[$words.Length - 1]
    }

    function Test-Plural([string] $Word) {
        $Word.Length -gt 2 -and $Word.EndsWith('s') -and -not $Word.EndsWith('ss') -and $singularWordsEndingInS -notcontains $Word
    }

    function Get-CmdletAttribute($Cmdlet) {
        $Cmdlet.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
    }
}

Describe 'PowerShell conventions' {
    It 'Every verb is an approved verb' {
        $approved = @(Get-Verb | ForEach-Object { $_.Verb })
        @($cmdlets | Where-Object { $approved -cnotcontains $_.Verb } | ForEach-Object { $_.Name }) | Should -HaveCount 0
    }

    It 'Every noun is singular and starts with the service prefix' {
        @($cmdlets | Where-Object { -not ($_.Noun.StartsWith('Hitl') -or $_.Noun.StartsWith('Ango')) -or (Test-Plural (Get-LastWord $_.Noun)) } |
                ForEach-Object { $_.Name }) | Should -HaveCount 0
    }

    It 'Every state-changing cmdlet supports WhatIf and Confirm' {
        @($cmdlets | Where-Object { $stateChangingVerbs -contains $_.Verb -and -not (Get-CmdletAttribute $_).SupportsShouldProcess } |
                ForEach-Object { $_.Name }) | Should -HaveCount 0
    }

    It 'Every cmdlet declares its output type' {
        @($cmdlets | Where-Object { @($_.OutputType).Count -eq 0 } | ForEach-Object { $_.Name }) | Should -HaveCount 0
    }

    It 'Every id parameter binds from the pipeline by property name' {
        $offenders = foreach ($cmdlet in $cmdlets) {
            foreach ($parameter in $cmdlet.Parameters.Values) {
                if (-not $parameter.Name.EndsWith('Id') -or $common -contains $parameter.Name) { continue }
                $byName = @($parameter.ParameterSets.Values | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
                $key = $cmdlet.Name + ' -' + $parameter.Name
                if (-not $byName -and $idsNotFromThePipeline -notcontains $key) { $key }
            }
        }
        @($offenders) | Should -HaveCount 0
    }

    It 'Every list cmdlet supports paging' {
        # SupportsPaging, or -First, -Skip and -IncludeTotalCount of its own where by-id reads must not show them.
        @($cmdlets | Where-Object {
                $_.Verb -eq 'Get' -and $notPaged -notcontains $_.Name -and
                -not ($_.Parameters.ContainsKey('First') -and $_.Parameters.ContainsKey('Skip') -and $_.Parameters.ContainsKey('IncludeTotalCount'))
            } | ForEach-Object { $_.Name }) | Should -HaveCount 0
    }

    It 'A by-id read shows no paging parameters' {
        $offenders = foreach ($cmdlet in $cmdlets) {
            foreach ($set in @($cmdlet.ParameterSets | Where-Object { $_.Name -eq 'ById' })) {
                foreach ($name in 'First', 'Skip', 'IncludeTotalCount') {
                    if (@($set.Parameters | Where-Object { $_.Name -eq $name }).Count -gt 0) { $cmdlet.Name + ' ' + $set.Name + ' -' + $name }
                }
            }
        }
        @($cmdlets | Where-Object { @($_.ParameterSets | Where-Object { $_.Name -eq 'ById' }).Count -gt 0 }).Count | Should -BeGreaterThan 1
        @($offenders) | Should -HaveCount 0
    }

    It 'No parameter is named in the plural' {
        $offenders = foreach ($cmdlet in $cmdlets) {
            foreach ($name in $cmdlet.Parameters.Keys) {
                if ($common -contains $name -or $pluralNamesInTheContract -contains $name) { continue }
                if (Test-Plural (Get-LastWord $name)) { $cmdlet.Name + ' -' + $name }
            }
        }
        @($offenders) | Should -HaveCount 0
    }

    It 'Every parameter is documented and help documents no other' {
        $offenders = foreach ($cmdlet in $cmdlets) {
            $help = Get-Help $cmdlet.Name -Full
            foreach ($name in $cmdlet.Parameters.Keys) {
                if ($common -contains $name) { continue }
                $documented = @($help.parameters.parameter | Where-Object { $_.name -eq $name })
                $text = ($documented | ForEach-Object { $_.description } | ForEach-Object { $_.Text }) -join ' '
                if ($documented.Count -eq 0 -or -not $text.Trim()) { $cmdlet.Name + ' -' + $name }
            }
            # A parameter that was renamed or removed must leave the help too.
            foreach ($documented in @($help.parameters.parameter)) {
                $name = [string]$documented.name
                if ($name -and $common -notcontains $name -and -not $cmdlet.Parameters.ContainsKey($name)) { $cmdlet.Name + ' -' + $name + ' (documented, not a parameter)' }
            }
        }
        @($offenders) | Should -HaveCount 0
    }
}

Describe 'Parameter help' {
    It 'Every parameter''s help states its type and pipeline input as the code has them' {
        $offenders = foreach ($cmdlet in $cmdlets) {
            $help = @((Get-Help $cmdlet.Name -Full).parameters.parameter)
            foreach ($parameter in $cmdlet.Parameters.Values) {
                if ($common -contains $parameter.Name) { continue }
                $documented = @($help | Where-Object { $_.name -eq $parameter.Name })
                if ($documented.Count -eq 0) { continue }
                $byValue = @($parameter.ParameterSets.Values | Where-Object { $_.ValueFromPipeline }).Count -gt 0
                $byName = @($parameter.ParameterSets.Values | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
                $pipeline = [string]$documented[0].pipelineInput
                if ($pipeline.StartsWith('True') -ne ($byValue -or $byName) -or ($pipeline -like '*ByValue*') -ne $byValue -or ($pipeline -like '*ByPropertyName*') -ne $byName) {
                    $cmdlet.Name + ' -' + $parameter.Name + ': ' + $pipeline
                }
                $type = $parameter.ParameterType
                $underlying = [Nullable]::GetUnderlyingType($type)
                if ($null -ne $underlying) { $type = $underlying }
                $shortName = @(([string]$documented[0].type.name).Trim() -split '\.')[-1]
                if ($shortName -ne $type.Name) {
                    $cmdlet.Name + ' -' + $parameter.Name + ': type ' + $shortName + ' vs ' + $type.Name
                }
            }
        }
        @($offenders) | Should -HaveCount 0
    }
}
