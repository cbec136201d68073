namespace ClaimsLedger.Benchmarks.Commands;

/// <summary>The names of the figures <c>bench</c> collects (rates in events/s, times in µs or s as named).</summary>
internal static class BenchMetric
{
    public const string EventCount = "events";
    public const string StatementCount = "statements";
    public const string SqliteAppend = "sqlite.append.eps";
    public const string SqliteAppendStore = "sqlite.append.store.s";
    public const string SqliteAppendCatchUp = "sqlite.append.catchup.s";
    public const string SqliteAppendLedger = "sqlite.append.ledger.s";
    public const string SqliteRaw = "sqlite.raw.eps";

    /// <summary>The raw baseline with a durable commit after each batch of the bench's batch size.</summary>
    public const string SqliteRawBatched = "sqlite.raw.batched.eps";

    /// <summary>Every event recorded in one batch (one durable commit), as <c>claims import</c> records a file.</summary>
    public const string SqliteAppendOneBatch = "sqlite.append.onebatch.eps";
    public const string SqliteRead = "sqlite.read.eps";

    /// <summary>The read an open makes (the store's index read), alone.</summary>
    public const string SqliteIndexRead = "sqlite.read.index.eps";
    public const string SqliteRebuild = "sqlite.rebuild.eps";
    public const string ReplaySeconds = "sqlite.rebuild.s";
    public const string ReplayGcSeconds = "sqlite.rebuild.gc.s";
    public const string ReplayGen2 = "sqlite.rebuild.gen2";
    public const string ReplayAllocated = "sqlite.rebuild.allocated";
    public const string DecodeSeconds = "decode.s";
    public const string DecodeGcSeconds = "decode.gc.s";
    public const string DecodeAllocated = "decode.allocated";
    public const string IndexSeconds = "index.s";
    public const string IndexGcSeconds = "index.gc.s";
    public const string HeapBytes = "heap.bytes";
    public const string PgAppend = "pg.append.eps";
    public const string PgAppendStore = "pg.append.store.s";
    public const string PgAppendCatchUp = "pg.append.catchup.s";
    public const string PgAppendLedger = "pg.append.ledger.s";
    public const string PgCopy = "pg.copy.eps";
    public const string PgRead = "pg.read.eps";
    public const string PgRebuild = "pg.rebuild.eps";
    public const string MartenAppend = "marten.append.eps";
    public const string ClaimPublic = "claim.public.us";
    public const string ClaimPublicP99 = "claim.public.p99.us";
    public const string ClaimIndex = "claim.index.us";
    public const string CatchUp = "catchup.us";
    public const string LoadAverage = "loadavg";
    public const string ClaimIndexP99 = "claim.index.p99.us";
    public const string BoardPublic = "board.public.us";
    public const string BoardIndex = "board.index.us";

    /// <summary>The whole board through ReadBoardAsync, each claim looked at and let go (none kept).</summary>
    public const string BoardStreamed = "board.streamed.us";
    public const string MartenClaim = "marten.claim.us";
    public const string PgClaimPublic = "pg.claim.public.us";

    /// <summary>The same calls on a store with ChangeDetection = Notification (no round trip while nothing changes).</summary>
    public const string PgClaimNotified = "pg.claim.notified.us";
    public const string PgClaimIndex = "pg.claim.index.us";
    public const string MartenCompared = "marten.compared";
    public const string MartenEqual = "marten.equal";
    public const string OpenInProcess = "open.inprocess.s";
    public const string OpenWall = "open.wall.s";

    /// <summary>Fresh process, LoadInBackground: open + first claim query (answered from its streams), seconds.</summary>
    public const string OpenBackgroundFirstAnswer = "open.background.first.s";

    /// <summary>Fresh process, LoadInBackground: wall time until the index finished loading and the process exited.</summary>
    public const string OpenBackgroundWall = "open.background.wall.s";
    public const string OpenOnly = "open.only.s";

    /// <summary>Fresh process with the claims tool's runtime settings (<see cref="Ours.ProbeRuntime.ClaimsTool"/>):
    /// open + first claim query, seconds; eager and from the snapshot, every event verified.</summary>
    public const string OpenToolRuntime = "open.tool.s";
    public const string OpenSnapshotToolRuntime = "open.snapshot.tool.s";

    /// <summary>Fresh process, from the snapshot: open + first claim query, seconds (default and server GC).</summary>
    public const string OpenSnapshot = "open.snapshot.s";
    public const string OpenSnapshotGc = "open.snapshot.gc.s";
    public const string OpenSnapshotServerGc = "open.snapshot.servergc.s";
    public const string OpenSnapshotHead = "open.snapshot.head.s";
    public const string OpenSnapshotHeadServerGc = "open.snapshot.head.servergc.s";

    /// <summary>Ledger.SaveSnapshotAsync on the bench ledger: seconds and the snapshot's size.</summary>
    public const string SnapshotSaveSeconds = "snapshot.save.s";
    public const string SnapshotBytes = "snapshot.bytes";
    public const string OpenGcSeconds = "open.gc.s";
    public const string BelgorodEvents = "belgorod.events";
    public const string BelgorodClaimPublic = "belgorod.claim.public.us";
    public const string BelgorodClaimIndex = "belgorod.claim.index.us";
    public const string BelgorodBoardPublic = "belgorod.board.public.us";
}
