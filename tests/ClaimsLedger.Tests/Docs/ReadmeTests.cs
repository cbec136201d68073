namespace ClaimsLedger.Tests.Docs;

/// <summary>The README's example is the QuickStart sample's code, so it always compiles.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_example_is_the_compiled_quick_start_sample()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");

        var start = readme.IndexOf("<!-- snippet: quickstart", StringComparison.Ordinal);
        var code = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", code, StringComparison.Ordinal);

        Assert.True(start >= 0, "README has no quickstart snippet");
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
