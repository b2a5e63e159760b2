using Layers.Api.SocialAccounts;

namespace Layers.Tests.Unit;

public sealed class ReturnUrlPolicyTests
{
    private static readonly string[] Allowlist = ["app.example.com", "localhost:3000", "127.0.0.1:8443", "secure.example.org:8443"];

    [Theory]
    [InlineData("https://app.example.com/cb")]
    [InlineData("https://APP.Example.com/cb?x=1")]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com:443/cb")]
    [InlineData("http://localhost:3000/cb")]
    [InlineData("https://localhost:3000/cb")]
    [InlineData("http://127.0.0.1:8443/cb")]
    [InlineData("https://secure.example.org:8443/cb")]
    public void AllowedReturnUrls(string url) => Assert.True(ReturnUrlPolicy.IsAllowed(url, Allowlist), url);

    [Theory]
    [InlineData("https://evil.example.com/cb")]
    [InlineData("https://sub.app.example.com/cb")]
    [InlineData("https://app.example.com.evil.test/cb")]
    [InlineData("https://evilapp.example.com/cb")]
    [InlineData("https://app.example.co/cb")]
    [InlineData("http://app.example.com/cb")]
    [InlineData("https://app.example.com:8443/cb")]
    [InlineData("http://localhost:3001/cb")]
    [InlineData("http://localhost/cb")]
    [InlineData("https://secure.example.org/cb")]
    [InlineData("https://app.example.com@evil.test/cb")]
    [InlineData("https://evil.test@app.example.com/cb")]
    [InlineData("https://user:pass@app.example.com/cb")]
    [InlineData("https://app.example.com\\@evil.test/cb")]
    [InlineData("https:\\\\app.example.com/cb")]
    [InlineData("https://app%2eexample.com/cb")]
    [InlineData("https://%61pp.example.com/cb")]
    [InlineData("https://app.example.com./cb")]
    [InlineData("https://app.example.com/cb#frag")]
    [InlineData("https://app.example.com#@evil.test")]
    [InlineData("//app.example.com/cb")]
    [InlineData("/cb")]
    [InlineData("javascript:alert(1)//app.example.com")]
    [InlineData("ftp://app.example.com/cb")]
    [InlineData("https://app.example.com /cb")]
    [InlineData("https://[::1]/cb")]
    [InlineData("")]
    public void RefusedReturnUrls(string url) => Assert.False(ReturnUrlPolicy.IsAllowed(url, Allowlist), url);
}
