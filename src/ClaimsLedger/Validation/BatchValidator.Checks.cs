using ClaimsLedger.Events;

namespace ClaimsLedger.Validation;

/// <summary>Field-level checks shared by every event kind.</summary>
internal sealed partial class BatchValidator
{
    private bool RequireId(bool isDefault, string field, string kind) =>
        Check(!isDefault, LedgerErrorCode.MissingField, field, $"a {kind} id is required");

    private bool RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Fail(LedgerErrorCode.MissingField, field, "is required and must not be blank");
        }

        return Check(value.Length <= MaxTextLength, LedgerErrorCode.InvalidValue, field,
            $"is {value.Length} characters long; at most {MaxTextLength} are accepted");
    }

    private bool OptionalText(string? value, string field) => value is null || RequireText(value, field);

    private bool Defined<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value)
        || Fail(LedgerErrorCode.InvalidValue, field,
            Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0
                ? "is required"
                : $"{value} is not a known {typeof(T).Name}");

    private bool SaidAtValue(SaidAt value, string field)
    {
        if (value.IsDefault)
        {
            return Fail(LedgerErrorCode.MissingField, field, "is required");
        }

        return Check(value.Start <= _now, LedgerErrorCode.SaidAfterRecorded, field,
            $"{value} starts after the time of recording ({_now:yyyy-MM-dd'T'HH:mm:ss'Z'}): a statement cannot be " +
            $"recorded before it is made");
    }

    private bool Url(Uri? url, string field) =>
        url is null || Check(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
            LedgerErrorCode.InvalidValue, field, $"'{url}' is not an absolute http or https URL");

    private bool ClaimKnown(ClaimId id, string field) =>
        RequireId(id.IsDefault, field, "claim")
        && Check(_claims.ContainsKey(id) || _index.Claims.ContainsKey(id), LedgerErrorCode.UnknownClaim, field,
            $"unknown claim '{id}': register it first");

    private bool ActorKnown(ActorId id, string field) =>
        RequireId(id.IsDefault, field, "actor")
        && Check(IsRegistered(id), LedgerErrorCode.UnknownActor, field, $"unknown actor '{id}': register it first");

    private bool IsRegistered(ActorId id) => _actors.ContainsKey(id) || _index.Actors.ContainsKey(id);

    private bool SourceKnown(SourceId id, string field) =>
        RequireId(id.IsDefault, field, "source")
        && Check(_sources.ContainsKey(id) || _index.Sources.ContainsKey(id), LedgerErrorCode.UnknownSource, field,
            $"unknown source '{id}': register it first");

    private bool ViaKnown(IReadOnlyList<ActorId>? via, string field)
    {
        if (via is null)
        {
            return true;
        }

        var ok = true;
        for (var i = 0; i < via.Count; i++)
        {
            var actor = via[i];
            if (!actor.IsDefault && IsRegistered(actor) && !Repeats(via, i))
            {
                continue;
            }

            // Only a failing element gets its field name built.
            ok &= ActorKnown(actor, $"{field}[{i}]")
                  && Check(!Repeats(via, i), LedgerErrorCode.InvalidValue, $"{field}[{i}]",
                      $"actor '{actor}' appears twice in the chain");
        }

        return ok;
    }

    // A via chain is a handful of actors: a scan is cheaper than a set.
    private static bool Repeats(IReadOnlyList<ActorId> via, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (via[j] == via[index])
            {
                return true;
            }
        }

        return false;
    }
}
