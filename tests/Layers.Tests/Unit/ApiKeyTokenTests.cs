using Layers.Api.Auth;

namespace Layers.Tests.Unit;

public sealed class ApiKeyTokenTests
{
    [Fact]
    public void ANewKeyHasTheDocumentedShapeAndParsesBack()
    {
        var (keyId, secret, token) = ApiKeyToken.Create();
        Assert.Matches("^lp_live_[0-9A-HJKMNP-TV-Z]{16}_[A-Za-z0-9_-]{43}$", token);
        Assert.True(ApiKeyToken.TryParse(token, out var parsedId, out var parsedSecret));
        Assert.Equal(keyId, parsedId);
        Assert.Equal(secret, parsedSecret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lp_test_ABCDEFGHJKMNPQRS_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("lp_live_ABCDEFGHJKMNPQRS_aaaa")]
    [InlineData("lp_live_abcdefghjkmnpqrs_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("lp_live_ABCDEFGHJKMNPQRS-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("lp_live_ABCDEFGHJKMNPQRS_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    public void MalformedTokensDoNotParse(string token) => Assert.False(ApiKeyToken.TryParse(token, out _, out _));

    [Fact]
    public void OnlyTheSecretsHashIsKeptAndItIsStable()
    {
        var (_, secret, _) = ApiKeyToken.Create();
        Assert.Equal(ApiKeyToken.HashSecret(secret), ApiKeyToken.HashSecret(secret));
        Assert.Equal(32, ApiKeyToken.HashSecret(secret).Length);
    }
}
