using System.Security.Cryptography;
using Layers.Security;
using Microsoft.Extensions.Options;

namespace Layers.Tests.Unit;

public sealed class SecretProtectorTests
{
    [Fact]
    public async Task ManyThreadsAtOnceEachGetTheirOwnSecretBack()
    {
        var protector = Protector(("k1", Key()));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Enumerable.Range(0, 200).All(j =>
            {
                var secret = $"token-{i}-{j}-" + new string('x', j % 40);
                return protector.Unprotect(protector.Protect(secret, $"acct-{i}:access"), $"acct-{i}:access") == secret;
            }))));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void ACiphertextOpensOnlyForItsPurposeAndAFailedOpeningSpoilsNothing()
    {
        var protector = Protector(("k1", Key()));
        var sealedToken = protector.Protect("secret-token", "acct-1:access");

        Assert.StartsWith("k1.", sealedToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", sealedToken, StringComparison.Ordinal);
        for (var i = 0; i < 50; i++)
        {
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedToken, "acct-2:access"));
            Assert.Equal("secret-token", protector.Unprotect(sealedToken, "acct-1:access"));
        }
    }

    [Fact]
    public void AnOlderKeyStillOpensWhatItSealedAndNewSecretsUseTheFirstKey()
    {
        var (oldKey, newKey) = (Key(), Key());
        var sealedWithOld = Protector(("old", oldKey)).Protect("kept", "p");

        var rotated = Protector(("new", newKey), ("old", oldKey));

        Assert.Equal("kept", rotated.Unprotect(sealedWithOld, "p"));
        Assert.StartsWith("new.", rotated.Protect("fresh", "p"), StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => Protector(("new", newKey)).Unprotect(sealedWithOld, "p"));
    }

    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretProtector Protector(params (string Id, string Key)[] keys) =>
        new(Options.Create(new EncryptionOptions { EncryptionKeys = [.. keys.Select(k => new EncryptionKey { Id = k.Id, Key = k.Key })] }));
}
