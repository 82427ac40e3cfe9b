using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LabelOps.Emulator.Hitl;

/// <summary>
/// Deterministic stand-ins for the files behind a job's "image" URL: the same job and name always give
/// the same bytes, and the bytes start with the signature of the file type the name claims.
/// </summary>
internal static class HitlFiles
{
    public static (byte[] Content, string ContentType) Render(string projectId, string jobId, string fileName)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}/{jobId}/{fileName}"));
        var caption = $"LabelOps emulator job {jobId}";
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".png" => (Png(seed, caption), "image/png"),
            ".jpg" or ".jpeg" => (Jpeg(seed, caption), "image/jpeg"),
            ".pdf" => (Pdf(caption), "application/pdf"),
            _ => (seed, "application/octet-stream"),
        };
    }

    /// <summary>A real 16x16 picture: a checkerboard in two colours taken from the seed.</summary>
    private static byte[] Png(byte[] seed, string caption)
    {
        const int size = 16;
        var pixels = new byte[size * (1 + (size * 3))];
        for (var y = 0; y < size; y++)
        {
            var row = y * (1 + (size * 3));
            pixels[row] = 0; // filter type: none
            for (var x = 0; x < size; x++)
            {
                var colour = ((x / 4) + (y / 4)) % 2 == 0 ? 0 : 3;
                seed.AsSpan(colour, 3).CopyTo(pixels.AsSpan(row + 1 + (x * 3)));
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "tEXt", Encoding.Latin1.GetBytes("Comment\0" + caption));
        WriteChunk(png, "IDAT", Deflate(pixels));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The JPEG markers (start, comment, end) around the caption: right signature, no picture.</summary>
    private static byte[] Jpeg(byte[] seed, string caption)
    {
        var comment = Encoding.ASCII.GetBytes($"{caption} {Convert.ToHexStringLower(seed)}");
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8, 0xFF, 0xFE]);
        jpeg.Write([(byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)]);
        jpeg.Write(comment);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A one-page PDF that shows the caption.</summary>
    private static byte[] Pdf(string caption)
    {
        var content = $"BT /F1 12 Tf 20 50 Td ({caption}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new int[objects.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets[i] = pdf.Length;
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    /// <summary>The CRC-32 that PNG chunks carry (System.IO.Hashing is not in the shared framework).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
