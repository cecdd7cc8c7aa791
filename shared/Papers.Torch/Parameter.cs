namespace Papers.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A trainable tensor: a leaf that requires grad. It belongs to the module that registers it,
        /// never to a dispose scope, so a per-step scope cannot free a model's weights.
        /// </summary>
        public class Parameter : Tensor
        {
            /// <summary>Wraps <paramref name="data"/>'s storage (not a copy) as a new leaf.</summary>
            public Parameter(Tensor data, bool requires_grad = true) : base(Native.pt_detach(data.Handle))
            {
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }
        }
    }
}
