using System.Globalization;
using System.Reflection;

namespace ClaimsLedger.Storage.Sql;

/// <summary>A numbered schema script embedded in a store assembly, e.g. <c>Schema/001-create.sql</c>.</summary>
/// <param name="Version">The schema version the script brings the database to.</param>
/// <param name="Sql">The script.</param>
internal sealed record SchemaScript(int Version, string Sql)
{
    /// <summary>The application marker every ledger database carries in its metadata.</summary>
    public const string Application = "claims-ledger";

    /// <summary>Loads the scripts under a resource prefix, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(Assembly assembly, string prefix)
    {
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var version = int.Parse(name.AsSpan(prefix.Length, 3), CultureInfo.InvariantCulture);
                return new SchemaScript(version, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.Count == 0 || scripts.Select((s, i) => s.Version != i + 1).Any(gap => gap))
        {
            throw new InvalidOperationException($"schema scripts under {prefix} must be numbered 001, 002, ... without gaps");
        }

        return scripts;
    }

    /// <summary>The version recorded in a ledger's metadata, after checking it is a ledger this library can use.</summary>
    /// <exception cref="StoreSchemaException">Not a ledger, or a newer one.</exception>
    public static int CheckVersion(IReadOnlyDictionary<string, string> meta, string where, int latest)
    {
        if (meta.GetValueOrDefault("application") != Application)
        {
            throw new StoreSchemaException($"'{where}' is not a ClaimsLedger ledger: its metadata does not say so; " +
                                           "nothing was changed");
        }

        if (!int.TryParse(meta.GetValueOrDefault("schema_version"), NumberStyles.None, CultureInfo.InvariantCulture,
                out var version))
        {
            throw new StoreSchemaException($"the ledger '{where}' records no schema version: it was not created by " +
                                           "ClaimsLedger; nothing was changed");
        }

        return version <= latest
            ? version
            : throw new StoreSchemaException($"the ledger '{where}' has schema version {version}, newer than the " +
                                             $"{latest} this version of ClaimsLedger supports; upgrade ClaimsLedger. " +
                                             "Nothing was changed");
    }
}
