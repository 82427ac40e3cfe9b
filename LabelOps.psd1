@{
    RootModule           = 'LabelOps.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0b7d4e-6f7e-4f38-9c55-2c1f0e3a9a41'
    Author               = 'LabelOps'
    CompanyName          = 'LabelOps'
    Copyright            = '(c) LabelOps contributors. MIT licence.'
    Description          = 'Run data-labeling operations on Humans in the Loop and Ango Hub from PowerShell pipelines, scheduled scripts and Azure Automation runbooks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('LabelOps.format.ps1xml')
    TypesToProcess       = @('LabelOps.types.ps1xml')
    # Loaded before RootModule: makes the engine and its dependencies (in Dependencies/) load in their own
    # AssemblyLoadContext on PowerShell 7, from that folder on Windows PowerShell 5.1. See docs/module-loading.md.
    # The public types ([LabelOps.HitlJob], sessions, LabelOpsException): in the default load context, where PowerShell
    # resolves type names. Loaded before anything that names them.
    RequiredAssemblies   = @('LabelOps.Model.dll')
    NestedModules        = @('LabelOps.Loading.dll')
    CmdletsToExport      = @(
        'Connect-Hitl'
        'Disconnect-Hitl'
        'Get-HitlSession'
        'Test-HitlConnection'
        'New-HitlProject'
        'Get-HitlProject'
        'New-HitlJob'
        'Get-HitlJob'
        'Stop-HitlJob'
        'Wait-HitlJob'
        'Get-HitlMetric'
        'Get-HitlEgressIp'
        'Save-HitlJobFile'
        'ConvertFrom-HitlWebhook'
        'Connect-Ango'
        'Disconnect-Ango'
        'Get-AngoSession'
        'Test-AngoConnection'
        'Get-AngoProject'
        'New-AngoProject'
        'Get-AngoCategorySchema'
        'Set-AngoCategorySchema'
        'Get-AngoWorkflow'
        'Set-AngoWorkflow'
        'Add-AngoProjectMember'
        'Set-AngoProjectInstruction'
        'Get-AngoProjectPerformance'
        'Get-AngoMetric'
        'Get-AngoTask'
        'Set-AngoTaskAssignee'
        'Move-AngoTask'
        'Get-AngoTaskHistory'
        'Invoke-AngoWebhook'
        'Import-AngoLabel'
        'Get-AngoAsset'
        'Add-AngoAsset'
        'Add-AngoChatAsset'
        'Send-AngoChatFile'
        'Add-AngoAttachment'
        'Get-AngoBatch'
        'New-AngoBatch'
        'Add-AngoBatchAsset'
        'Export-AngoAnnotation'
        'Get-AngoIssue'
        'New-AngoIssue'
        'Remove-AngoIssue'
        'Get-AngoStorage'
        'New-AngoStorage'
        'Remove-AngoStorage'
        'Get-AngoOrganizationMember'
        'Remove-AngoOrganizationMember'
        'Set-AngoOrganizationMemberRole'
        'Get-AngoOrganizationInvite'
        'New-AngoOrganizationInvite'
        'Remove-AngoOrganizationInvite'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('labeling', 'annotation', 'data-labeling', 'HumansInTheLoop', 'HITL', 'Ango', 'AngoHub', 'iMerit', 'MLOps', 'AzureAutomation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/labelops/labelops'
            LicenseUri   = 'https://github.com/labelops/labelops/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: first release. Humans in the Loop API v1 (projects, jobs, wait, metrics, egress IP, job files, webhooks) and Ango Hub API v2 (projects as code, tasks, assets, batches, exports, issues, storages, organisation); one engine for sessions, retries that never duplicate a create, paging and errors, with its dependencies in their own AssemblyLoadContext on PowerShell 7; an emulator of both services. See https://github.com/labelops/labelops/blob/main/CHANGELOG.md'
        }
    }
}
