#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages LabelOps.
.DESCRIPTION
    For people who have pwsh. The dotnet commands never need this script: `dotnet build` lays out the module in
    out/LabelOps and `dotnet test` runs every .NET test. This script adds what needs PowerShell modules:
    Pester 5 for tests/Pester, PlatyPS for help (falling back to the repository's own help compiler), and a
    checked .nupkg for Publish-PSResource -NupkgPath.
.EXAMPLE
    ./build.ps1 Build, Test
.EXAMPLE
    ./build.ps1 Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/LabelOps'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' {
            Invoke-Dotnet build (Join-Path $root 'LabelOps.sln') -c $Configuration
            Test-ModuleManifest (Join-Path $moduleDir 'LabelOps.psd1') | Out-Null
            Write-Host "Module laid out in $moduleDir"
        }
        'Test' {
            Invoke-Dotnet test (Join-Path $root 'LabelOps.sln') -c $Configuration
            $pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version -ge [version]'5.0' } | Select-Object -First 1
            if ($pester) {
                Import-Module $pester
                $result = Invoke-Pester -Path (Join-Path $root 'tests/Pester') -PassThru -Output Detailed
                if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
            }
            else {
                Write-Warning 'Pester 5 is not installed; skipped tests/Pester (the .NET tests cover the same behaviours).'
            }
        }
        'Docs' {
            $helpOut = Join-Path $moduleDir 'en-US'
            if (Get-Module platyPS -ListAvailable) {
                Import-Module platyPS
                New-ExternalHelp -Path (Join-Path $root 'docs/en-US') -OutputPath $helpOut -Force | Out-Null
            }
            else {
                # PlatyPS cannot be installed where LabelOps is usually built; the repository's compiler reads the same markdown.
                Invoke-Dotnet run --project (Join-Path $root 'src/LabelOps.HelpCompiler') -- (Join-Path $root 'docs/en-US') $helpOut
            }
            Write-Host "Help compiled into $helpOut"
        }
        'Package' {
            # The same package `dotnet build` writes (src/LabelOps.Package): the module folder at the package root and a
            # nuspec made from the manifest with the gallery's tags. tests/Pester/Module.Package.Tests.ps1 checks it.
            Invoke-Dotnet pack (Join-Path $root 'src/LabelOps.Package') -c $Configuration
            $manifest = Test-ModuleManifest (Join-Path $moduleDir 'LabelOps.psd1') -ErrorAction Stop
            $package = Join-Path $root "out/LabelOps.$($manifest.Version).nupkg"
            if (-not (Test-Path $package)) { throw "dotnet pack did not write $package" }
            Write-Host "Package written: $package"
            Write-Host "Publish it with: Publish-PSResource -NupkgPath $package -Repository PSGallery -ApiKey <key>"
            Get-Item $package
        }
    }
}
