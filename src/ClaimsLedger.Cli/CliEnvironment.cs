using Spectre.Console;

namespace ClaimsLedger.Cli;

/// <summary>Where the tool writes and what clock it reads, so tests can run it in-process.</summary>
/// <param name="Out">Standard output: views and results.</param>
/// <param name="Error">Standard error: errors and progress lines.</param>
/// <param name="Interactive">True on a terminal (progress bar, colours); false when output is redirected.</param>
/// <param name="Clock">The ledger clock.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool Interactive, TimeProvider Clock)
{
    /// <summary>
    /// Makes the Spectre console over <see cref="Out"/> or <see cref="Error"/> (with <see cref="Interactive"/>); tests
    /// replace it with a console that renders as a terminal would into a writer.
    /// </summary>
    public Func<TextWriter, bool, IAnsiConsole> Consoles { get; init; } = Rendering.Consoles.For;

    public static CliEnvironment FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected, TimeProvider.System);
}
