# Living beside other modules: a fresh PowerShell process (this one already has the module loaded) imports LabelOps and
# creates a HITL job, after another module's older Polly.Core and a System.Text.Json were loaded first, and from a
# copy of the module folder. Both packages come from the NuGet package folder, where `dotnet restore` puts them
# (tests/LabelOps.ModuleHost/LabelOps.ModuleHost.csproj downloads them).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    $emulator = Start-TestEmulator
    $moduleFolder = Split-Path -Parent (Get-LabelOpsManifestPath)
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $packages = Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
    }
    $otherPolly = [System.IO.Path]::Combine($packages, 'polly.core', '8.1.0', 'lib', 'netstandard2.0', 'Polly.Core.dll')
    $otherJson = [System.IO.Path]::Combine($packages, 'system.text.json', '8.0.5', 'lib', 'net8.0', 'System.Text.Json.dll')

    function Invoke-LoadingScenario {
        # Runs the scenario in a new process of this same PowerShell; returns its output lines and exit code.
        param([string] $Manifest, [string[]] $Preload = @())
        $account = New-EmulatorAccount
        $projectId = New-EmulatorHitlProject -Account $account -Name 'Isolation'
        $script = Join-Path $TestDrive 'scenario.ps1'
        Set-Content -Path $script -Encoding UTF8 -Value @'
param($Manifest, $Preload, $ProjectId)
$ErrorActionPreference = 'Stop'
foreach ($file in ($Preload -split ';' | Where-Object { $_ })) { Add-Type -Path $file }
Import-Module $Manifest
$job = New-HitlJob -ProjectId $ProjectId -FileUrl 'https://example.com/isolation.jpg'
"hitl job $($job.JobId)"
# The public types load in the default context, so PowerShell names them as users write them.
"typed|$($job -is [LabelOps.HitlJob])|$(try { Get-HitlJob -ProjectId $ProjectId -JobId missing -ErrorAction Stop } catch [LabelOps.LabelOpsException] { $_.Exception.Reason })"
foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
    if ($assembly.GetName().Name -in 'LabelOps.Engine', 'LabelOps.Model', 'Polly.Core') {
        $context = 'Default'
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $found = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
            if ($found -ne [System.Runtime.Loader.AssemblyLoadContext]::Default) { $context = $found.GetType().Name }
        }
        "assembly|$($assembly.GetName().Name)|$context|$($assembly.Location)"
    }
}
'@
        $saved = Get-HitlEnvironment
        Set-HitlEnvironment @{ HITL_API_KEY = $account.PlainKey; HITL_BASE_URI = $emulator.BaseUri.AbsoluteUri }
        try {
            $arguments = @('-NoProfile', '-NonInteractive', '-File', $script, '-Manifest', $Manifest, '-ProjectId', $projectId)
            if ($Preload.Count -gt 0) {
                # Native arguments are strings: one list, split again in the scenario.
                $arguments += @('-Preload', ($Preload -join ';'))
            }
            # $PSHOME/pwsh is this PowerShell whether it runs as an installed pwsh or as the dotnet global tool
            # (whose process is dotnet itself).
            $output = & (Join-Path $PSHOME 'pwsh') @arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = @($output | ForEach-Object { "$_" }); Account = $account }
        }
        finally {
            Set-HitlEnvironment $saved
        }
    }
}

Describe 'Living beside other modules' {
    It 'Imports and runs after another module loaded an older Polly and a System Text Json' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        Test-Path $otherPolly | Should -BeTrue
        Test-Path $otherJson | Should -BeTrue
        $run = Invoke-LoadingScenario -Manifest (Get-LabelOpsManifestPath) -Preload $otherPolly, $otherJson

        $run.ExitCode | Should -Be 0 -Because ($run.Lines -join "`n")
        ($run.Lines -match '^hitl job \w+') | Should -HaveCount 1
        @(Get-EmulatorRequest -Account $run.Account | Where-Object { $_.method -eq 'POST' -and $_.path -like '/v1/jobs*' }) | Should -HaveCount 1
        $run.Lines | Should -Contain "assembly|Polly.Core|Default|$otherPolly"
        $run.Lines | Should -Contain ('assembly|Polly.Core|IsolatedDependencyContext|' + [System.IO.Path]::Combine($moduleFolder, 'Dependencies', 'Polly.Core.dll'))
        $run.Lines | Should -Contain ('assembly|LabelOps.Engine|IsolatedDependencyContext|' + [System.IO.Path]::Combine($moduleFolder, 'Dependencies', 'LabelOps.Engine.dll'))
        $run.Lines | Should -Contain ('assembly|LabelOps.Model|Default|' + [System.IO.Path]::Combine($moduleFolder, 'LabelOps.Model.dll'))
        $run.Lines | Should -Contain 'typed|True|NotFound'
    }

    It 'Imports from a copy of the module folder anywhere' {
        $copy = Join-Path $TestDrive 'Modules/LabelOps'
        New-Item -ItemType Directory -Path (Split-Path -Parent $copy) -Force | Out-Null
        Copy-Item -Path $moduleFolder -Destination $copy -Recurse
        $run = Invoke-LoadingScenario -Manifest (Join-Path $copy 'LabelOps.psd1')

        $run.ExitCode | Should -Be 0 -Because ($run.Lines -join "`n")
        ($run.Lines -match '^hitl job \w+') | Should -HaveCount 1
        $engine = @($run.Lines -match '^assembly\|LabelOps\.Engine\|')
        $engine | Should -HaveCount 1
        $engine[0] | Should -BeLike ('*|' + [System.IO.Path]::Combine($copy, 'Dependencies', 'LabelOps.Engine.dll'))
    }

    It 'Imports from the gallery package unpacked as Install-PSResource does' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $version = (Test-ModuleManifest -Path (Get-LabelOpsManifestPath)).Version
        $package = Join-Path (Get-RepositoryRoot) "out/LabelOps.$version.nupkg"
        $unpacked = Join-Path $TestDrive "Modules/LabelOps/$version"
        [System.IO.Compression.ZipFile]::ExtractToDirectory($package, $unpacked)
        Remove-Item -Recurse -Force (Join-Path $unpacked 'package')
        $run = Invoke-LoadingScenario -Manifest (Join-Path $unpacked 'LabelOps.psd1')

        $run.ExitCode | Should -Be 0 -Because ($run.Lines -join "`n")
        ($run.Lines -match '^hitl job \w+') | Should -HaveCount 1
        $engine = @($run.Lines -match '^assembly\|LabelOps\.Engine\|')
        $engine | Should -HaveCount 1
        $engine[0] | Should -BeLike ('*|' + [System.IO.Path]::Combine($unpacked, 'Dependencies', 'LabelOps.Engine.dll'))
    }
}
