using ClaimsLedger.Events;
using ClaimsLedger.Ids;
using ClaimsLedger.Recording;

namespace ClaimsLedger.Validation;

/// <summary>Checks for claims, links, actors, affiliations and sources.</summary>
internal sealed partial class BatchValidator
{
    private Outcome CheckClaim(ClaimRegistered e)
    {
        _subject = ("claim", e.Id.ToString());
        if (!RequireId(e.Id.IsDefault, "id", "claim"))
        {
            return Outcome.Rejected;
        }

        var existing = _claims.GetValueOrDefault(e.Id) ?? _index.Claims.GetValueOrDefault(e.Id)?.Registration;
        if (existing is not null)
        {
            return Repeat(existing, e, $"claim '{e.Id}'");
        }

        RequireText(e.Text, "text");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < e.Incidents.Count; i++)
        {
            var tag = e.Incidents[i];
            _ = Check(Slug.IsValid(tag), LedgerErrorCode.InvalidValue, $"incidents[{i}]",
                    $"'{tag}' is not a valid incident tag: {Slug.Rule}")
                && Check(seen.Add(tag), LedgerErrorCode.InvalidValue, $"incidents[{i}]", $"'{tag}' appears twice");
        }

        return Outcome.Append;
    }

    private Outcome CheckLink(ClaimLinked e)
    {
        _subject = ("claim", e.Claim.ToString());
        var ok = ClaimKnown(e.Claim, "claim") & ClaimKnown(e.Target, "target") & Defined(e.Link, "link");
        if (!ok || !Check(e.Claim != e.Target, LedgerErrorCode.InvalidLink, "target",
                $"claim '{e.Claim}' cannot be linked to itself"))
        {
            return Outcome.Rejected;
        }

        var id = EventIds.For(e);
        return _others.ContainsKey(id) || _index.OtherEventIds.Contains(id) ? Outcome.Unchanged : Outcome.Append;
    }

    private Outcome CheckActor(ActorRegistered e)
    {
        _subject = ("actor", e.Id.ToString());
        if (!RequireId(e.Id.IsDefault, "id", "actor"))
        {
            return Outcome.Rejected;
        }

        var existing = _actors.GetValueOrDefault(e.Id) ?? _index.Actors.GetValueOrDefault(e.Id)?.Registration;
        if (existing is not null)
        {
            return Repeat(existing, e, $"actor '{e.Id}'");
        }

        RequireText(e.Name, "name");
        Defined(e.Kind, "kind");
        return Outcome.Append;
    }

    private Outcome CheckAffiliated(ActorAffiliated e)
    {
        _subject = ("actor", e.Actor.ToString());
        var ok = ActorKnown(e.Actor, "actor") & ActorKnown(e.Organisation, "organisation")
                 & SaidAtValue(e.Since, "since") & OptionalText(e.Role, "role");
        if (!ok || !Check(e.Actor != e.Organisation, LedgerErrorCode.InvalidAffiliation, "organisation",
                $"actor '{e.Actor}' cannot be affiliated with itself"))
        {
            return Outcome.Rejected;
        }

        var existing = StoredAffiliation(e);
        if (existing is not null)
        {
            return Repeat(existing, e, $"affiliation of '{e.Actor}' with '{e.Organisation}' since {e.Since}");
        }

        return Check(OpenAffiliation(e.Actor, e.Organisation) is null, LedgerErrorCode.InvalidAffiliation,
            "organisation", $"actor '{e.Actor}' is already affiliated with '{e.Organisation}'; end that first")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    private Outcome CheckAffiliationEnded(ActorAffiliationEnded e)
    {
        _subject = ("actor", e.Actor.ToString());
        var ok = ActorKnown(e.Actor, "actor") & ActorKnown(e.Organisation, "organisation") & SaidAtValue(e.Until, "until");
        if (!ok)
        {
            return Outcome.Rejected;
        }

        var id = EventIds.For(e);
        if (_others.ContainsKey(id) || _index.OtherEventIds.Contains(id))
        {
            return Outcome.Unchanged;
        }

        var open = OpenAffiliation(e.Actor, e.Organisation);
        return Check(open is not null, LedgerErrorCode.InvalidAffiliation, "organisation",
                   $"actor '{e.Actor}' has no open affiliation with '{e.Organisation}'")
               && Check(e.Until.Start >= open!.Since.Start, LedgerErrorCode.InvalidAffiliation, "until",
                   $"{e.Until} starts before the affiliation began ({open.Since})")
            ? Outcome.Append
            : Outcome.Rejected;
    }

    private Outcome CheckSource(SourceRegistered e)
    {
        _subject = ("source", e.Id.ToString());
        if (!RequireId(e.Id.IsDefault, "id", "source"))
        {
            return Outcome.Rejected;
        }

        var existing = _sources.GetValueOrDefault(e.Id) ?? _index.Sources.GetValueOrDefault(e.Id)?.Registration;
        if (existing is not null)
        {
            return Repeat(existing, e, $"source '{e.Id}'");
        }

        RequireText(e.Publisher, "publisher");
        RequireText(e.Title, "title");
        Url(e.Url, "url");
        if (e.Published is { } published)
        {
            SaidAtValue(published, "published");
        }

        return Outcome.Append;
    }

    private ActorAffiliated? OpenAffiliation(ActorId actor, ActorId organisation) =>
        _affiliations.TryGetValue((actor, organisation), out var pending)
            ? pending
            : _index.Actors.GetValueOrDefault(actor)?.Affiliations
                .LastOrDefault(a => a.IsOpen && a.Start.Organisation == organisation)?.Start;

    private ActorAffiliated? StoredAffiliation(ActorAffiliated e)
    {
        var id = EventIds.For(e);
        if (_others.TryGetValue(id, out var pending))
        {
            return (ActorAffiliated)pending;
        }

        return _index.OtherEventIds.Contains(id)
            ? _index.Actors[e.Actor].Affiliations.Select(a => a.Start)
                .First(a => a.Organisation == e.Organisation && a.Since == e.Since)
            : null;
    }
}
