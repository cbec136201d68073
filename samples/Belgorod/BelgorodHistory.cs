using ClaimsLedger;
using ClaimsLedger.Events;

namespace Belgorod;

/// <summary>
/// The statements of the news analysis of 26 May 2023 on the Belgorod raid (shared/seed), as ledger events.
/// Claims are paraphrased; quotes are the short phrases the article quotes.
/// </summary>
public static class BelgorodHistory
{
    /// <summary>When the newsroom recorded the article's statements.</summary>
    public static DateTimeOffset RecordedAt { get; } = new(2023, 5, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When the misattribution was noticed and corrected.</summary>
    public static DateTimeOffset CorrectedAt { get; } = new(2023, 5, 27, 9, 0, 0, TimeSpan.Zero);

    // The article dates few statements: most are "this week" (from Monday's raid to publication), whatever day they
    // were really made. The ledger records what the source supports, never a more precise date than it gives.
    private static readonly SaidAt ThisWeek = SaidAt.Range(new DateOnly(2023, 5, 22), new DateOnly(2023, 5, 26));

    // Zelenskyy's denial and his false-flag remark: after the 3 May drone attack, before the article.
    private static readonly SaidAt SinceTheKremlinDrone = SaidAt.Range(new DateOnly(2023, 5, 3), new DateOnly(2023, 5, 26));

    // Said at some time between the invasion and the article: the article reports a standing position, not a date.
    private static readonly SaidAt SinceTheInvasion = SaidAt.Range(new DateOnly(2022, 2, 24), new DateOnly(2023, 5, 26));
    private static readonly SourceId Article = "seed-article-2023-05-26";

    /// <summary>Claims, actors, affiliations and the source.</summary>
    public static IReadOnlyList<LedgerEvent> Registrations { get; } =
    [
        new SourceRegistered(Article, "Unnamed news outlet", "News analysis of 26 May 2023 (untitled)")
        {
            Published = SaidAt.Day(2023, 5, 26),
        },

        Actor("rdk", "Russian Volunteer Corps (RDK)", ActorKind.Group),
        Actor("frl", "Liberty of Russia Legion (FRL)", ActorKind.Group),
        Actor("kapustin", "Denis Kapustin", ActorKind.Person),
        Actor("ua-presidential-office", "Office of the President of Ukraine", ActorKind.Government),
        Actor("podolyak", "Mykhailo Podolyak", ActorKind.Person),
        Actor("zelenskyy", "Volodymyr Zelenskyy", ActorKind.Person),
        Actor("russian-mod", "Russian Defence Ministry", ActorKind.Government),
        Actor("kremlin", "The Kremlin", ActorKind.Government),
        Actor("news-outlet", "Unnamed news outlet", ActorKind.Media),
        new ActorRegistered("unnamed-observers", "Unnamed observers", ActorKind.Collective) { Anonymous = true },
        Actor("shoigu", "Sergei Shoigu", ActorKind.Person),
        Actor("white-house", "White House", ActorKind.Government),
        Actor("kirby", "John Kirby", ActorKind.Person),
        Actor("biden", "Joe Biden", ActorKind.Person),
        Actor("us-administration", "US administration", ActorKind.Government),
        Actor("state-department", "US State Department", ActorKind.Government),
        Actor("miller", "Matthew Miller", ActorKind.Person),
        // The article's unnamed US sources, kept apart by channel: rule 4 merges one actor's statements into one position.
        new ActorRegistered("us-officials", "US officials", ActorKind.Collective) { Anonymous = true },
        new ActorRegistered("us-officials-to-nbc", "US officials speaking to NBC News", ActorKind.Collective) { Anonymous = true },
        new ActorRegistered("us-sources-to-nyt", "US government sources speaking to The New York Times", ActorKind.Collective) { Anonymous = true },
        new ActorRegistered("us-intelligence", "US intelligence reports", ActorKind.Collective) { Anonymous = true },
        Actor("nbc-news", "NBC News", ActorKind.Media),
        Actor("nyt", "The New York Times", ActorKind.Media),

        new ActorAffiliated("kapustin", "rdk", SaidAt.Year(2022)) { Role = "commander" },
        new ActorAffiliated("podolyak", "ua-presidential-office", SaidAt.Year(2020)) { Role = "adviser" },
        new ActorAffiliated("zelenskyy", "ua-presidential-office", SaidAt.Day(2019, 5, 20)) { Role = "president" },
        new ActorAffiliated("shoigu", "russian-mod", SaidAt.Day(2012, 11, 6)) { Role = "defence minister" },
        new ActorAffiliated("kirby", "white-house", SaidAt.Month(2022, 5)) { Role = "spokesperson" },
        new ActorAffiliated("biden", "white-house", SaidAt.Day(2021, 1, 20)) { Role = "president" },
        new ActorAffiliated("miller", "state-department", SaidAt.Range(new DateOnly(2023, 1, 1), new DateOnly(2023, 5, 26))) { Role = "spokesperson" },

        Claim("raid-by-rdk-and-frl", "The RDK and the Liberty of Russia Legion carried out the 22 May raid into Belgorod region", "belgorod-raid-2023-05"),
        Claim("ukraine-behind-belgorod-raid", "Ukraine directed the Belgorod raid", "belgorod-raid-2023-05"),
        Claim("ukraine-supplied-the-raiders", "Ukraine gave the raiders supplies and information", "belgorod-raid-2023-05"),
        Claim("raid-was-russian-guerrilla-uprising", "The raid was an armed Russian guerrilla movement rising against its own state", "belgorod-raid-2023-05"),
        Claim("russia-killed-70-raiders", "Russian forces killed more than 70 of the raiders while suppressing the assault", "belgorod-raid-2023-05"),
        Claim("us-supplied-the-vehicles-in-2022", "The US supplied the Humvees and mine-resistant vehicles to Ukraine in 2022", "belgorod-raid-2023-05"),
        Claim("us-vehicles-used-in-raid", "US-made Humvees and mine-resistant vehicles were used in the Belgorod raid", "belgorod-raid-2023-05"),
        Claim("us-authorised-equipment-transfer", "The US authorised Ukraine to pass US-supplied equipment to other groups", "belgorod-raid-2023-05"),
        Claim("ukraine-requested-transfer-right", "Ukraine asked the US for the right to pass the equipment on", "belgorod-raid-2023-05"),
        Claim("us-enables-attacks-in-russia", "The US enables or encourages Ukrainian attacks outside Ukraine's borders", "cross-border-attacks"),
        Claim("ukraine-behind-kremlin-drone", "Ukraine was behind the 3 May drone attack on the Kremlin", "kremlin-drone-2023-05-03"),
        Claim("kremlin-drone-false-flag", "The 3 May drone attack on the Kremlin was a Russian false-flag operation", "kremlin-drone-2023-05-03"),
        Claim("ukraine-behind-border-town-attacks", "Ukraine was responsible for other attacks on Russian border towns", "cross-border-attacks"),
        Claim("ukraine-behind-tatarsky-killing", "Ukraine was responsible for the assassination of pro-war blogger Vladlen Tatarsky", "tatarsky-killing-2023-04"),
        Claim("ukraine-behind-dugina-killing", "Ukraine was responsible for the killing of Darya Dugina", "dugina-killing-2022-08"),
        Claim("zelenskyy-proposed-rostov-strikes", "In February 2023 Zelenskyy proposed drone strikes on Russian deployment locations in Rostov", "cross-border-attacks"),
        Claim("covert-operatives-without-oversight", "Some Ukrainian covert operatives act without Kyiv's supervision or knowledge", "cross-border-attacks"),
        Claim("drone-hit-russian-mod", "A drone struck the Russian Defence Ministry building in Moscow on the night of 24 May", "moscow-mod-smoke-2023-05-24"),
        Claim("us-supports-ukraine-defence", "The US will support Ukraine as it defends itself", "us-support-for-ukraine"),
        Claim("long-range-weapons-barred-from-russia", "Long-range weapons given to Ukraine may not be used against targets in Russia", "us-support-for-ukraine"),
        Claim("us-discourages-cross-border-attacks", "The US has discouraged Ukraine from attacks across the border into Russia", "cross-border-attacks"),
        Claim("cross-border-hits-distract-from-war", "Ukraine's high-profile hits inside Russia distract from the war in the south and east", "cross-border-attacks"),
        Claim("west-attacks-russia-through-ukraine", "The West is attacking Russia, with Ukraine merely its proxy", "west-russia-conflict"),

        new ClaimLinked("kremlin-drone-false-flag", ClaimLinkKind.Contradicts, "ukraine-behind-kremlin-drone"),
        new ClaimLinked("ukraine-requested-transfer-right", ClaimLinkKind.PartOf, "us-authorised-equipment-transfer"),
        new ClaimLinked("raid-was-russian-guerrilla-uprising", ClaimLinkKind.Refines, "raid-by-rdk-and-frl"),
    ];

    /// <summary>Who says what, as the article reports it.</summary>
    public static IReadOnlyList<LedgerEvent> Statements { get; } =
    [
        new StatementAsserted("rdk-claims-raid", "raid-by-rdk-and-frl", "rdk", ThisWeek, Article),
        new StatementAsserted("frl-claims-raid", "raid-by-rdk-and-frl", "frl", ThisWeek, Article),
        new ReactionExpressed("us-administration-distances", "raid-by-rdk-and-frl", "us-administration", ThisWeek,
            Article, ReactionKind.Distances),
        new ReactionExpressed("kapustin-threatens-more-raids", "raid-by-rdk-and-frl", "kapustin", ThisWeek, Article,
            ReactionKind.Threatens),

        new StatementDenied("podolyak-denies-involvement", "ukraine-behind-belgorod-raid", "podolyak",
            ThisWeek, Article) { Quote = "nothing to do with it" },
        new StatementAsserted("podolyak-describes-guerrilla-movement", "raid-was-russian-guerrilla-uprising",
            "podolyak", ThisWeek, Article) { Quote = "armed guerrilla movement" },
        new StatementAsserted("russian-mod-blames-kyiv", "ukraine-behind-belgorod-raid", "russian-mod",
            ThisWeek, Article),
        new StatementDenied("rdk-denies-kyiv-direction", "ukraine-behind-belgorod-raid", "rdk", ThisWeek, Article),
        // The article paraphrases the RDK here (medicine, petrol, food and information): no quote.
        new StatementAsserted("rdk-says-ukraine-supplied", "ukraine-supplied-the-raiders", "rdk", ThisWeek, Article),
        new ReactionExpressed("shoigu-promises-harsh-response", "ukraine-behind-belgorod-raid", "shoigu", ThisWeek,
            Article, ReactionKind.Threatens) { Quote = "extremely harsh" },

        new StatementAsserted("russian-mod-claims-70-killed", "russia-killed-70-raiders", "russian-mod",
            ThisWeek, Article) { Quote = "Ukrainian terrorists" },

        new InvestigationOpened("kirby-investigates-us-vehicles", "us-vehicles-used-in-raid", "kirby", ThisWeek,
            Article),

        new StatementDenied("us-officials-deny-authorisation", "us-authorised-equipment-transfer",
            "us-officials-to-nbc", ThisWeek, Article) { Via = ["nbc-news"] },
        new StatementDenied("us-officials-deny-transfer-request", "ukraine-requested-transfer-right",
            "us-officials-to-nbc", ThisWeek, Article) { Via = ["nbc-news"] },

        // Recorded under the wrong speaker; corrected on 27 May (see Correction).
        new StatementDenied("us-denies-enabling-attacks", "us-enables-attacks-in-russia", "kirby", ThisWeek, Article)
        {
            Quote = "we don’t enable or encourage attacks outside [their] borders",
        },

        new StatementDenied("zelenskyy-denies-kremlin-drone", "ukraine-behind-kremlin-drone", "zelenskyy",
            SinceTheKremlinDrone, Article),
        new StatementAsserted("zelenskyy-suggests-false-flag", "kremlin-drone-false-flag", "zelenskyy",
            SinceTheKremlinDrone, Article) { Certainty = Certainty.Possible },
        new StatementAsserted("us-officials-kremlin-drone-ukrainian", "ukraine-behind-kremlin-drone", "us-officials",
            ThisWeek, Article) { Certainty = Certainty.Probable },

        new StatementAsserted("nyt-sources-border-towns", "ukraine-behind-border-town-attacks", "us-sources-to-nyt",
            ThisWeek, Article) { Certainty = Certainty.Possible, Via = ["nyt"] },
        new StatementAsserted("nyt-sources-tatarsky", "ukraine-behind-tatarsky-killing", "us-sources-to-nyt", ThisWeek,
            Article) { Certainty = Certainty.Possible, Via = ["nyt"] },
        new StatementAsserted("nyt-sources-dugina", "ukraine-behind-dugina-killing", "us-sources-to-nyt", ThisWeek,
            Article) { Certainty = Certainty.Possible, Via = ["nyt"] },

        // The reports say Zelenskyy proposed it in February; when the reports said so is only known to fall between then
        // and the article.
        new StatementAsserted("intelligence-rostov-proposal", "zelenskyy-proposed-rostov-strikes", "us-intelligence",
            SaidAt.Range(new DateOnly(2023, 2, 1), new DateOnly(2023, 5, 26)), Article),
        new StatementAsserted("intelligence-notes-us-discouragement", "us-discourages-cross-border-attacks",
            "us-intelligence", SaidAt.Range(new DateOnly(2023, 2, 1), new DateOnly(2023, 5, 26)), Article),
        new StatementAsserted("us-views-hits-as-distraction", "cross-border-hits-distract-from-war",
            "us-administration", ThisWeek, Article),
        new StatementAsserted("us-bars-long-range-strikes-in-russia", "long-range-weapons-barred-from-russia",
            "us-administration", SinceTheInvasion, Article),
        new StatementAsserted("kremlin-says-west-attacks-russia", "west-attacks-russia-through-ukraine", "kremlin",
            SinceTheInvasion, Article),
        new StatementAsserted("us-officials-warn-unsupervised-operatives", "covert-operatives-without-oversight",
            "us-officials", ThisWeek, Article),

        new EvidencePresented("frl-footage-mod-smoke", "drone-hit-russian-mod", "frl", SaidAt.Day(2023, 5, 24),
            Article, EvidenceKind.Footage, "footage of smoke rising from the Russian Defence Ministry building"),
        // "prompting speculation of a drone attack": speculation after Wednesday night, by nobody the article names.
        new StatementAsserted("observers-speculate-drone-attack", "drone-hit-russian-mod", "unnamed-observers",
            SaidAt.Range(new DateOnly(2023, 5, 24), new DateOnly(2023, 5, 26)), Article) { Certainty = Certainty.Possible },

        // The article's own statement of fact.
        new StatementAsserted("outlet-says-us-supplied-vehicles", "us-supplied-the-vehicles-in-2022", "news-outlet",
            SaidAt.Day(2023, 5, 26), Article),

        new StatementAsserted("biden-promises-support", "us-supports-ukraine-defence", "biden",
            SaidAt.Day(2022, 2, 24), Article) { Quote = "support the Ukrainian people as they defend their country" },
    ];

    /// <summary>The ledger's erratum: the denial of enabling attacks is Matthew Miller's, not John Kirby's.</summary>
    public static StatementAmended Correction { get; } = new(
        "fix-attribution-enabling-denial",
        "us-denies-enabling-attacks",
        new StatementChanges { Actor = "miller" },
        "misattributed: the article quotes State Department spokesperson Matthew Miller, not John Kirby");

    /// <summary>The said-time points the sample prints the board at: end of 22, 24 and 26 May 2023.</summary>
    public static IReadOnlyList<DateOnly> BoardDates { get; } =
        [new(2023, 5, 22), new(2023, 5, 24), new(2023, 5, 26)];

    private static ActorRegistered Actor(string id, string name, ActorKind kind) => new(id, name, kind);

    private static ClaimRegistered Claim(string id, string text, string incident) =>
        new(id, text) { Incidents = [incident] };
}
