using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Local files as the Ango uploads read them (Add-AngoAsset's signed PUTs, Send-AngoChatFile's form): proved
    /// readable before anything is sent for them, sent with a content type from their extension.
    /// </summary>
    internal static class AngoUploadFiles
    {
        /// <summary>
        /// The one way a missing input file is reported, by every cmdlet that reads one: LabelOps.NotFound, naming the
        /// path as the user gave it (the cmdlets write it as a non-terminating error with that path as TargetObject).
        /// </summary>
        public static LabelOpsException FileNotFound(string path) =>
            new LabelOpsException(ErrorReason.NotFound, "Cannot find the file '" + path + "'.");

        /// <summary>Opens and closes the file to prove it can be read now, so an unreadable file fails before anything is sent for it.</summary>
        public static long CheckReadable(string file)
        {
            try
            {
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    return stream.Length;
                }
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                if (exception is FileNotFoundException || exception is DirectoryNotFoundException)
                {
                    throw FileNotFound(file); // gone since it was named
                }
                throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot read '" + file + "': " + exception.Message, exception);
            }
        }

        /// <summary>The file as a request body, streamed (a new one for each attempt of a PUT).</summary>
        public static HttpContent Content(string file)
        {
            var content = new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), 81920);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(file));
            return content;
        }

        public static string ContentTypeOf(string file)
        {
            switch (Path.GetExtension(file).ToLowerInvariant())
            {
                case ".jpg":
                case ".jpeg": return "image/jpeg";
                case ".png": return "image/png";
                case ".gif": return "image/gif";
                case ".bmp": return "image/bmp";
                case ".tif":
                case ".tiff": return "image/tiff";
                case ".webp": return "image/webp";
                case ".mp4": return "video/mp4";
                case ".mp3": return "audio/mpeg";
                case ".wav": return "audio/wav";
                case ".pdf": return "application/pdf";
                case ".json": return "application/json";
                case ".txt": return "text/plain";
                case ".md": return "text/markdown";
                case ".html":
                case ".htm": return "text/html";
                case ".dcm": return "application/dicom";
                default: return "application/octet-stream";
            }
        }
    }
}
