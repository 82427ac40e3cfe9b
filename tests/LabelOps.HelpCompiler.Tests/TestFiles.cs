using System;
using System.IO;

namespace LabelOps.HelpCompiler.Tests
{
    /// <summary>Access to the sample markdown under TestData and to scratch folders.</summary>
    internal static class TestFiles
    {
        public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "TestData");

        public static string Read(string name) => File.ReadAllText(Path.Combine(DataFolder, name));

        /// <summary>A new empty folder under the temp directory; deleted by <see cref="TempFolder.Dispose"/>.</summary>
        public static TempFolder NewTempFolder() => new TempFolder();
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "labelops-helpcompiler-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, string content)
        {
            string file = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
