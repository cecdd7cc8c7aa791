using System.Runtime.InteropServices;

namespace Papers.Torch;

/// <summary>An error raised inside libtorch (a shape mismatch, a wrong dtype, an index out of range),
/// carrying libtorch's own message.</summary>
public sealed class TorchException(string message) : Exception(message)
{
    internal static TorchException FromNative()
    {
        var message = Marshal.PtrToStringUTF8(Native.pt_last_error());
        return new TorchException(string.IsNullOrEmpty(message) ? "libtorch reported an error without a message" : message.Trim());
    }
}

internal static partial class Native
{
    /// <summary>Turns a null handle into the TorchException libtorch raised.</summary>
    internal static IntPtr Check(IntPtr handle) => handle == IntPtr.Zero ? throw TorchException.FromNative() : handle;

    /// <summary>Turns a -1 status into the TorchException libtorch raised.</summary>
    internal static void Check(int status)
    {
        if (status < 0) throw TorchException.FromNative();
    }

    /// <summary>Takes ownership of a malloc'd array of handles, as split and autograd.grad return.</summary>
    internal static unsafe torch.Tensor?[] TakeHandles(IntPtr* handles, int count)
    {
        if (handles == null) throw TorchException.FromNative();
        var result = new torch.Tensor?[count];
        for (var i = 0; i < count; i++)
            result[i] = handles[i] == IntPtr.Zero ? null : new torch.Tensor(handles[i]);
        pt_free_handles(handles);
        return result;
    }
}
