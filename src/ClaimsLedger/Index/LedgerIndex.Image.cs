using System.Runtime.CompilerServices;
using ClaimsLedger.Events;
using ClaimsLedger.Snapshots;
using ClaimsLedger.Storage;

namespace ClaimsLedger.Index;

/// <summary>
/// The whole index as a snapshot's index image (docs/snapshots.md, format 2): what an open would build from the log,
/// written as it is held, so that loading it is reading arrays rather than decoding and folding every event.
/// </summary>
internal sealed partial class LedgerIndex
{
    // The mark names the layout: a change to the rows or the order of the parts changes the layout number, and the
    // row size is part of it, so an image of another layout is rejected before anything in it is read.
    private const byte ImageLayout = 2;

    private static byte[] ImageMark { get; } = [.. "CLINDEX"u8, ImageLayout, (byte)Unsafe.SizeOf<StatementRow>()];

    /// <summary>Writes the index; the caller holds the index's lock.</summary>
    public void WriteImage(ImageWriter image)
    {
        SettleOrder();
        foreach (var b in ImageMark)
        {
            image.Byte(b);
        }

        Statements.WriteImage(image);
        image.Int(Claims.Count);
        foreach (var claim in Claims.Values)
        {
            claim.WriteImage(image);
        }

        image.Int(Actors.Count);
        foreach (var actor in Actors.Values)
        {
            image.Event(actor.Registration);
            image.Long(actor.RecordedAt.UtcTicks);
            image.Int(actor.Number);
            image.Int(actor.Affiliations.Count);
            foreach (var affiliation in actor.Affiliations)
            {
                image.Event(affiliation.Start);
                image.Long(affiliation.RecordedAt.UtcTicks);
                image.Bool(affiliation.End is not null);
                if (affiliation.End is { } end)
                {
                    image.Event(end);
                    image.Long(affiliation.EndRecordedAt.UtcTicks);
                }
            }

            image.Values(actor.Claims.Numbers);
        }

        image.Int(Sources.Count);
        foreach (var source in Sources.Values)
        {
            image.Event(source.Registration);
            image.Long(source.RecordedAt.UtcTicks);
            image.Int(source.Number);
        }

        image.Int(CorrectionLog.Count);
        foreach (var correction in CorrectionLog)
        {
            image.Event(correction.Event);
            image.Int(correction.Target.Number);
            image.Long(correction.Ordinal);
            image.Long((long)correction.Position.Commit);
            image.Long((long)correction.Position.Prepare);
            image.Long(correction.RecordedAt.UtcTicks);
        }

        image.Values<Guid>([.. OtherEventIds]);
        image.Int(_streamVersions.Count);
        foreach (var (stream, version) in _streamVersions)
        {
            image.Text(stream);
            image.Long(version);
        }

        image.Bool(LastPosition is not null);
        image.Long((long)(LastPosition?.Commit ?? 0));
        image.Long((long)(LastPosition?.Prepare ?? 0));
        image.Long(LastRecordedAt.UtcTicks);
        image.Long(EventCount);
    }

