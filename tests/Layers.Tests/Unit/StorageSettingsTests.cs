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
    public void OrleansProvidersAndTheServiceConnectUnderNamesOfTheirOwnUnlessTheConnectionStringNamesItself()
    {
        var settings = From("Host=db;Database=layers");
        Assert.Equal(StorageSettings.ServiceApplicationName, new NpgsqlConnectionStringBuilder(settings.ConnectionString).ApplicationName);
        Assert.Equal(StorageSettings.OrleansApplicationName, new NpgsqlConnectionStringBuilder(settings.OrleansConnectionString).ApplicationName);
        Assert.Equal("db", new NpgsqlConnectionStringBuilder(settings.OrleansConnectionString).Host);
        Assert.Equal("-c plan_cache_mode=force_generic_plan -c enable_seqscan=off", new NpgsqlConnectionStringBuilder(settings.OrleansConnectionString).Options);
        Assert.Null(new NpgsqlConnectionStringBuilder(settings.ConnectionString).Options);

        var named = From("Host=db;Application Name=billing-silo");
        Assert.Equal("billing-silo", new NpgsqlConnectionStringBuilder(named.ConnectionString).ApplicationName);
        Assert.Equal("billing-silo", new NpgsqlConnectionStringBuilder(named.OrleansConnectionString).ApplicationName);
        Assert.Null(From(null).OrleansConnectionString);
    }

    [Fact]
    public void NoConnectionStringIsTrialMode() => Assert.True(From(null).IsTrial);

    private static StorageSettings From(string? connectionString) =>
        StorageSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{StorageSettings.ConnectionStringName}"] = connectionString })
            .Build());
}
