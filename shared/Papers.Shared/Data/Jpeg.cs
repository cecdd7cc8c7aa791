using System.Runtime.InteropServices;

namespace Papers.Shared.Data;

/// <summary>
/// Baseline and progressive JPEG decoding through libjpeg-turbo's TurboJPEG API (Debian package libturbojpeg0),
/// into 8-bit RGB, with the accurate integer IDCT and fancy upsampling that libjpeg (and so PIL) use by default.
/// </summary>
public static unsafe class Jpeg
{
    private const string Library = "libturbojpeg.so.0";
    private const string Package = "libturbojpeg0";
    private const int PixelFormatRgb = 0; // TJPF_RGB
    private const int FlagAccurateDct = 4096; // TJFLAG_ACCURATEDCT

    public static Image Load(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>Decodes a whole JPEG file's bytes to a height×width×3 RGB image.</summary>
    /// <param name="source">Names the bytes in error messages (a file name).</param>
    public static Image Decode(byte[] jpeg, string source)
    {
        if (jpeg is not [0xff, 0xd8, ..]) throw new InvalidDataException($"{source}: not a JPEG file (no FF D8 start-of-image marker)");
        var handle = Init();
        if (handle == IntPtr.Zero) throw new InvalidOperationException($"{source}: tjInitDecompress failed: {ErrorText(IntPtr.Zero)}");
        try
        {
            fixed (byte* data = jpeg)
            {
                if (tjDecompressHeader3(handle, data, (nuint)jpeg.Length, out var width, out var height, out _, out _) != 0)
                    throw new InvalidDataException($"{source}: unreadable JPEG header: {ErrorText(handle)}");
                // A file cut inside its first segments can pass the header call without a frame size.
                if (width <= 0 || height <= 0)
                    throw new InvalidDataException($"{source}: unreadable JPEG header: no image size (truncated file?)");
                var pixels = new byte[(long)width * height * 3];
                fixed (byte* output = pixels)
                {
                    // TurboJPEG reports recoverable damage (a truncated scan, say) as an error too: refuse the file.
                    if (tjDecompress2(handle, data, (nuint)jpeg.Length, output, width, width * 3, height, PixelFormatRgb, FlagAccurateDct) != 0)
                        throw new InvalidDataException($"{source}: JPEG decoding failed: {ErrorText(handle)}");
                }
                return new Image(height, width, 3, pixels);
            }
        }
        finally
        {
            tjDestroy(handle);
        }
    }

    private static IntPtr Init()
    {
        try
        {
            return tjInitDecompress();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"JPEG decoding needs {Library} (libjpeg-turbo's TurboJPEG), which was not found: install the package {Package} " +
                $"(apt-get install {Package}).", e);
        }
    }

    private static string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8(tjGetErrorStr2(handle)) ?? "unknown error";

    [DllImport(Library)] private static extern IntPtr tjInitDecompress();

    [DllImport(Library)]
    private static extern int tjDecompressHeader3(IntPtr handle, byte* jpegBuf, nuint jpegSize,
                                                  out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [DllImport(Library)]
    private static extern int tjDecompress2(IntPtr handle, byte* jpegBuf, nuint jpegSize, byte* dstBuf,
                                            int width, int pitch, int height, int pixelFormat, int flags);

    [DllImport(Library)] private static extern int tjDestroy(IntPtr handle);

    [DllImport(Library)] private static extern IntPtr tjGetErrorStr2(IntPtr handle);
}
