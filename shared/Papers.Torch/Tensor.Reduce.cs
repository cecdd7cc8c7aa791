namespace Papers.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private unsafe Tensor Reduce(long[]? dims, bool keepdim, delegate*<IntPtr, long*, int, int, IntPtr> op)
        {
            fixed (long* p = dims) return Wrap(op(Handle, p, dims?.Length ?? -1, keepdim ? 1 : 0));
        }

        private static (Tensor values, Tensor indexes) Pair(int status, IntPtr values, IntPtr indexes)
        {
            Native.Check(status);
            return (new Tensor(values), new Tensor(indexes));
        }

        /// <summary>Sum of all elements, or over <paramref name="dim"/>.</summary>
        public unsafe Tensor sum() => Reduce(null, false, &Native.pt_sum);
        public unsafe Tensor sum(long dim, bool keepdim = false) => Reduce([dim], keepdim, &Native.pt_sum);
        public unsafe Tensor sum(long[] dim, bool keepdim = false) => Reduce(dim, keepdim, &Native.pt_sum);
        public unsafe Tensor mean() => Reduce(null, false, &Native.pt_mean);
        public unsafe Tensor mean(long dim, bool keepdim = false) => Reduce([dim], keepdim, &Native.pt_mean);
        public unsafe Tensor mean(long[] dim, bool keepdim = false) => Reduce(dim, keepdim, &Native.pt_mean);
        public Tensor prod() => Wrap(Native.pt_prod(Handle, 0, 0, 0));
        public Tensor prod(long dim, bool keepdim = false) => Wrap(Native.pt_prod(Handle, dim, 1, keepdim ? 1 : 0));
        public unsafe Tensor amax(long[] dim, bool keepdim = false) => Reduce(dim, keepdim, &Native.pt_amax);
        public unsafe Tensor amin(long[] dim, bool keepdim = false) => Reduce(dim, keepdim, &Native.pt_amin);
        public unsafe Tensor logsumexp(long dim, bool keepdim = false) => Reduce([dim], keepdim, &Native.pt_logsumexp);
        public unsafe Tensor logsumexp(long[] dim, bool keepdim = false) => Reduce(dim, keepdim, &Native.pt_logsumexp);

        public Tensor max() => Wrap(Native.pt_max_all(Handle));
        public Tensor min() => Wrap(Native.pt_min_all(Handle));

        public unsafe (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            IntPtr v, i;
            return Pair(Native.pt_max_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), v, i);
        }

        public unsafe (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            IntPtr v, i;
            return Pair(Native.pt_min_dim(Handle, dim, keepdim ? 1 : 0, &v, &i), v, i);
        }

        public unsafe (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
        {
            IntPtr v, i;
            return Pair(Native.pt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, &v, &i), v, i);
        }

        public unsafe (Tensor values, Tensor indexes) sort(long dim = -1, bool descending = false)
        {
            IntPtr v, i;
            return Pair(Native.pt_sort(Handle, dim, descending ? 1 : 0, &v, &i), v, i);
        }

        public Tensor argmax() => Wrap(Native.pt_argmax(Handle, 0, 0, 0));
        public Tensor argmax(long dim, bool keepdim = false) => Wrap(Native.pt_argmax(Handle, dim, 1, keepdim ? 1 : 0));
        public Tensor argmin() => Wrap(Native.pt_argmin(Handle, 0, 0, 0));
        public Tensor argmin(long dim, bool keepdim = false) => Wrap(Native.pt_argmin(Handle, dim, 1, keepdim ? 1 : 0));

        /// <summary>The p-norm of all elements (<c>x.norm(1)</c> is the 1-norm), or over the dims given as an array.</summary>
        public unsafe Tensor norm(double p = 2) => Wrap(Native.pt_norm(Handle, p, null, -1, 0));

        public unsafe Tensor norm(long[] dim, double p = 2, bool keepdim = false)
        {
            fixed (long* d = dim) return Wrap(Native.pt_norm(Handle, p, d, dim.Length, keepdim ? 1 : 0));
        }

        /// <summary>
        /// The variance over all elements or over <paramref name="dim"/>. Over one dimension of a contiguous float
        /// tensor with at least 4 elements after it, the shim's own loop computes libtorch's numbers bit for bit,
        /// about ten times faster (native/src/variance.cpp).
        /// </summary>
        public unsafe Tensor var(long[]? dim = null, bool unbiased = true, bool keepdim = false)
        {
            fixed (long* d = dim) return Wrap(Native.pt_var(Handle, d, dim?.Length ?? -1, unbiased ? 1 : 0, keepdim ? 1 : 0));
        }

        public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => var([dim], unbiased, keepdim);

        /// <summary>libtorch's variance and mean over <paramref name="dim"/> (all elements when null), in one Welford pass.</summary>
        public unsafe (Tensor var, Tensor mean) var_mean(long[]? dim = null, bool unbiased = true, bool keepdim = false)
        {
            IntPtr v, m;
            fixed (long* d = dim) return Pair(Native.pt_var_mean(Handle, d, dim?.Length ?? -1, unbiased ? 1 : 0, keepdim ? 1 : 0, &v, &m), v, m);
        }

        public unsafe Tensor std(long[]? dim = null, bool unbiased = true, bool keepdim = false)
        {
            fixed (long* d = dim) return Wrap(Native.pt_std(Handle, d, dim?.Length ?? -1, unbiased ? 1 : 0, keepdim ? 1 : 0));
        }

        public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => std([dim], unbiased, keepdim);

        public Tensor cumsum(long dim) => Wrap(Native.pt_cumsum(Handle, dim));
        public Tensor cumprod(long dim) => Wrap(Native.pt_cumprod(Handle, dim));
        public Tensor all() => Wrap(Native.pt_all(Handle));
        public Tensor all(long dim, bool keepdim = false) => Wrap(Native.pt_all_dim(Handle, dim, keepdim ? 1 : 0));
        public Tensor any() => Wrap(Native.pt_any(Handle));
        public Tensor any(long dim, bool keepdim = false) => Wrap(Native.pt_any_dim(Handle, dim, keepdim ? 1 : 0));
    }
}
