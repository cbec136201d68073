using Spectre.Console;

namespace ClaimsLedger.Cli.Rendering;

/// <summary>Spectre consoles over a writer: colours and the terminal's width on a terminal, plain and wide otherwise.</summary>
internal static class Consoles
{
    private const int RedirectedWidth = 200;

    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
