using System.Runtime.CompilerServices;
using Belgorod;
using ClaimsLedger.Index;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Storage.InMemory;
using ClaimsLedger.Views;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsLedger.Tests.Snapshots;

/// <summary>
/// A snapshot's index image is loaded only under <see cref="SnapshotVerification.Head"/>, where whoever can write the
/// file is trusted: its digest catches damage, and the load itself must not let through anything the views would
/// fail on later. Whatever byte of an image is changed (with no digest to catch it), the load either fails or gives
/// an index that answers every view.
/// </summary>
public sealed class IndexImageTests
{
    [Fact]
    public void A_row_is_48_bytes()
    {
        // The image holds rows as their bytes, and the memory figures count on the size.
        Assert.Equal(48, Unsafe.SizeOf<StatementRow>());
    }

    [Fact]
    public async Task An_image_with_any_byte_changed_fails_to_load_or_answers_every_view()
    {
        var clock = new FakeTimeProvider(BelgorodHistory.RecordedAt);
        var ledger = await Ledger.OpenAsync(new InMemoryEventStore(clock), new LedgerOptions { Clock = clock });
        await ledger.RecordAsync([.. BelgorodHistory.Registrations, .. BelgorodHistory.Statements]);
        await ledger.RecordAsync([.. ManyStatements.Registrations()]);
        await ledger.RecordAsync([.. ManyStatements.Statements(400)]);
        await ledger.RecordAsync([.. ManyStatements.Corrections(400)]);
        clock.SetUtcNow(BelgorodHistory.CorrectedAt);
        await ledger.RecordAsync(BelgorodHistory.Correction);
        var good = ledger.Read(index =>
        {
            using var bytes = new MemoryStream();
            var writer = new ImageWriter(bytes);
            index.WriteImage(writer);
            writer.Flush();
            return bytes.ToArray();
        });
        var asOf = ledger.Now();
        Assert.Equal((await ledger.GetBoardAsync(asOf)).ToJson(), LedgerQueries.Board(LedgerIndex.ReadImage(good), asOf).ToJson());

        var failed = 0;
        var step = Math.Max(1, good.Length / 1_500);
        for (var at = 0; at < good.Length; at += step)
        {
            foreach (var flip in new byte[] { 0x01, 0x80 })
            {
                var damaged = (byte[])good.Clone();
                damaged[at] ^= flip;
                LedgerIndex loaded;
                try
                {
                    loaded = LedgerIndex.ReadImage(damaged);
                }
                catch (Exception)
                {
                    failed++;
                    continue;
                }

                var exception = Record.Exception(() =>
                {
                    _ = LedgerQueries.Board(loaded, asOf);
                    _ = LedgerQueries.Actors(loaded, asOf);
                    _ = LedgerQueries.Timeline(loaded, TimelineQuery.All, asOf);
                    foreach (var claim in loaded.Claims.Keys)
                    {
                        _ = LedgerQueries.Claim(loaded, claim, asOf);
                    }
                });
                Assert.True(exception is null, $"byte {at} ^ {flip:x2} loaded, then a view threw {exception}");
            }
        }

        Assert.True(failed > 0, "no damaged image failed to load");
    }
}
