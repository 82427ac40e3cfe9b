using System;
using System.IO;

namespace LabelOps.Tests.Infrastructure
{
    public static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string ModuleManifest => Path.Combine(Root, "out", "LabelOps", "LabelOps.psd1");

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LabelOps.sln")) || File.Exists(Path.Combine(dir.FullName, "LabelOps.psd1")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        }
    }
}
