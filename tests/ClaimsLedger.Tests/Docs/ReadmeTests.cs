namespace ClaimsLedger.Tests.Docs;

/// <summary>The README's example is the QuickStart sample's code, so it always compiles.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("quickstart", "QuickStart")]
    [InlineData("package-consumer", "PackageConsumer")]
    public void A_readme_example_is_the_code_of_a_compiled_sample(string snippet, string sampleFolder)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(root, "samples", sampleFolder, "Program.cs")).ReplaceLineEndings("\n");

        var start = readme.IndexOf($"<!-- snippet: {snippet} ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {snippet} snippet");
        var code = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", code, StringComparison.Ordinal);

        Assert.Equal(sample, readme[code..end]);
    }

    [Fact]
    public void The_readme_gives_the_run_and_test_commands_first()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var firstScreen = string.Join('\n', readme.Split('\n').Take(15));

        Assert.Contains("dotnet run --project samples/Belgorod", firstScreen, StringComparison.Ordinal);
        Assert.Contains("dotnet test ClaimsLedger.sln", firstScreen, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimsLedger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClaimsLedger.sln not found above " + AppContext.BaseDirectory);
    }
}
