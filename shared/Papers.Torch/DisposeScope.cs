namespace Papers.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost open scope, and disposes
/// them when the scope is disposed: one scope per training step frees all of that step's temporaries.
/// Keep a tensor past the scope with <see cref="torch.Tensor.MoveToOuterDisposeScope"/> or
/// <see cref="torch.Tensor.DetachFromDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? t_current;

    private readonly HashSet<torch.Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    internal DisposeScope()
    {
        Outer = t_current;
        t_current = this;
    }

    internal static DisposeScope? Current => t_current;

    /// <summary>The scope that was innermost when this one opened.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => _tensors.Count;

    internal void Add(torch.Tensor tensor)
    {
        _tensors.Add(tensor);
        tensor.OwningScope = this;
    }

    internal void Remove(torch.Tensor tensor)
    {
        _tensors.Remove(tensor);
        tensor.OwningScope = null;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (t_current != this)
            throw new InvalidOperationException("dispose scopes must be disposed innermost first");
        t_current = Outer;
        foreach (var tensor in _tensors)
        {
            tensor.OwningScope = null;
            tensor.Dispose();
        }
        _tensors.Clear();
    }
}
