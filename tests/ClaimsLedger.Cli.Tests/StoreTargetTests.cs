namespace ClaimsLedger.Cli.Tests;

public sealed class StoreTargetTests
{
    [Theory]
    [InlineData("ledger.db", "sqlite")]
    [InlineData("/data/my ledger.db", "sqlite")]
    [InlineData("Host=127.0.0.1;Database=claims;Username=u;Password=p", "postgres")]
    [InlineData("esdb://admin:changeit@127.0.0.1:2113?tls=false", "esdb")]
    [InlineData("kurrentdb://127.0.0.1:2113?tls=false", "esdb")]
    public void The_db_option_names_the_store_by_its_form(string db, string kind)
    {
        var target = new StoreTarget(db, "claims_ledger");

        Assert.Equal(kind, target.IsEventStoreDb ? "esdb" : target.IsPostgreSql ? "postgres" : "sqlite");
    }
}
