namespace Papers.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Accumulates d(this)/d(leaf) into every leaf's grad. A non-scalar tensor needs <paramref name="gradient"/>.</summary>
        public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false) =>
            Native.Check(Native.pt_backward(Handle, gradient?.Handle ?? IntPtr.Zero,
                retain_graph is null ? -1 : retain_graph.Value ? 1 : 0, create_graph ? 1 : 0));
    }

    public static partial class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, without touching .grad.
        /// With create_graph the result is itself differentiable (VAT's power iteration, the meta-learner's
        /// second-order terms). Entries are null for inputs the outputs do not depend on when allow_unused.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor>? grad_outputs = null, bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            var o = outputs.Select(t => t.Handle).ToArray();
            var i = inputs.Select(t => t.Handle).ToArray();
            var g = (grad_outputs ?? []).Select(t => t.Handle).ToArray();
            int count;
            IntPtr* result;
            fixed (IntPtr* po = o)
            fixed (IntPtr* pi = i)
            fixed (IntPtr* pg = g)
                result = Native.pt_autograd_grad(po, o.Length, pi, i.Length, pg, g.Length,
                    retain_graph is null ? -1 : retain_graph.Value ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, &count);
            return Native.TakeHandles(result, count);
        }
    }
}
