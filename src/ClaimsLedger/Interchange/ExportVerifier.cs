using ClaimsLedger.Integrity;
using ClaimsLedger.Recording;
using ClaimsLedger.Serialization;
using Newtonsoft.Json.Linq;

namespace ClaimsLedger.Interchange;

/// <summary>
/// Checks an export before anything is restored: every line's readable fields say what its stored bytes say, and the
/// hash chain holds from the first line to the last (docs/integrity.md).
/// </summary>
internal static class ExportVerifier
{
    /// <summary>Every line whose readable fields disagree with its bytes, and the first break of the chain.</summary>
    public static (List<InterchangeError> Errors, LedgerDigest? Head) Check(IReadOnlyList<InterchangeLine> lines,
        bool allowUnchained)
    {
        var errors = new List<InterchangeError>();
        foreach (var line in lines)
        {
            CheckReadable(line, errors);
        }

        var chainBreak = CheckChain(lines, allowUnchained, out var head);
        if (chainBreak is not null)
        {
            errors.Add(chainBreak);
        }

        return ([.. errors.OrderBy(e => e.Line)], errors.Count == 0 ? head : null);
    }

    private static void CheckReadable(InterchangeLine line, List<InterchangeError> errors)
    {
        var exported = line.Exported!;
        if (!EventSerializer.Serialize(line.Event).AsSpan().SequenceEqual(exported.Data.Span))
        {
            CheckReadableFields(line, errors);
            return;
        }

        CheckIdentity(line, errors);
    }

    // The slow path, only for a line whose bytes differ from its readable fields: decode them and name the field.
    private static void CheckReadableFields(InterchangeLine line, List<InterchangeError> errors)
    {
        var exported = line.Exported!;
        Events.LedgerEvent stored;
        try
        {
            stored = EventSerializer.Deserialize(exported.Type, exported.Data.Span);
        }
        catch (LedgerFormatException e)
        {
            errors.Add(new InterchangeError(line.Line, "ledger.data", $"the stored bytes are not a {exported.Type} event: {e.Message}"));
            return;
        }

        var readable = JObject.Parse(InterchangeWriter.Write(line.Event, exported: null));
        var fromBytes = JObject.Parse(InterchangeWriter.Write(stored, exported: null));
        if (FirstDifference(readable, fromBytes, string.Empty) is { } field)
        {
            errors.Add(new InterchangeError(line.Line, field.Path,
                $"the line says {Show(field.Readable)} but its stored event (ledger.data) says {Show(field.Stored)}: " +
                "the line was edited after it was exported"));
            return;
        }

        CheckIdentity(line, errors);
    }

    private static void CheckIdentity(InterchangeLine line, List<InterchangeError> errors)
    {
        var exported = line.Exported!;
        if (EventIds.For(line.Event) != exported.EventId)
        {
            errors.Add(new InterchangeError(line.Line, "ledger.id",
                $"event id {exported.EventId} is not the id this event has ({EventIds.For(line.Event)})"));
        }

        if (EventTypeNames.Of(line.Event) != exported.Type)
        {
            errors.Add(new InterchangeError(line.Line, "ledger.type",
                $"'{exported.Type}' is not this event's type ('{EventTypeNames.Of(line.Event)}')"));
        }
    }

    // After the first break every later link fails too, so only the first is worth naming.
    private static InterchangeError? CheckChain(IReadOnlyList<InterchangeLine> lines, bool allowUnchained, out LedgerDigest? head)
    {
        head = null;
        if (!lines[0].Exported!.IsChained)
        {
            var chained = lines.FirstOrDefault(l => l.Exported!.IsChained);
            return chained is not null
                ? new InterchangeError(chained.Line, "ledger.hash",
                    $"the export mixes lines with and without hashes: line {lines[0].Line} has none")
                : allowUnchained
                    ? CheckOrder(lines)
                    : new InterchangeError(lines[0].Line, "ledger.hash",
                        "the export carries no hashes, so it cannot be verified: it was written with the chain switched " +
                        "off, or they were removed; import it only if you trust the file (--allow-unchained)");
        }

        var previous = EventHash.Genesis.ToArray();
        var tree = new MerkleFrontier();
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, e, sequence) = (lines[i], lines[i].Exported!, i + 1);
            if (!e.IsChained)
            {
                return new InterchangeError(line.Line, "ledger.hash", $"sequence {sequence} carries no hash, unlike the lines before it");
            }

            if (e.Sequence != sequence)
            {
                return new InterchangeError(line.Line, "ledger.sequence",
                    $"expected sequence {sequence}, found {e.Sequence}: " +
                    (e.Sequence > sequence ? "a line before it was removed, or lines were reordered" : "lines were reordered or repeated"));
            }

            if (e.PreviousHash != EventHash.ToHex(previous))
            {
                return new InterchangeError(line.Line, "ledger.previous",
                    $"the chain breaks at sequence {sequence}: its previous hash is not the hash of the line before it " +
                    "(a line was removed, inserted or reordered)");
            }

            var computed = e.ComputeHash();
            if (EventHash.ToHex(computed) != e.Hash)
            {
                return new InterchangeError(line.Line, "ledger.hash",
                    $"the chain breaks at sequence {sequence}: its content hashes to {EventHash.ToHex(computed)}, not to its " +
                    $"hash {e.Hash} (its data, metadata, recordedAt, stream, version, type or id was changed)");
            }

            if (i > 0 && e.RecordedAt < lines[i - 1].Exported!.RecordedAt)
            {
                return RecordedAtBackwards(line);
            }

            previous = computed;
            tree.Add(MerkleTree.LeafHash(computed));
        }

        head = new LedgerDigest(tree.Size, EventHash.ToHex(previous), EventHash.ToHex(tree.Root()), lines[^1].Exported!.RecordedAt);
        return null;
    }

    private static InterchangeError? CheckOrder(IReadOnlyList<InterchangeLine> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Exported!.RecordedAt < lines[i - 1].Exported!.RecordedAt)
            {
                return RecordedAtBackwards(lines[i]);
            }
        }

        return null;
    }

    private static InterchangeError RecordedAtBackwards(InterchangeLine line) =>
        new(line.Line, "ledger.recordedAt",
            $"{EventHash.RecordedAtText(line.Exported!.RecordedAt)} is before the recordedAt of the line before it: recorded " +
            "time never goes backwards along a ledger");

    private static (string Path, JToken? Readable, JToken? Stored)? FirstDifference(JObject readable, JObject stored, string prefix)
    {
        foreach (var name in readable.Properties().Select(p => p.Name).Union(stored.Properties().Select(p => p.Name)))
        {
            var (a, b) = (readable[name], stored[name]);
            if (JToken.DeepEquals(a, b))
            {
                continue;
            }

            return a is JObject nestedA && b is JObject nestedB
                ? FirstDifference(nestedA, nestedB, $"{prefix}{name}.")
                : ($"{prefix}{name}", a, b);
        }

        return null;
    }

    private static string Show(JToken? token) => token is null ? "nothing" : token.ToString(Newtonsoft.Json.Formatting.None);
}
