using System.Text;

namespace LabelOps.Engine
{
    /// <summary>One field of a multipart/form-data body: a text value, or a file's bytes with its name.</summary>
    internal sealed class MultipartPart
    {
        private MultipartPart(string name, byte[] content, string? fileName, string? contentType)
        {
            Name = name;
            Content = content;
            FileName = fileName;
            ContentType = contentType;
        }

        public string Name { get; }

        public byte[] Content { get; }

        public string? FileName { get; }

        public string? ContentType { get; }

        public static MultipartPart Field(string name, string value) => new MultipartPart(name, Encoding.UTF8.GetBytes(value), null, null);

        public static MultipartPart File(string name, string fileName, byte[] content, string contentType) => new MultipartPart(name, content, fileName, contentType);
    }
}
