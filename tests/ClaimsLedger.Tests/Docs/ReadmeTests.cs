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

    [Theory]
    [InlineData("choosing-a-store", "samples/Belgorod/ChoosingAStore.cs")]
    public void A_readme_example_is_the_code_between_the_snippet_comments_of_a_compiled_file(string snippet, string file)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(root, file)).ReplaceLineEndings("\n");

        var start = readme.IndexOf($"<!-- snippet: {snippet} ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {snippet} snippet");
        var code = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", code, StringComparison.Ordinal);
        var marker = $"// snippet: {snippet}\n";
        var from = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{file} has no '{marker.Trim()}' comment");
        var indent = from - source.LastIndexOf('\n', from) - 1;
        var to = source.IndexOf("// end snippet", from, StringComparison.Ordinal);
        Assert.True(to > from, $"{file} has no '// end snippet' after its snippet comment");
        var lines = source[(from + marker.Length)..source.LastIndexOf('\n', to)].Split('\n')
            .Select(line => line.Length >= indent ? line[indent..] : line.TrimStart());

        Assert.Equal(string.Join('\n', lines) + "\n", readme[code..end]);
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
