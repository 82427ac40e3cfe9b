# The gallery package: the manifest is clean and carries the gallery metadata, out/LabelOps.<version>.nupkg (written
# by `dotnet build` through src/LabelOps.Package) holds the module folder with a nuspec made from the manifest, and
# the manifest is still clean once the package is unpacked as Install-PSResource lays it out.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'LabelOps.TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $root = Get-RepositoryRoot
    $manifestPath = Get-LabelOpsManifestPath
    $moduleFolder = Split-Path -Parent $manifestPath
    $packagingFiles = @('LabelOps.nuspec', '[Content_Types].xml', '_rels/.rels')

    function Test-CleanManifest {
        param([string] $Path)
        $warnings = $null
        $module = Test-ModuleManifest -Path $Path -ErrorAction Stop -WarningVariable warnings
        @($warnings) | Should -HaveCount 0
        $module
    }

    function Get-PackagePath {
        $module = Test-ModuleManifest -Path $manifestPath
        $path = Join-Path $root "out/LabelOps.$($module.Version).nupkg"
        Test-Path $path | Should -BeTrue -Because 'the build writes the package'
        $path
    }

    function Get-PackageEntry {
        $zip = [System.IO.Compression.ZipFile]::OpenRead((Get-PackagePath))
        try {
            foreach ($entry in $zip.Entries) { [Uri]::UnescapeDataString($entry.FullName) }
        }
        finally {
            $zip.Dispose()
        }
    }

    function Get-PackageNuspec {
        $zip = [System.IO.Compression.ZipFile]::OpenRead((Get-PackagePath))
        try {
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('LabelOps.nuspec').Open())
            ([xml]$reader.ReadToEnd()).package.metadata
        }
        finally {
            $zip.Dispose()
        }
    }
}

Describe 'The gallery package and its manifest' {
    It 'Test-ModuleManifest is clean and carries the gallery metadata' {
        $module = Test-CleanManifest $manifestPath

        $module.Name | Should -BeExactly 'LabelOps'
        @($module.NestedModules | ForEach-Object Name) | Should -Be @('LabelOps.Loading')
        $module.Tags | Should -Contain 'PSEdition_Desktop'
        $module.Tags | Should -Contain 'PSEdition_Core'
        $module.ProjectUri.Scheme | Should -BeExactly 'https'
        $module.LicenseUri.Scheme | Should -BeExactly 'https'
        $module.ReleaseNotes | Should -Match 'Humans in the Loop API v1'
        $module.ReleaseNotes | Should -Match 'Ango Hub API v2'
        $module.LicenseUri.AbsolutePath | Should -BeLike '*/LICENSE'
        (Get-Content -Raw (Join-Path $root 'LICENSE')) | Should -BeLike 'MIT License*'
        (Get-Content -Raw (Join-Path $root 'CHANGELOG.md')) | Should -Match ('(?m)^## \[' + [regex]::Escape("$($module.Version)") + '\]')
    }

    It 'The manifest exports exactly the cmdlets the module has' {
        $listed = @((Test-CleanManifest $manifestPath).ExportedCmdlets.Keys | Sort-Object)
        $imported = Start-Job -ScriptBlock { param($m) Import-Module $m; (Get-Module LabelOps).ExportedCmdlets.Keys } -ArgumentList $manifestPath |
            Receive-Job -Wait -AutoRemoveJob
        @($imported | Sort-Object) | Should -Be $listed
    }

    It 'Package holds the module folder as the gallery lays it out' {
        $entries = @(Get-PackageEntry)
        $moduleEntries = @($entries | Where-Object { $_ -notin $packagingFiles -and $_ -notlike 'package/services/metadata/*' } | Sort-Object)
        $moduleFiles = @(Get-ChildItem -Path $moduleFolder -Recurse -File | ForEach-Object {
                $_.FullName.Substring($moduleFolder.Length + 1).Replace('\', '/')
            } | Sort-Object)

        $moduleEntries | Should -Be $moduleFiles
        foreach ($expected in 'LabelOps.nuspec', 'LabelOps.psd1', 'LabelOps.dll', 'LabelOps.Loading.dll', 'LabelOps.format.ps1xml',
            'LabelOps.types.ps1xml', 'en-US/LabelOps.dll-Help.xml', 'en-US/about_LabelOps.help.txt', 'Dependencies/LabelOps.Engine.dll',
            'Dependencies/Polly.Core.dll', 'Dependencies/System.Text.Json.dll', 'LabelOps.Model.dll',
            'Dependencies/netcore/Microsoft.Bcl.AsyncInterfaces.dll') {
            $entries | Should -Contain $expected
        }
        @($entries | Where-Object { $_ -like 'lib/*' }) | Should -HaveCount 0
        # Beside the manifest: the cmdlets, the loader, and the public types (models, sessions, LabelOpsException),
        # which load in the default context so PowerShell can name them (docs/module-loading.md).
        @($entries | Where-Object { $_ -notlike '*/*' -and $_ -like '*.dll' } | Sort-Object) | Should -Be @('LabelOps.dll', 'LabelOps.Loading.dll', 'LabelOps.Model.dll')
    }

    It 'The manifest inside the package is clean where Install-PSResource unpacks it' {
        # What Install-PSResource does: the package, less NuGet's own files, becomes <Modules>/LabelOps/<version>.
        $version = "$((Test-CleanManifest $manifestPath).Version)"
        $unpacked = Join-Path ([System.IO.Path]::GetTempPath()) ('labelops-package-' + [Guid]::NewGuid().ToString('N'))
        $target = [System.IO.Path]::Combine($unpacked, 'LabelOps', $version)
        try {
            [System.IO.Compression.ZipFile]::ExtractToDirectory((Get-PackagePath), $target)
            foreach ($file in $packagingFiles) { Remove-Item -LiteralPath (Join-Path $target $file) -Force -ErrorAction Stop } # .rels is hidden on Unix
            Remove-Item -LiteralPath (Join-Path $target '_rels'), (Join-Path $target 'package') -Recurse -Force -ErrorAction Stop

            $module = Test-CleanManifest (Join-Path $target 'LabelOps.psd1')

            "$($module.Version)" | Should -BeExactly $version
            $module.ModuleBase | Should -BeExactly $target
        }
        finally {
            Remove-Item -LiteralPath $unpacked -Recurse -Force
        }
    }

    It 'Package metadata is the manifest with the tags the gallery expects' {
        $module = Test-CleanManifest $manifestPath
        $nuspec = Get-PackageNuspec

        $nuspec.id | Should -BeExactly 'LabelOps'
        $nuspec.version | Should -BeExactly "$($module.Version)"
        $nuspec.description | Should -BeExactly $module.Description
        $nuspec.authors | Should -BeExactly $module.Author
        $nuspec.projectUrl | Should -BeExactly $module.ProjectUri.AbsoluteUri
        $nuspec.licenseUrl | Should -BeExactly $module.LicenseUri.AbsoluteUri
        $nuspec.releaseNotes | Should -BeExactly $module.ReleaseNotes
        $tags = @($nuspec.tags -split ' ')
        foreach ($tag in @($module.Tags) + @('PSModule', 'PSIncludes_Cmdlet')) {
            $tags | Should -Contain $tag
        }
        foreach ($cmdlet in $module.ExportedCmdlets.Keys) {
            $tags | Should -Contain "PSCmdlet_$cmdlet"
            $tags | Should -Contain "PSCommand_$cmdlet"
        }
    }
}
