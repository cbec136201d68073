using System.Diagnostics;
using ClaimsLedger.Integrity;
using ClaimsLedger.Serialization;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Interchange;

/// <summary>
/// Imports and exports the line-delimited JSON interchange format (docs/format.md): notes a newsroom writes, and full
/// exports of a ledger that restore exactly.
/// </summary>
public static class LedgerInterchange
{
    private const int ProgressEvery = 10_000;

    /// <summary>
    /// Imports a file: all of it or nothing. Lines without a <c>ledger</c> object (notes) are recorded now, as one batch;
    /// lines of an export are first verified (each line's readable fields must match its stored bytes, and the hash
    /// chain must hold from the first line to the last), then restored with their original recordedAt, metadata and
    /// hashes (the ledger must be empty or hold a prefix of the export). Importing the same file again changes nothing.
    /// </summary>
    /// <exception cref="InterchangeException">A line is malformed or invalid; lists every bad line (up to
    /// <see cref="ImportOptions.MaxErrors"/>) with its field and reason. Nothing was recorded.</exception>
    /// <exception cref="LedgerStoreException">The store failed; nothing was recorded.</exception>
    public static async Task<ImportResult> ImportAsync(Ledger ledger, TextReader reader, ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new ImportOptions();
        options.Validate();
        var clock = Stopwatch.StartNew();
        var file = await ReadFileAsync(reader, options, progress, cancellationToken).ConfigureAwait(false);
        return await ImportAsync(ledger, file, options, progress, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a file already read by <see cref="ReadFileAsync"/> (see the public overload).</summary>
    internal static async Task<ImportResult> ImportAsync(Ledger ledger, InterchangeFile file, ImportOptions options,
        IProgress<ImportProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var chain = await CheckAsync(ledger, file, options, cancellationToken).ConfigureAwait(false);
        var lines = file.Lines;
        if (lines.Count == 0)
        {
            return new ImportResult(file.Count, 0, 0, 0, ImportMode.Notes, clock.Elapsed);
        }

        var mode = file.Mode;
        progress?.Report(new ImportProgress(ImportStage.Writing, lines.Count, lines.Count));
        try
        {
            var result = mode == ImportMode.Notes
                ? await ledger.RecordAsync([.. lines.Select(l => l.Event)], cancellationToken).ConfigureAwait(false)
                : await ledger.RestoreAsync([.. lines.Select(l => new RestoredEntry(l.Event, l.Exported!.RecordedAt,
                    l.Exported.Metadata)
                {
                    StoredData = l.Exported.Data,
                    ExpectedHash = l.Exported.IsChained ? EventHash.FromHex(l.Exported.Hash!) : default,
                })], cancellationToken).ConfigureAwait(false);
            progress?.Report(new ImportProgress(ImportStage.Done, lines.Count, lines.Count));
            return new ImportResult(file.Count, lines.Count, result.Appended, result.Unchanged, mode, clock.Elapsed) { Chain = chain };
        }
        catch (LedgerValidationException e)
        {
            throw new InterchangeException([.. Lines(e.Errors, lines).Take(options.MaxErrors)], e.Errors.Count > options.MaxErrors);
        }
    }

    /// <summary>
    /// Throws the <see cref="InterchangeException"/> an import of <paramref name="file"/> into <paramref name="ledger"/>
    /// would throw before writing: its bad lines (with the ledger's objections to the lines that parsed) and a broken
    /// export. A clean notes file is checked by the write itself. Writes nothing.
    /// </summary>
    /// <returns>For an export whose chain holds: its digest; else null.</returns>
    internal static async Task<LedgerDigest?> CheckAsync(Ledger ledger, InterchangeFile file, ImportOptions options,
        CancellationToken cancellationToken)
    {
        var lines = file.Lines;
        if (file.Errors.Count > 0)
        {
            var errors = new List<InterchangeError>(file.Errors);

            // Report the ledger's own objections to the lines that did parse too, so one run shows every bad line.
            if (!file.Truncated && lines.Count > 0 && lines[0].Exported is null)
            {
                var semantic = await ledger.ValidateAsync([.. lines.Select(l => l.Event)], cancellationToken).ConfigureAwait(false);
                errors.AddRange(Lines(semantic, lines));
            }

            var ordered = errors.OrderBy(e => e.Line).ToList();
            throw new InterchangeException([.. ordered.Take(options.MaxErrors)], file.Truncated || ordered.Count > options.MaxErrors);
        }

        if (lines.Count == 0)
        {
            return null;
        }

        if (file.Mode == ImportMode.Notes)
        {
            return null;
        }

        var check = ExportVerifier.Check(lines, options.AllowUnchained);
        if (check.Errors.Count > 0)
        {
            throw new InterchangeException([.. check.Errors.Take(options.MaxErrors)], check.Errors.Count > options.MaxErrors);
        }

        return check.Head;
    }

    /// <summary>
    /// Writes every event of a store, in global order: its readable fields, and a <c>ledger</c> object with the event
    /// exactly as stored and its chain hashes (docs/integrity.md), so that the file can be verified on its own.
    /// </summary>
    /// <returns>How many events were written.</returns>
    /// <exception cref="LedgerFormatException">The store holds an event this library cannot read.</exception>
    public static async Task<long> ExportAsync(IEventReader store, TextWriter writer, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        await foreach (var recorded in store.ReadAllForwardsAsync(GlobalPosition.Start, cancellationToken).ConfigureAwait(false))
        {
            var @event = EventSerializer.Deserialize(recorded.Type, recorded.Data.Span);
            await writer.WriteLineAsync(InterchangeWriter.Write(@event, ExportedEvent.From(recorded)).AsMemory(),
                cancellationToken).ConfigureAwait(false);
            if (++count % ProgressEvery == 0)
            {
                progress?.Report(count);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(count);
        return count;
    }

    /// <summary>Writes ledger events as notes lines (no recordedAt), e.g. to produce a file to import.</summary>
    public static string ToLine(Events.LedgerEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return InterchangeWriter.Write(@event, exported: null);
    }

    private static IEnumerable<InterchangeError> Lines(IEnumerable<LedgerError> errors, List<InterchangeLine> lines) =>
        errors.Select(error => new InterchangeError(lines[error.Index].Line, error.Field,
            error.Subject.Length > 0 ? $"{error.Subject}: {error.Message}" : error.Message));

    /// <summary>Reads and parses every line of a file (up to the error limit) without a ledger: nothing is written.</summary>
    internal static async Task<InterchangeFile> ReadFileAsync(TextReader reader, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var lines = new List<InterchangeLine>();
        var errors = new List<InterchangeError>();
        long number = 0;
        var truncated = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (errors.Count >= options.MaxErrors)
            {
                truncated = true;
                break;
            }

            if (InterchangeParser.Parse(text, number, errors) is { } line)
            {
                if (lines.Count > 0 && (line.Exported is null) != (lines[0].Exported is null))
                {
                    errors.Add(new InterchangeError(number, line.Exported is null ? "ledger" : string.Empty,
                        line.Exported is null
                            ? $"an export line needs its ledger object like line {lines[0].Line}"
                            : $"notes lines have no ledger object, unlike line {lines[0].Line}"));
                }

                lines.Add(line);
            }

            if (number % ProgressEvery == 0)
            {
                progress?.Report(new ImportProgress(ImportStage.Reading, number, null));
            }
        }

        progress?.Report(new ImportProgress(ImportStage.Reading, number, number));
        return new InterchangeFile(lines, number, errors, truncated);
    }
}
