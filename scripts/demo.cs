#:property PublishAot=false
#:project ../shared/Papers.Torch/Papers.Torch.csproj
// A first look at the tensor library: fit y = sin(3x) with a two-layer MLP written out in tensor ops.
// Run from the repository root: dotnet run scripts/demo.cs
using Papers.Torch;
using static Papers.Torch.torch;

Console.WriteLine($"libtorch {__version__}, {get_num_threads()} threads, CUDA devices: {cuda.device_count()}");
manual_seed(0);
var x = linspace(-1, 1, 256).unsqueeze(1);                       // [256, 1]
var y = (x * 3).sin();                                           // [256, 1]
var w1 = new nn.Parameter(randn([1, 32]));
var b1 = new nn.Parameter(zeros([32]));
var w2 = new nn.Parameter(randn([32, 1]) / Math.Sqrt(32));
var b2 = new nn.Parameter(zeros([1]));
for (var step = 0; step <= 2000; step++)
{
    using var scope = NewDisposeScope();
    var prediction = (x.matmul(w1) + b1).tanh().matmul(w2) + b2;  // [256, 1]
    var loss = (prediction - y).square().mean();
    loss.backward();
    using (no_grad())
    {
        foreach (var p in new[] { w1, b1, w2, b2 })
        {
            p.sub_(p.grad!, alpha: 0.1);
            p.grad = null;
        }
    }
    if (step % 400 == 0) Console.WriteLine($"step {step,5}  mse {loss.ToDouble():F5}");
}
