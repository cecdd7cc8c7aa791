using static Papers.Torch.torch;
using static Papers.Torch.torch.nn;

namespace Papers.Torch.Modules
{
    /// <summary>
    /// A lookup table of num_embeddings rows of size embedding_dim, drawn from N(0, 1) as in PyTorch; the row at
    /// padding_idx starts at zero and receives no gradient.
    /// </summary>
    public class Embedding : Module<Tensor, Tensor>
    {
        internal Embedding(long num_embeddings, long embedding_dim, long? padding_idx, Device? device, ScalarType? dtype) : base(nameof(Embedding))
        {
            if (padding_idx is { } idx && (idx >= num_embeddings || idx < -num_embeddings))
                throw new ArgumentOutOfRangeException(nameof(padding_idx), idx, $"padding_idx must be within num_embeddings ({num_embeddings})");
            this.num_embeddings = num_embeddings;
            this.embedding_dim = embedding_dim;
            this.padding_idx = padding_idx is { } i && i < 0 ? num_embeddings + i : padding_idx;
            register_parameter(nameof(weight), new Parameter(empty([num_embeddings, embedding_dim], dtype, device)));
            reset_parameters();
        }

        public long num_embeddings { get; }

        public long embedding_dim { get; }

        public long? padding_idx { get; }

        public Parameter weight
        {
            get => ParameterOrNull(nameof(weight))!;
            set => register_parameter(nameof(weight), value);
        }

        public void reset_parameters()
        {
            init.normal_(weight);
            if (padding_idx is not { } idx) return;
            using var noGrad = no_grad();
            using var row = weight[idx];
            row.fill_(0);
        }

        public override Tensor forward(Tensor input) => functional.embedding(input, weight, padding_idx);

        public override string extra_repr() =>
            $"{num_embeddings}, {embedding_dim}" + (padding_idx is { } idx ? $", padding_idx={idx}" : "");
    }
}

namespace Papers.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null,
                Device? device = null, ScalarType? dtype = null) =>
                new(num_embeddings, embedding_dim, padding_idx, device, dtype);
        }
    }
}