    /// <summary>The index an image holds.</summary>
    /// <exception cref="SnapshotFormatException">The image is damaged: it names the part.</exception>
    public static LedgerIndex ReadImage(ReadOnlySpan<byte> bytes)
    {
        var image = new ImageReader(bytes);
        if (!image.Take(ImageMark.Length).SequenceEqual(ImageMark))
        {
            throw image.Damaged("no index image mark");
        }

        var index = new LedgerIndex();
        var table = StatementTable.ReadImage(ref image);
        index.Statements = table;

        image.Part = "the claims";
        var claims = image.Count(8);
        var seen = new bool[table.Count];
        for (var i = 0; i < claims; i++)
        {
            var claim = ClaimEntry.ReadImage(ref image, table, seen);
            index.Claims[claim.Registration.Id] = Numbered(index._claimsByNumber, claim.Number, _ => claim);
        }

        if (Array.IndexOf(seen, false) is var unseen and >= 0)
        {
            throw image.Damaged($"statement {unseen}, which no claim's rows hold");
        }

        image.Part = "the actors";
        var actors = image.Count(8);
        for (var i = 0; i < actors; i++)
        {
            var registration = image.Event<ActorRegistered>();
            var actor = new ActorEntry(registration, Time(ref image)) { Number = image.Int() };
            if (!table.Names.Actors.IsNumberOf(actor.Number, registration.Id))
            {
                throw image.Damaged($"actor '{registration.Id}' under number {actor.Number}");
            }

            var affiliations = image.Count(8);
            for (var k = 0; k < affiliations; k++)
            {
                var entry = new AffiliationEntry(image.Event<ActorAffiliated>(), Time(ref image));
                if (image.Bool())
                {
                    entry.End = image.Event<ActorAffiliationEnded>();
                    entry.EndRecordedAt = Time(ref image);
                }

                actor.Affiliations.Add(entry);
            }

            var numbers = image.Values<int>();
            if (numbers.Any(n => index.ClaimAt(n) is null))
            {
                throw image.Damaged($"a claim number of actor '{registration.Id}' that no claim has");
            }

            actor.Claims.Load(numbers);
            index.Actors[registration.Id] = Numbered(index._actorsByNumber, actor.Number, _ => actor);
        }

        image.Part = "the sources";
        var sources = image.Count(8);
        for (var i = 0; i < sources; i++)
        {
            var registration = image.Event<SourceRegistered>();
            var source = new SourceEntry(registration, Time(ref image)) { Number = image.Int() };
            if (!table.Names.Sources.IsNumberOf(source.Number, registration.Id))
            {
                throw image.Damaged($"source '{registration.Id}' under number {source.Number}");
            }

            index.Sources[registration.Id] = Numbered(index._sourcesByNumber, source.Number, _ => source);
        }

        image.Part = "the corrections";
        var corrections = image.Count(8);
        for (var i = 0; i < corrections; i++)
        {
            var @event = image.Event<LedgerEvent>();
            var target = image.Int();
            if ((uint)target >= (uint)table.Count || @event is not (StatementAmended or StatementStruck))
            {
                throw image.Damaged($"correction {i} of statement number {target}");
            }

            var entry = new StatementEntry(table, target);
            var corrected = @event is StatementAmended amended ? amended.Statement : ((StatementStruck)@event).Statement;
            if (corrected != table.IdOf(target))
            {
                throw image.Damaged($"correction {i} of statement '{corrected}' under the number of '{table.IdOf(target)}'");
            }

            var correction = new CorrectionEntry(@event, entry, image.Long(),
                new GlobalPosition((ulong)image.Long(), (ulong)image.Long()), Time(ref image));
            entry.AddCorrection(correction);
            index.Corrections[correction.Id] = correction;
            index.CorrectionLog.Add(correction);
        }

        image.Part = "the ids of links and affiliations";
        index.OtherEventIds.UnionWith(image.Values<Guid>());
        image.Part = "the stream versions";
        var streams = image.Count(12);
        for (var i = 0; i < streams; i++)
        {
            index._streamVersions[image.Text()] = image.Long();
        }

        image.Part = "the references between its parts";
        index.CheckReferences(ref image);
        image.Part = "the last position";
        var hasLast = image.Bool();
        var last = new GlobalPosition((ulong)image.Long(), (ulong)image.Long());
        index.LastPosition = hasLast ? last : null;
        index.LastRecordedAt = Time(ref image);
        index.EventCount = image.Long();
        if (!image.AtEnd)
        {
            throw image.Damaged("bytes after its end");
        }

        return index;
    }

    /// <summary>
    /// What the views look up must be there: every claim, actor and source the statements' bytes name (by number) is
    /// registered, as are the organisations of affiliations and what amendments name; links and affiliations belong to
    /// the claim or actor that holds them.
    /// </summary>
    // Compiled optimised at once, as ClaimEntry.ReadImage is (why is there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckReferences(ref ImageReader image)
    {
        var names = Statements.Names;
        for (var n = 0; n < names.Claims.Count; n++)
        {
            _ = ClaimAt(n) ?? throw image.Damaged($"claim '{names.Claims[n]}', named but not registered");
        }

        for (var n = 0; n < names.Actors.Count; n++)
        {
            _ = ActorAt(n) ?? throw image.Damaged($"actor '{names.Actors[n]}', named but not registered");
        }

        for (var n = 0; n < names.Sources.Count; n++)
        {
            _ = SourceAt(n) ?? throw image.Damaged($"source '{names.Sources[n]}', named but not registered");
        }

        foreach (var (id, claim) in Claims)
        {
            if (claim.Links.Any(l => l.Link.Claim != id))
            {
                throw image.Damaged($"a link of claim '{id}' that is another claim's");
            }
        }

        foreach (var (id, actor) in Actors)
        {
            if (actor.Affiliations.Any(a => a.Start.Actor != id || !Actors.ContainsKey(a.Start.Organisation)
                                            || (a.End is { } end && (end.Actor != id || end.Organisation != a.Start.Organisation))))
            {
                throw image.Damaged($"an affiliation of actor '{id}' that does not fit it");
            }
        }

        foreach (var correction in CorrectionLog)
        {
            if (correction.Event is StatementAmended { Changes: var changes }
                && ((changes.Actor is { } actor && !Actors.ContainsKey(actor))
                    || (changes.Source is { } source && !Sources.ContainsKey(source))
                    || (changes.Via?.Any(v => !Actors.ContainsKey(v)) ?? false)))
            {
                throw image.Damaged($"correction '{correction.Id}', which names what is not registered");
            }
        }
    }

    private static DateTimeOffset Time(ref ImageReader image)
    {
        var ticks = image.Long();
        return ticks is >= 0 and <= 3_155_378_975_999_999_999
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw image.Damaged($"a time of {ticks} ticks");
    }
}
