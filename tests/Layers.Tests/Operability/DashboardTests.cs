using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Operability;

[Collection(OperabilityCollection.Name)]
public sealed class DashboardTests(OperabilityFixture fixture)
{
    [Fact]
    public async Task TheDashboardAnswers401WithoutTheOperatorTokenAndServesTheOperator()
    {
        var tenant = await fixture.NewTenantAsync();
        using var anonymous = fixture.Factory.CreateClient();
        foreach (var path in new[] { "/dashboard", "/dashboard/", "/dashboard/DashboardCounters", "/dashboard/GrainState?grainId=x&grainType=y" })
        {
            using var response = await anonymous.GetAsync(path);
            await response.AssertError(401, "UNAUTHENTICATED");
            Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // A partner key is not the operator token, whatever its scopes.
        using (var partner = await tenant.Client.GetAsync("/dashboard/"))
        {
            await partner.AssertError(401, "UNAUTHENTICATED");
        }

        using var wrong = fixture.Factory.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:not-the-token")));
        using (var refused = await wrong.GetAsync("/dashboard/"))
        {
            await refused.AssertError(401, "UNAUTHENTICATED");
        }

        using var page = await fixture.Factory.Operator().GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // A browser sends the token as the Basic password.
        using var browser = fixture.Factory.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + LayersFactory.AdminToken)));
        using var counters = await browser.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.True((await counters.Json()).GetProperty("hosts").GetArrayLength() >= 1);
    }
}
