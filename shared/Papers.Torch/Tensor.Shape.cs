namespace Papers.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe Tensor Shaped(long[] sizes, delegate*<IntPtr, long*, int, IntPtr> op)
        {
            fixed (long* p = sizes) return Wrap(op(Handle, p, sizes.Length));
        }

        public unsafe Tensor view(params long[] shape) => Shaped(shape, &Native.pt_view);
        public unsafe Tensor reshape(params long[] shape) => Shaped(shape, &Native.pt_reshape);
        public unsafe Tensor permute(params long[] dims) => Shaped(dims, &Native.pt_permute);
        public unsafe Tensor expand(params long[] sizes) => Shaped(sizes, &Native.pt_expand);
        public unsafe Tensor repeat(params long[] repeats) => Shaped(repeats, &Native.pt_repeat);
        public unsafe Tensor flip(params long[] dims) => Shaped(dims, &Native.pt_flip);
        public Tensor view_as(Tensor other) => view(other.shape);
        public Tensor reshape_as(Tensor other) => reshape(other.shape);
        public Tensor expand_as(Tensor other) => expand(other.shape);

        public unsafe Tensor roll(long[] shifts, long[] dims)
        {
            if (shifts.Length != dims.Length) throw new ArgumentException($"roll needs one shift per dim, got {shifts.Length} shifts and {dims.Length} dims");
            fixed (long* s = shifts)
            fixed (long* d = dims)
                return Wrap(Native.pt_roll(Handle, s, d, dims.Length));
        }

        public Tensor transpose(long dim0, long dim1) => Wrap(Native.pt_transpose(Handle, dim0, dim1));
        public Tensor t() => Wrap(Native.pt_t(Handle));
        public Tensor T => t();
        public Tensor unsqueeze(long dim) => Wrap(Native.pt_unsqueeze(Handle, dim));
        public Tensor squeeze() => Wrap(Native.pt_squeeze(Handle));
        public Tensor squeeze(long dim) => Wrap(Native.pt_squeeze_dim(Handle, dim));
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(Native.pt_flatten(Handle, start_dim, end_dim));
        public Tensor narrow(long dim, long start, long length) => Wrap(Native.pt_narrow(Handle, dim, start, length));
        public Tensor select(long dim, long index) => Wrap(Native.pt_select(Handle, dim, index));
        public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(Native.pt_slice(Handle, dim, start, end, step));
        public Tensor tril(long diagonal = 0) => Wrap(Native.pt_tril(Handle, diagonal));
        public Tensor triu(long diagonal = 0) => Wrap(Native.pt_triu(Handle, diagonal));
        public Tensor diag(long diagonal = 0) => Wrap(Native.pt_diag(Handle, diagonal));
        public Tensor diagonal(long offset = 0, long dim1 = 0, long dim2 = 1) => Wrap(Native.pt_diagonal(Handle, offset, dim1, dim2));

        public unsafe Tensor[] split(long split_size, long dim = 0)
        {
            int count;
            return NonNull(Native.TakeHandles(Native.pt_split(Handle, split_size, dim, &count), count));
        }

        public unsafe Tensor[] split(long[] split_sizes, long dim = 0)
        {
            int count;
            fixed (long* s = split_sizes)
                return NonNull(Native.TakeHandles(Native.pt_split_sizes(Handle, s, split_sizes.Length, dim, &count), count));
        }

        public unsafe Tensor[] chunk(long chunks, long dim = 0)
        {
            int count;
            return NonNull(Native.TakeHandles(Native.pt_chunk(Handle, chunks, dim, &count), count));
        }

        public unsafe Tensor[] unbind(long dim = 0)
        {
            int count;
            return NonNull(Native.TakeHandles(Native.pt_unbind(Handle, dim, &count), count));
        }

        private static Tensor[] NonNull(Tensor?[] tensors) => tensors.Select(t => t!).ToArray();

        public Tensor index_select(long dim, Tensor index) => Wrap(Native.pt_index_select(Handle, dim, index.Handle));
        public Tensor gather(long dim, Tensor index) => Wrap(Native.pt_gather(Handle, dim, index.Handle));
        public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(Native.pt_scatter(Handle, dim, index.Handle, src.Handle));
        public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(Native.pt_scatter_add(Handle, dim, index.Handle, src.Handle));
        public Tensor scatter_add_(long dim, Tensor index, Tensor src) => InPlace(Native.pt_scatter_add_(Handle, dim, index.Handle, src.Handle));
        public Tensor index_add(long dim, Tensor index, Tensor source) => Wrap(Native.pt_index_add(Handle, dim, index.Handle, source.Handle));
    }

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, delegate*<IntPtr*, int, long, IntPtr> op)
    {
        var handles = new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Handle;
        fixed (IntPtr* p = handles) return new Tensor(op(p, handles.Length, dim));
    }

    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, &Native.pt_cat);
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, &Native.pt_stack);
    public static Tensor one_hot(Tensor indices, long num_classes = -1) => new(Native.pt_one_hot(indices.Handle, num_classes));
}
