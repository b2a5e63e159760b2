using Layers.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Layers.Tests.Unit;

public sealed class StorageSettingsTests
{
    [Fact]
    public void RepeatedStatementsArePreparedAndPooledConnectionsAreNotResetByDefault()
    {
        var settings = From("Host=db;Database=layers;Username=layers");

        var built = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db", built.Host);
        Assert.False(settings.IsTrial);
    }

    [Fact]
    public void TheConnectionStringsOwnChoicesWin()
    {
        var built = new NpgsqlConnectionStringBuilder(From("Host=db;Max Auto Prepare=0;No Reset On Close=false").ConnectionString);

        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }

    [Fact]
    public void NoConnectionStringIsTrialMode() => Assert.True(From(null).IsTrial);

    private static StorageSettings From(string? connectionString) =>
        StorageSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{StorageSettings.ConnectionStringName}"] = connectionString })
            .Build());
}
