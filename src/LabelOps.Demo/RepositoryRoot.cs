using System;
using System.IO;

namespace LabelOps.Demo
{
    /// <summary>
    /// The repository checkout this program was built from: the nearest folder above the build output that holds
    /// LabelOps.sln. Sample paths and the built module (out/LabelOps) are found from there, whatever the current directory.
    /// </summary>
    internal static class RepositoryRoot
    {
        public static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LabelOps.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Cannot find LabelOps.sln in any folder above " + AppContext.BaseDirectory + "; run the demo from a checkout of the repository.");
        }

        /// <summary>
        /// A path as the user typed it: absolute, or relative to the current directory if a file is there, else
        /// relative to the repository root (so `-- samples/x.ps1` works from anywhere).
        /// </summary>
        public static string Resolve(string root, string path)
        {
            if (Path.IsPathRooted(path) || File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
            return Path.GetFullPath(Path.Combine(root, path));
        }
    }
}
