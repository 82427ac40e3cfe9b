# What is refused before anything is sent, and what an error tells the user to do next.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Import-LabelOpsModule
    $emulator = Start-TestEmulator
}

Describe 'Input checks and advice' {
    BeforeEach {
        Disconnect-Hitl
        Disconnect-Ango
        $account = New-EmulatorAccount
    }

    AfterEach {
        Disconnect-Hitl
        Disconnect-Ango
    }

    It 'An address that is not an e-mail address is refused before sending (<Command>)' -ForEach @(
        @{ Command = 'Set-AngoTaskAssignee'; Script = { Set-AngoTaskAssignee -ProjectId $projectId -TaskId $task.TaskId -Stage Label -Email 'not-an-email' -Confirm:$false } }
        @{ Command = 'New-AngoOrganizationInvite'; Script = { New-AngoOrganizationInvite -Email 'kim@@example' -Role Member -Confirm:$false } }
        @{ Command = 'Add-AngoProjectMember'; Script = { Add-AngoProjectMember -ProjectId $projectId -Email 'ana@example' -Role Labeler -Confirm:$false } }
    ) {
        Connect-Ango -ApiKey $account.ApiKey -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 -MaximumRetryCount 3
        $projectId = New-EmulatorAngoProject -Account $account -Name 'Mail'
        $task = Add-EmulatorAngoAsset -Account $account -ProjectId $projectId -ExternalId 'a.jpg'
        Clear-EmulatorRequest -Account $account

        $refused = @(& $Script 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.InvalidArgument*'
        $refused[0].Exception.Message | Should -BeLike '*Not an e-mail address*'
        @(Get-EmulatorRequest -Account $account) | Should -HaveCount 0
    }

    It 'Connect-Ango takes the bare host, as Connect-Hitl does, and talks to its /v2/ API' {
        $session = Connect-Ango -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -PassThru

        $session.BaseUri.AbsoluteUri | Should -BeExactly ($emulator.BaseUri.AbsoluteUri + 'v2/')
        @(Get-EmulatorRequest -Account $account -PathPrefix '/v2/') | Should -Not -HaveCount 0
    }

    It 'A refused key names the Connect cmdlet of the service that refused it (<Service>)' -ForEach @(
        @{ Service = 'Ango'; Expected = 'Connect-Ango'; Other = 'Connect-Hitl' }
        @{ Service = 'Hitl'; Expected = 'Connect-Hitl'; Other = 'Connect-Ango' }
    ) {
        $wrong = ConvertTo-SecureString ($account.PlainKey + '-wrong') -AsPlainText -Force
        $caught = $null

        try {
            if ($Service -eq 'Ango') { Connect-Ango -ApiKey $wrong -BaseUri (Get-AngoTestUri) -RetryInterval 0.01 }
            else { Connect-Hitl -ApiKey $wrong -BaseUri $emulator.BaseUri -RetryInterval 0.01 }
        }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'LabelOps.Unauthorized*'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike "*$Expected*"
        $caught.ErrorDetails.RecommendedAction | Should -Not -BeLike "*$Other*"
    }

    It 'A server error is categorised ResourceUnavailable, not a connection error' {
        Connect-Hitl -ApiKey $account.ApiKey -BaseUri $emulator.BaseUri -RetryInterval 0.01 -MaximumRetryCount 1
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Down' -Status 'active'
        Add-EmulatorFault -Account $account -Method 'GET' -Path '/v1/jobs/*' -Status 500 -Times 5

        $null = Get-HitlJob -ProjectId $projectId -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LabelOps.ServerError*'
        $failed[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceUnavailable)
    }
}
