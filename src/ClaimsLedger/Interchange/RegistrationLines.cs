using ClaimsLedger.Events;

namespace ClaimsLedger.Interchange;

/// <summary>Lines that register claims, links, actors, affiliations and sources.</summary>
internal static class RegistrationLines
{
    public static LedgerEvent? Claim(LineReader f)
    {
        var id = f.Id("id", "claim", v => new ClaimId(v));
        var text = f.Text("text", required: true);
        var incidents = f.Tags("incidents");
        return text is null || id.IsDefault ? null : new ClaimRegistered(id, text) { Incidents = incidents };
    }

    public static LedgerEvent? Link(LineReader f)
    {
        var claim = f.Id("claim", "claim", v => new ClaimId(v));
        var link = f.Enum<ClaimLinkKind>("link", required: true);
        var target = f.Id("target", "claim", v => new ClaimId(v));
        return link is null || claim.IsDefault || target.IsDefault ? null : new ClaimLinked(claim, link.Value, target);
    }

    public static LedgerEvent? Actor(LineReader f)
    {
        var id = f.Id("id", "actor", v => new ActorId(v));
        var name = f.Text("name", required: true);
        var kind = f.Enum<ActorKind>("kind", required: true);
        var anonymous = f.Bool("anonymous");
        return name is null || kind is null || id.IsDefault
            ? null
            : new ActorRegistered(id, name, kind.Value) { Anonymous = anonymous };
    }

    public static LedgerEvent? Affiliation(LineReader f)
    {
        var actor = f.Id("actor", "actor", v => new ActorId(v));
        var organisation = f.Id("organisation", "actor", v => new ActorId(v));
        var since = f.SaidAt("since", required: true);
        var role = f.Text("role", required: false);
        return since is null || actor.IsDefault || organisation.IsDefault
            ? null
            : new ActorAffiliated(actor, organisation, since.Value) { Role = role };
    }

    public static LedgerEvent? AffiliationEnd(LineReader f)
    {
        var actor = f.Id("actor", "actor", v => new ActorId(v));
        var organisation = f.Id("organisation", "actor", v => new ActorId(v));
        var until = f.SaidAt("until", required: true);
        return until is null || actor.IsDefault || organisation.IsDefault
            ? null
            : new ActorAffiliationEnded(actor, organisation, until.Value);
    }

    public static LedgerEvent? Source(LineReader f)
    {
        var id = f.Id("id", "source", v => new SourceId(v));
        var publisher = f.Text("publisher", required: true);
        var title = f.Text("title", required: true);
        var url = f.Url("url");
        var published = f.SaidAt("published", required: false);
        return publisher is null || title is null || id.IsDefault
            ? null
            : new SourceRegistered(id, publisher, title) { Url = url, Published = published };
    }
}
