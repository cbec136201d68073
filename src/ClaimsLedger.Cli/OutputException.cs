namespace ClaimsLedger.Cli;

/// <summary>The command's output file could not be written (<see cref="ExitCodes.OutputError"/>).</summary>
internal sealed class OutputException(string path, Exception innerException)
    : Exception($"cannot write '{Path.GetFullPath(path)}': {innerException.Message}", innerException)
{
    /// <summary>Runs <paramref name="write"/> on the output file, turning its I/O failures into an <see cref="OutputException"/>.</summary>
    public static async Task<T> WritingAsync<T>(string path, Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e);
        }
    }
}
