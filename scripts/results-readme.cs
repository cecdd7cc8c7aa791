// Regenerates results/README.md from every results/<paper>/table*.csv and manifest.json.
// Usage: dotnet run scripts/results-readme.cs
#:property PublishAot=false
#:project ../shared/Papers.Shared/Papers.Shared.csproj

using Papers.Shared.Repro;
using Papers.Shared.Results;

var results = Path.Combine(RepoRoot.Require(), "results");
Directory.CreateDirectory(results);
Console.WriteLine($"wrote {ResultsReadme.Write(results)}");
