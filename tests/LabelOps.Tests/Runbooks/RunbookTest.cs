using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using LabelOps.Json;
using LabelOps.Tests.Infrastructure;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>
    /// Runs a runbook of samples/runbooks as Azure Automation would: the Automation asset cmdlets answer with this
    /// account's key and the emulator's addresses, and the runbook gets its parameters and no prompt. The hosted
    /// engine has only the Microsoft.PowerShell.Core cmdlets, so the few built-ins the runbooks use from
    /// Microsoft.PowerShell.Utility and .Management get small stand-ins here (the runbooks stay as users write them).
    /// </summary>
    public abstract class RunbookTest : AngoTest
    {
        /// <summary>
        /// Stand-ins for Get-AutomationPSCredential and Get-AutomationVariable (which throw for a missing asset, as
        /// in Azure Automation, and note each call in $AutomationCalls), and for the built-ins the hosted engine lacks.
        /// Each behaves as its real counterpart does for the parameters the runbooks pass.
        /// </summary>
        private const string StandIns = @"
function global:Get-AutomationPSCredential {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    $AutomationCalls.Add('Credential:' + $Name)
    if (-not $AutomationCredentials.ContainsKey($Name)) { throw ""Credential asset not found: $Name"" }
    $AutomationCredentials[$Name]
}
function global:Get-AutomationVariable {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Name)
    $AutomationCalls.Add('Variable:' + $Name)
    if (-not $AutomationVariables.ContainsKey($Name)) { throw ""Variable asset not found: $Name"" }
    $AutomationVariables[$Name]
}
function global:Write-Verbose {
    [CmdletBinding()] param([Parameter(Mandatory = $true, Position = 0)][AllowEmptyString()][string] $Message)
    $PSCmdlet.WriteVerbose($Message)
}
function global:Write-Error {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $Message, $TargetObject)
    $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), 'Microsoft.PowerShell.Commands.WriteErrorException', 'NotSpecified', $TargetObject))
}
function global:Get-ChildItem {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $LiteralPath, [string] $Filter = '*', [switch] $File)
    $files = [System.IO.DirectoryInfo]::new($LiteralPath).GetFiles($Filter)
    [System.Array]::Sort($files, [System.Comparison[System.IO.FileInfo]] { param($a, $b) [string]::CompareOrdinal($a.Name, $b.Name) })
    $files
}
function global:Import-Csv {
    [CmdletBinding()] param([Parameter(Mandatory = $true)][string] $LiteralPath)
    $parser = [Microsoft.VisualBasic.FileIO.TextFieldParser]::new($LiteralPath)
    try {
        $parser.SetDelimiters(',')
        $parser.HasFieldsEnclosedInQuotes = $true
        $header = $parser.ReadFields()
        while (-not $parser.EndOfData) {
            $cells = $parser.ReadFields()
            $row = [ordered]@{}
            for ($i = 0; $i -lt $header.Count; $i++) { $row[$header[$i]] = if ($i -lt $cells.Count) { $cells[$i] } else { $null } }
            [pscustomobject]$row
        }
    }
    finally { $parser.Dispose() }
}
function global:Export-Csv {
    [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)] $InputObject, [Parameter(Mandatory = $true)][string] $LiteralPath, [switch] $NoTypeInformation, [string] $Encoding)
    begin { $lines = [System.Collections.Generic.List[string]]::new(); $columns = $null }
    process {
        if ($null -eq $columns) {
            $columns = @($InputObject.PSObject.Properties | ForEach-Object { $_.Name })
            $lines.Add((($columns | ForEach-Object { '""' + $_.Replace('""', '""""') + '""' }) -join ','))
        }
        $item = $InputObject
        $lines.Add((($columns | ForEach-Object { '""' + ([string]$item.$_).Replace('""', '""""') + '""' }) -join ','))
    }
    end { [System.IO.File]::WriteAllLines($LiteralPath, $lines) }
}
function global:ConvertTo-Json {
    [CmdletBinding()] param([Parameter(Mandatory = $true, ValueFromPipeline = $true)][AllowNull()] $InputObject, [int] $Depth = 2, [switch] $Compress)
    process { $JsonText.Invoke($InputObject, [bool]$Compress) }
}
";

        protected RunbookTest()
        {
            Folder = Path.Combine(Path.GetTempPath(), "labelops-runbook-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            AngoBaseUri = new Uri(Emulator.BaseUri, "v2/").ToString();
            AutomationCalls = new List<string>();
            Shell.SetVariable("AutomationCalls", AutomationCalls);
            Shell.SetVariable("AutomationCredentials", new Hashtable
            {
                ["Ango"] = new PSCredential("ango", HitlTest.SecureText(Account.ApiKey)),
                ["HITL"] = new PSCredential("hitl", HitlTest.SecureText(Account.ApiKey)),
            });
            Shell.SetVariable("AutomationVariables", new Hashtable
            {
                ["AngoBaseUri"] = AngoBaseUri,
                ["HitlBaseUri"] = Emulator.BaseUri.ToString(),
            });
            Shell.SetVariable("JsonText", new Func<object?, bool, string>(ToJson));
            Shell.Run(StandIns).ThrowIfFailed();
        }

        /// <summary>A fresh temporary folder for the runbook's input and output files.</summary>
        protected string Folder { get; }

        protected string AngoBaseUri { get; }

        /// <summary>The Automation asset calls the runbooks made, as 'Credential:Name' and 'Variable:Name'.</summary>
        protected List<string> AutomationCalls { get; }

        /// <summary>Runs samples/runbooks/<paramref name="runbook"/> with the parameters, as a scheduled job would.</summary>
        protected PowerShellResult RunRunbook(string runbook, Hashtable parameters) =>
            Shell.Run(
                "& $Runbook @RunbookParameters",
                new Dictionary<string, object?>
                {
                    ["Runbook"] = Path.Combine(RepositoryPaths.Root, "samples", "runbooks", runbook),
                    ["RunbookParameters"] = parameters,
                });

        /// <summary>What ConvertTo-Json writes for the values the runbooks serialise (dictionaries, lists, scalars).</summary>
        private static string ToJson(object? value, bool compress)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !compress }))
            {
                FreeformJsonConverter.WriteValue(writer, value is PSObject wrapped ? wrapped.BaseObject : value, new JsonSerializerOptions());
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public override void Dispose()
        {
            base.Dispose();
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        }
    }
}
