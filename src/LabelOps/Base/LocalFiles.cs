using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Base
{
    /// <summary>
    /// Local files named the PowerShell way (relative paths, PSDrives, wildcards) for the cmdlets that upload
    /// them. A name that matches nothing, a folder or a non-file-system path is a failure for that name only.
    /// </summary>
    internal static class LocalFiles
    {
        /// <summary>
        /// The one way a missing input file is reported, by every cmdlet that reads one: LabelOps.NotFound, naming the
        /// path as the user gave it (the cmdlets write it as a non-terminating error with that path as TargetObject).
        /// </summary>
        public static LabelOpsException FileNotFound(string path) => AngoUploadFiles.FileNotFound(path);

        /// <summary>
        /// The file a -LiteralPath (or a single-file -Path, which is never expanded) names, taken as written: brackets
        /// and asterisks are part of the name. Throws when it is not an existing file.
        /// </summary>
        public static string ResolveLiteral(PSCmdlet cmdlet, string path)
        {
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception exception) when (exception is System.Management.Automation.DriveNotFoundException || exception is ProviderNotFoundException || exception is NotSupportedException || exception is ArgumentException)
            {
                throw LabelOpsException.InvalidArgument("'" + path + "' is not a file path: " + exception.Message);
            }
            if (Directory.Exists(full))
            {
                throw LabelOpsException.InvalidArgument("'" + full + "' is a folder; name a file.");
            }
            if (!File.Exists(full))
            {
                throw FileNotFound(path);
            }
            return full;
        }

        /// <summary>
        /// The files a -Path value (wildcards expanded) or a -LiteralPath value names. When it names none, that is one
        /// non-terminating error with the value as its target and the list is empty, so the other values go on.
        /// </summary>
        public static IReadOnlyList<string> ResolveOrWriteError(PSCmdlet cmdlet, string path, bool literal)
        {
            try
            {
                return literal ? new[] { ResolveLiteral(cmdlet, path) } : Resolve(cmdlet, path);
            }
            catch (LabelOpsException failure)
            {
                cmdlet.WriteError(ErrorRecords.From(failure, path));
                return Array.Empty<string>();
            }
        }

        /// <summary>The files a -Path value names (wildcards expanded); throws a LabelOpsException when it names none.</summary>
        public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string path)
        {
            Collection<string> resolved;
            ProviderInfo provider;
            try
            {
                resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (ItemNotFoundException)
            {
                throw FileNotFound(path);
            }
            catch (Exception exception) when (exception is System.Management.Automation.DriveNotFoundException || exception is ProviderNotFoundException || exception is ArgumentException)
            {
                throw LabelOpsException.InvalidArgument("'" + path + "' is not a file path: " + exception.Message);
            }
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                throw LabelOpsException.InvalidArgument("'" + path + "' is on the " + provider.Name + " provider; only files can be uploaded.");
            }
            var files = new List<string>();
            foreach (var item in resolved)
            {
                if (Directory.Exists(item))
                {
                    if (!WildcardPattern.ContainsWildcardCharacters(path))
                    {
                        throw LabelOpsException.InvalidArgument("'" + item + "' is a folder; name the files in it (for example '" + System.IO.Path.Combine(path, "*") + "').");
                    }
                    continue; // a wildcard that also matches folders: upload the files only
                }
                files.Add(item);
            }
            if (files.Count == 0)
            {
                throw FileNotFound(path);
            }
            return files;
        }
    }
}
