using System.Text;
using ClaimsLedger.Recording;
using ClaimsLedger.Storage;
using Google.Protobuf;

namespace ClaimsLedger.EventStoreDb;

/// <summary>
/// How ledger streams are named on the server: the store's prefix, then the ledger name (<c>claim:</c>,
/// <c>actor:</c> or <c>source:</c> and the id). Reads of all are filtered on the server by these three prefixes, so
/// only ledger streams may be written: anything else would never show up in a read of all. The ledger's hash chain
/// lives beside them in <c>ledger-chain</c> (under the same prefix), outside that filter, so reads of the ledger never
/// see it and <see cref="EnsureLedgerStream"/> keeps callers from writing it.
/// </summary>
internal sealed class LedgerStreamNames(string prefix)
{
    private static readonly string[] Kinds = [LedgerStreams.ClaimPrefix, LedgerStreams.ActorPrefix, LedgerStreams.SourcePrefix];

    public string Prefix => prefix;

    /// <summary>The stream of the ledger's chain links (see <c>Chain/ChainLink.cs</c>), before the prefix.</summary>
    public static StreamName Chain { get; } = new("ledger-chain");

    /// <summary>The server-side stream-name prefixes of this ledger's streams.</summary>
    public IReadOnlyList<string> FilterPrefixes { get; } = [.. Kinds.Select(kind => prefix + kind)];

    public ByteString ToServer(StreamName stream) => ByteString.CopyFromUtf8(prefix + stream.Value);

    /// <exception cref="LedgerStoreException">The name is not under this store's prefix.</exception>
    public StreamName FromServer(ByteString name)
    {
        var text = Encoding.UTF8.GetString(name.Span);
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length == prefix.Length)
        {
            throw new LedgerStoreException($"EventStoreDB returned an event of stream '{text}', which is not under the " +
                                           $"store's stream prefix '{prefix}'");
        }

        return new StreamName(text[prefix.Length..]);
    }

    /// <exception cref="ArgumentException">The stream is not a ledger stream.</exception>
    public static void EnsureLedgerStream(StreamName stream)
    {
        if (!Kinds.Any(kind => stream.Value.StartsWith(kind, StringComparison.Ordinal) && stream.Value.Length > kind.Length))
        {
            throw new ArgumentException(
                $"stream '{stream}' is not a ledger stream: the EventStoreDB store writes only streams named " +
                "claim:<id>, actor:<id> or source:<id>, because reads of all are filtered to those names on the server",
                nameof(stream));
        }
    }
}
