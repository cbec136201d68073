using System.Text;
using ClaimsLedger.PostgreSql;
using ClaimsLedger.Sqlite;
using ClaimsLedger.Storage;

// Usage: ClaimsLedger.CrashHost sqlite <file>
//        ClaimsLedger.CrashHost postgres <connection string> <schema>
// Appends forever; append i writes three events to claim:crash-(i % 5) and one to claim:crash-index, atomically.
// It prints "begin i" just before append i starts and "committed i" once it has returned; "committed i" and the next
// "begin i+1" go out in one write, so a reader that last saw "begin i" knows append i is in flight. A test kills this
// process (SIGKILL) right after such a line.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ClaimsLedger.CrashHost sqlite <file> | postgres <connection string> <schema>");
    return 2;
}

await using IEventStore store = args[0] switch
{
    "sqlite" => await SqliteEventStore.OpenAsync(args[1]),
    "postgres" => await PostgreSqlEventStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = args[1], Schema = args[2] }),
    _ => throw new ArgumentException($"unknown store '{args[0]}'"),
};

Console.WriteLine("ready");
Console.Out.Write("begin 0\n");
for (var i = 0; ; i++)
{
    await store.AppendAsync(
    [
        new StreamAppend($"claim:crash-{i % 5}", ExpectedVersion.Any, [Event(i, 0), Event(i, 1), Event(i, 2)]),
        new StreamAppend("claim:crash-index", ExpectedVersion.Any, [Event(i, 3)]),
    ]);
    Console.Out.Write($"committed {i}\nbegin {i + 1}\n");
}

static EventData Event(int append, int part) =>
    new(Guid.NewGuid(), "crash-test.v1", Encoding.UTF8.GetBytes($"{{\"append\":{append},\"part\":{part}}}"), "{}"u8.ToArray());
