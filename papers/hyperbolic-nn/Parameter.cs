namespace Papers.Hnn;

/// <summary>Where a parameter lives, which decides its optimiser (§4, "Optimization"; hyp_rnn.py's eucl_vars / hyp_vars).</summary>
public enum Geometry
{
    /// <summary>ℝ^(rows×cols), trained by Adam.</summary>
    Euclidean,

    /// <summary>Each row a point of the ball (biases, MLR points p_k), trained by RSGD at the FFNN learning rate.</summary>
    Hyperbolic,

    /// <summary>Word embeddings on the ball: RSGD at the word learning rate, on the rows a batch used.</summary>
    HyperbolicWords,
}

/// <summary>A named parameter matrix [rows, cols], row-major, with its gradient buffer.</summary>
public sealed class Parameter(string name, int rows, int cols, Geometry geometry)
{
    public string Name { get; } = name;
    public int Rows { get; } = rows;
    public int Cols { get; } = cols;
    public Geometry Geometry { get; } = geometry;
    public double[] Value { get; } = new double[rows * cols];
    public double[] Grad { get; } = new double[rows * cols];

    public Span<double> Row(int r) => Value.AsSpan(r * Cols, Cols);
    public Span<double> GradRow(int r) => Grad.AsSpan(r * Cols, Cols);

    /// <summary>Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))): tf.contrib.layers.xavier_initializer, the authors' default.</summary>
    public Parameter Xavier(Random random)
    {
        var limit = Math.Sqrt(6.0 / (Rows + Cols));
        return Uniform(random, limit);
    }

    public Parameter Uniform(Random random, double limit)
    {
        for (var i = 0; i < Value.Length; i++) Value[i] = (2 * random.NextDouble() - 1) * limit;
        return this;
    }
}
