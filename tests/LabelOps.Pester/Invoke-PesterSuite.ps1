<#
    Runs the whole Pester suite (tests/Pester) in this PowerShell and ends with the lines `dotnet test` writes for an
    xunit run ("Total tests: N", "     Passed: N", "     Failed: N"), so one closing count covers both. Exits 1 when a
    test or a container (a file's BeforeAll, a Describe block) failed. Called by LabelOps.Pester.csproj after
    `dotnet test`'s VSTest target; by hand: dotnet tool run pwsh -File tests/LabelOps.Pester/Invoke-PesterSuite.ps1.
#>
param(
    [string] $PesterManifest = (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages/pester/5.7.1/tools/Pester.psd1'),
    [string] $ResultPath = (Join-Path $PSScriptRoot '../../out/pester/results.xml'),
    # Pester's full-name filter (wildcards), to run part of the suite.
    [string[]] $FullName
)
# No $ErrorActionPreference here: the tests run in this scope's children and would inherit it.
Import-Module $PesterManifest -ErrorAction Stop
$root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $ResultPath) -ErrorAction Stop

$configuration = New-PesterConfiguration
$configuration.Run.Path = Join-Path $root 'tests/Pester'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
if ($FullName) { $configuration.Filter.FullName = $FullName }

"Pester $((Get-Module Pester).Version) in PowerShell $($PSVersionTable.PSVersion) ($PSHOME)"
$run = Invoke-Pester -Configuration $configuration

# A failed container (BeforeAll, a file that does not parse) leaves its tests failed or not run: count it too.
$failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
foreach ($test in $run.Failed) {
    '[-] ' + $test.ExpandedPath + ': ' + (($test.ErrorRecord | Select-Object -First 1).Exception.Message -split "`n")[0]
}
''
'Pester results: ' + $ResultPath
'Total tests: ' + ($run.PassedCount + $failed)
'     Passed: ' + $run.PassedCount
'     Failed: ' + $failed
if ($failed -gt 0) { exit 1 }
exit 0
