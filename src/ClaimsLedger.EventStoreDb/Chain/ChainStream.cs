using System.Security.Cryptography;
using System.Text;
using ClaimsLedger.EventStoreDb.Connection;
using ClaimsLedger.EventStoreDb.Reading;
using ClaimsLedger.EventStoreDb.Wire;
using ClaimsLedger.EventStoreDb.Writing;
using ClaimsLedger.Integrity;
using ClaimsLedger.Storage;

namespace ClaimsLedger.EventStoreDb.Chain;

/// <summary>
/// The chain stream on the server (<c>{prefix}ledger-chain</c>): its head, its links from a revision on, and appending
/// a link at an expected revision. Events in it that are not well-formed links (written by hand, another version) are
/// passed over by readers and sealers alike, so both agree on the head: the last well-formed link.
/// </summary>
internal sealed class ChainStream(GrpcConnection connection, LedgerStreamNames names, LogReader reader)
{
    private static readonly byte[][] NoCustomMetadata = [[]];

    /// <summary>The head after the stream's last well-formed link (one read of one event in the usual case).</summary>
    /// <exception cref="StreamDeletedException">The chain stream was tombstoned.</exception>
    public async Task<ChainHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var newest = await reader.StreamAsync(LedgerStreamNames.Chain, ReadDirection.Backwards, StreamPosition.End, 1,
            cancellationToken).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (newest is null)
        {
            return ChainHead.Genesis(null);
        }

        if (ChainLinkJson.TryRead(newest.Type, newest.Data) is { } link)
        {
            return ChainHead.After(newest.Revision, link);
        }

        // The newest event is not a link (written by hand?): the head is the last link before it.
        if (newest.Revision > 0)
        {
            await foreach (var e in reader.StreamAsync(LedgerStreamNames.Chain, ReadDirection.Backwards, newest.Revision - 1,
                               long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (ChainLinkJson.TryRead(e.Type, e.Data) is { } earlier)
                {
                    return ChainHead.After(newest.Revision, earlier);
                }
            }
        }

        return ChainHead.Genesis(newest.Revision);
    }

    /// <summary>The stream's events from <paramref name="revision"/> on, each with its link or null (not a link).</summary>
    public async IAsyncEnumerable<(long Revision, ChainLink? Link)> ReadFromAsync(long revision,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in reader.StreamAsync(LedgerStreamNames.Chain, ReadDirection.Forwards, revision, long.MaxValue,
                           cancellationToken).ConfigureAwait(false))
        {
            yield return (e.Revision, ChainLinkJson.TryRead(e.Type, e.Data));
        }
    }

    /// <summary>Appends <paramref name="link"/> if the stream is still at <paramref name="head"/>'s revision.</summary>
    /// <exception cref="AppendTooLargeException">The link is over the node's maximum append size.</exception>
    public Task<AppendOutcome> AppendAsync(ChainHead head, ChainLink link, CancellationToken cancellationToken)
    {
        var expected = head.Revision is { } revision ? ExpectedVersion.Exactly(revision) : ExpectedVersion.NoStream;
        var data = new EventData(LinkId(head, link), ChainLinkJson.Type, ChainLinkJson.Write(link), ReadOnlyMemory<byte>.Empty);
        return AppendCall.SendAsync(connection, names, new StreamAppend(LedgerStreamNames.Chain, expected, [data]),
            head.Revision, NoCustomMetadata, cancellationToken);
    }

    // Two sealers that compute the same link at the same revision send the same id, so the server takes the second
    // (or a retry after a timeout) as a repeat of the first instead of a conflict.
    private Guid LinkId(ChainHead head, ChainLink link)
    {
        var key = $"claims-ledger/chain-link/{names.Prefix}/{head.Revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}/" +
                  EventHash.ToHex(link.Last.Hash);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
