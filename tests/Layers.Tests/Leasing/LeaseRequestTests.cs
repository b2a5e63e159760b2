using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Leasing;

/// <summary>Requesting, reviewing and assigning leased accounts, end to end over HTTP on PostgreSQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class LeaseRequestTests(PostgresApiFixture fixture)
{
    private readonly LeasingDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task ThreeFitnessAccountsRequestedTwoAssignedIsPartialWithTwoLeasedAccountsAndTwoMonthsCharged()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        using var submitted = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", new
        {
            projectId,
            count = 3,
            niche = new { vertical = "fitness", audience = "women 25-40", language = "en-US", geo = new[] { "US", "CA" } },
            note = "Launch in May",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var accepted = await submitted.Json();
        var requestId = accepted.GetProperty("requestId").GetString()!;
        Assert.Matches("^lreq_[0-9A-Z]{26}$", requestId);
        Assert.Equal("requested", accepted.GetProperty("status").GetString());
        Assert.EndsWith("Z", accepted.GetProperty("submittedAt").GetString());

        var queue = await _driver.Operator.GetJsonAsync("/v1/admin/lease-requests?status=requested&limit=200");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), r =>
            r.GetProperty("requestId").GetString() == requestId && r.GetProperty("organizationId").GetString() == tenant.OrganizationId);

        var pool = new[] { await _driver.AddPoolAccountAsync(), await _driver.AddPoolAccountAsync() };
        var decided = await _driver.AssignAsync(requestId, pool);
        Assert.Equal("partial", decided.GetProperty("status").GetString());
        var assignedIds = decided.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, assignedIds.Count);

        var request = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}");
        Assert.Equal("partial", request.GetProperty("status").GetString());
        Assert.Equal(3, request.GetProperty("count").GetInt32());
        Assert.Equal("fitness", request.GetProperty("niche").GetProperty("vertical").GetString());
        Assert.Equal("en-US", request.GetProperty("niche").GetProperty("language").GetString());
        Assert.Equal(["US", "CA"], request.GetProperty("niche").GetProperty("geo").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("Launch in May", request.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.String, request.GetProperty("decidedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, request.GetProperty("rejectionReason").ValueKind);
        Assert.Equal(assignedIds, request.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(e => e.GetString()!));

        // The same shape and list as connected accounts, marked as leased.
        var accounts = (await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(assignedIds.Order(), accounts.Select(a => a.GetProperty("socialAccountId").GetString()!).Order());
        foreach (var account in accounts)
        {
            Assert.True(account.GetProperty("leased").GetBoolean());
            Assert.Equal("tiktok", account.GetProperty("platform").GetString());
            Assert.Equal("connected", account.GetProperty("status").GetString());
            Assert.Equal(LeasingDriver.Price, account.GetProperty("monthlyPriceCents").GetInt64());
            Assert.Equal(requestId, account.GetProperty("leaseRequestId").GetString());
            var assignedAt = account.GetProperty("assignedAt").GetDateTimeOffset();
            Assert.Equal(assignedAt.AddMonths(1), account.GetProperty("nextRenewalAt").GetDateTimeOffset());
            Assert.False(account.TryGetProperty("accessToken", out _));
        }

        var leased = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts?status=assigned");
        Assert.Equal(2, leased.GetProperty("items").GetArrayLength());

        Assert.Equal(100_000 - (2 * LeasingDriver.Price), await LeasingDriver.BalanceAsync(tenant));
        var charges = (await LeasingDriver.TransactionsAsync(tenant)).Where(t => t.GetProperty("type").GetString() == "lease_charge").ToList();
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c => Assert.Equal(-LeasingDriver.Price, c.GetProperty("amountCents").GetInt64()));
        Assert.Equal(assignedIds.Order(), charges.Select(c => c.GetProperty("socialAccountId").GetString()!).Order());
        Assert.Equal(100_000 - (2 * LeasingDriver.Price), charges[^1].GetProperty("balanceAfterCents").GetInt64());

        var events = await tenant.Client.GetJsonAsync("/v1/events?type=lease_request.assigned");
        var assignedEvent = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal(requestId, assignedEvent.GetProperty("data").GetProperty("requestId").GetString());
        Assert.Equal("partial", assignedEvent.GetProperty("data").GetProperty("status").GetString());

        var bound = await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{pool[0]}");
        Assert.Equal("bound", bound.GetProperty("status").GetString());
        Assert.Contains(bound.GetProperty("socialAccountId").GetString(), assignedIds);
    }

    [Fact]
    public async Task AssigningAsManyAsRequestedIsAssigned()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var requestId = await _driver.RequestAsync(tenant, projectId, 1);
        var decided = await _driver.AssignAsync(requestId, await _driver.AddPoolAccountAsync());
        Assert.Equal("assigned", decided.GetProperty("status").GetString());
        var list = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests");
        Assert.Equal("assigned", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AClientRequestIdReplaysTheSameRequestAndRefusesADifferentOne()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(0);
        var requestId = "lreq_" + Layers.Common.Ulid.NewUlid(DateTimeOffset.UtcNow);
        var body = new { projectId, count = 2, niche = new { vertical = "food" }, requestId };
        using var first = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", body);
        using var again = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((await first.Json()).GetRawText(), (await again.Json()).GetRawText());
        Assert.Equal(requestId, (await again.Json()).GetProperty("requestId").GetString());

        using var different = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request",
            new { projectId, count = 3, niche = new { vertical = "food" }, requestId });
        await different.AssertError(409, "IDEMPOTENCY_CONFLICT");

        var list = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests");
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(2, only.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task AnIdempotencyKeyReplaysTheFirstResponse()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(0);
        async Task<(HttpStatusCode, string)> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/projects/{projectId}/leased-accounts/request")
            {
                Content = JsonContent.Create(new { projectId, count = 1, niche = new { vertical = "travel" } }),
            };
            request.Headers.Add("Idempotency-Key", "lease-once");
            using var response = await tenant.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await SendAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.Item1);
        Assert.Equal(first, await SendAsync());
        Assert.Single((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests")).GetProperty("items").EnumerateArray());
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"projectId":"00000000-0000-0000-0000-000000000000","count":1,"niche":{"vertical":"fitness"}}""", "projectId" },
        { """{"projectId":"{P}","count":0,"niche":{"vertical":"fitness"}}""", "count" },
        { """{"projectId":"{P}","count":51,"niche":{"vertical":"fitness"}}""", "count" },
        { """{"projectId":"{P}","niche":{"vertical":"fitness"}}""", "count" },
        { """{"projectId":"{P}","count":1,"niche":{"audience":"runners"}}""", "niche.vertical" },
        { """{"projectId":"{P}","count":1}""", "niche" },
        { """{"projectId":"{P}","count":1,"niche":{"vertical":"fitness","language":"english please"}}""", "niche.language" },
        { """{"projectId":"{P}","count":1,"niche":{"vertical":"fitness","geo":["US","USA"]}}""", "niche.geo[1]" },
        { """{"projectId":"{P}","count":1,"niche":{"vertical":"fitness","geo":["XX"]}}""", "niche.geo[0]" },
        { """{"projectId":"{P}","count":1,"niche":{"vertical":"fitness"},"note":"{LONG}"}""", "note" },
        { """{"projectId":"{P}","count":1,"niche":{"vertical":"fitness"},"requestId":"req-42"}""", "requestId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidRequestIsAValidationErrorNamingTheField(string json, string path)
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(0);
        using var response = await tenant.Client.PostAsync($"/v1/projects/{projectId}/leased-accounts/request",
            new StringContent(json.Replace("{P}", projectId).Replace("{LONG}", new string('n', 2001)), System.Text.Encoding.UTF8, "application/json"));
        var error = await response.AssertError(422, "VALIDATION");
        Assert.Contains(error.GetProperty("details").GetProperty("issues").EnumerateArray(), i => i.GetProperty("path").GetString() == path);
        Assert.Empty((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task EveryBadFieldIsListedAtOnce()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(0);
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", new
        {
            projectId = Guid.NewGuid(),
            count = 0,
            niche = new { language = "!!", geo = new[] { "ZZ" } },
            note = new string('x', 2001),
        });
        var error = await response.AssertError(422, "VALIDATION");
        var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        Assert.Equal(["projectId", "count", "niche.vertical", "niche.language", "niche.geo[0]", "note"], paths);
    }

    [Fact]
    public async Task ANoteOf2000CharactersAndAWellFormedLanguageAreAccepted()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(0);
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", new
        {
            projectId,
            count = 50,
            niche = new { vertical = "beauty", language = "zh-Hant-TW", geo = new[] { "tw", "HK" } },
            note = new string('n', 2000),
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = (await response.Json()).GetProperty("requestId").GetString();
        var request = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}");
        Assert.Equal(["TW", "HK"], request.GetProperty("niche").GetProperty("geo").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task AnotherOrganizationsRequestsAndProjectsDoNotExistForTheCaller()
    {
        var (owner, projectId) = await _driver.NewProjectAsync(0);
        var (stranger, _) = await _driver.NewProjectAsync(0);
        var requestId = await _driver.RequestAsync(owner, projectId, 1);

        using var read = await stranger.Client.GetAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}");
        await read.AssertError(404, "NOT_FOUND");
        using var list = await stranger.Client.GetAsync($"/v1/projects/{projectId}/leased-accounts/requests");
        await list.AssertError(404, "NOT_FOUND");
        using var submit = await stranger.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request",
            new { projectId, count = 1, niche = new { vertical = "fitness" } });
        await submit.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task LeasingNeedsTheLeasedWriteScope()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Factory, ["projects:write", "social:read"], tier: "partner");
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Scoped" })).GetProperty("id").GetString()!;
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request",
            new { projectId, count = 1, niche = new { vertical = "fitness" } });
        var error = await response.AssertError(403, "FORBIDDEN_SCOPE");
        Assert.Equal("leased:write", error.GetProperty("details").GetProperty("requiredScope").GetString());
    }

    [Fact]
    public async Task ADecidedRequestCannotBeDecidedAgain()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var assignedId = await _driver.RequestAsync(tenant, projectId, 1);
        await _driver.AssignAsync(assignedId, await _driver.AddPoolAccountAsync());
        using (var again = await _driver.TryAssignAsync(assignedId, await _driver.AddPoolAccountAsync()))
        {
            await again.AssertError(409, "CONFLICT");
        }

        using (var reject = await _driver.Operator.PostAsJsonAsync($"/v1/admin/lease-requests/{assignedId}/reject", new { reason = "late" }))
        {
            await reject.AssertError(409, "CONFLICT");
        }

        var rejectedId = await _driver.RequestAsync(tenant, projectId, 2);
        var rejected = await _driver.Operator.PostJsonAsync($"/v1/admin/lease-requests/{rejectedId}/reject", new { reason = "No warmed fitness accounts in CA this month." });
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        using (var rejectAgain = await _driver.Operator.PostAsJsonAsync($"/v1/admin/lease-requests/{rejectedId}/reject", new { reason = "again" }))
        {
            await rejectAgain.AssertError(409, "CONFLICT");
        }

        using (var assignRejected = await _driver.TryAssignAsync(rejectedId, await _driver.AddPoolAccountAsync()))
        {
            await assignRejected.AssertError(409, "CONFLICT");
        }

        var seen = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{rejectedId}");
        Assert.Equal("rejected", seen.GetProperty("status").GetString());
        Assert.Equal("No warmed fitness accounts in CA this month.", seen.GetProperty("rejectionReason").GetString());
        Assert.Empty(seen.GetProperty("assignedSocialAccountIds").EnumerateArray());
        var events = await tenant.Client.GetJsonAsync("/v1/events?type=lease_request.rejected");
        Assert.Equal(rejectedId, Assert.Single(events.GetProperty("items").EnumerateArray()).GetProperty("data").GetProperty("requestId").GetString());
        Assert.Equal(100_000 - LeasingDriver.Price, await LeasingDriver.BalanceAsync(tenant));
    }

    [Fact]
    public async Task UnknownOrAlreadyBoundPoolAccountsAssignNothing()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var first = await _driver.RequestAsync(tenant, projectId, 2);
        var taken = await _driver.AddPoolAccountAsync();
        await _driver.AssignAsync(first, taken);

        var second = await _driver.RequestAsync(tenant, projectId, 2);
        var free = await _driver.AddPoolAccountAsync();
        using (var unknown = await _driver.TryAssignAsync(second, free, "pool_" + Layers.Common.Ulid.NewUlid(DateTimeOffset.UtcNow)))
        {
            var error = await unknown.AssertError(422, "VALIDATION");
            Assert.Equal("accounts[1].poolAccountId", error.GetProperty("details").GetProperty("issues")[0].GetProperty("path").GetString());
        }

        using (var bound = await _driver.TryAssignAsync(second, free, taken))
        {
            await bound.AssertError(409, "CONFLICT");
        }

        using (var twice = await _driver.TryAssignAsync(second, free, free))
        {
            var error = await twice.AssertError(422, "VALIDATION");
            Assert.Equal("accounts[1].poolAccountId", error.GetProperty("details").GetProperty("issues")[0].GetProperty("path").GetString());
        }

        using (var tooMany = await _driver.TryAssignAsync(second, free, await _driver.AddPoolAccountAsync(), await _driver.AddPoolAccountAsync()))
        {
            await tooMany.AssertError(422, "VALIDATION");
        }

        using (var none = await _driver.TryAssignAsync(second))
        {
            await none.AssertError(422, "VALIDATION");
        }

        // Nothing of the refused attempts stuck: the free account is still available and the request still open.
        Assert.Equal("available", (await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{free}")).GetProperty("status").GetString());
        Assert.Equal("requested", (await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{second}")).GetProperty("status").GetString());
        Assert.Equal(100_000 - LeasingDriver.Price, await LeasingDriver.BalanceAsync(tenant));
        Assert.Equal("partial", (await _driver.AssignAsync(second, free)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoOperatorsAssigningTheSamePoolAccountAtOnceOneWins()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var contested = await _driver.AddPoolAccountAsync();
        var requests = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _driver.RequestAsync(tenant, projectId, 1)));
        var responses = await Task.WhenAll(requests.Select(r => _driver.TryAssignAsync(r, contested)));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await loser.AssertError(409, "CONFLICT");
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        Assert.Single((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts")).GetProperty("items").EnumerateArray());
        Assert.Equal(100_000 - LeasingDriver.Price, await LeasingDriver.BalanceAsync(tenant));
    }

    [Fact]
    public async Task InsufficientFundsAtAssignmentAssignsNoneAndChargesNothing()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(LeasingDriver.Price + 100);
        var requestId = await _driver.RequestAsync(tenant, projectId, 2);
        var pool = new[] { await _driver.AddPoolAccountAsync(), await _driver.AddPoolAccountAsync() };
        using (var refused = await _driver.TryAssignAsync(requestId, pool))
        {
            var error = await refused.AssertError(402, "INSUFFICIENT_FUNDS");
            Assert.Equal(2 * LeasingDriver.Price, error.GetProperty("details").GetProperty("requiredCents").GetInt64());
        }

        Assert.Equal(LeasingDriver.Price + 100, await LeasingDriver.BalanceAsync(tenant));
        Assert.DoesNotContain(await LeasingDriver.TransactionsAsync(tenant), t => t.GetProperty("type").GetString() == "lease_charge");
        Assert.Empty((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts?leased=true")).GetProperty("items").EnumerateArray());
        Assert.Equal("requested", (await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts/requests/{requestId}")).GetProperty("status").GetString());
        foreach (var id in pool)
        {
            Assert.Equal("available", (await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{id}")).GetProperty("status").GetString());
        }

        // Topped up, the same request is assigned, and each first month is charged once.
        await _driver.CreditAsync(tenant, LeasingDriver.Price);
        Assert.Equal("assigned", (await _driver.AssignAsync(requestId, pool)).GetProperty("status").GetString());
        Assert.Equal(100, await LeasingDriver.BalanceAsync(tenant));
    }

    [Fact]
    public async Task ThePoolKeepsCredentialsToItselfAndFilters()
    {
        var vertical = "pets" + Guid.NewGuid().ToString("N")[..6];
        var available = await _driver.AddPoolAccountAsync(vertical);
        var boundId = await _driver.AddPoolAccountAsync(vertical);
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        await _driver.AssignAsync(await _driver.RequestAsync(tenant, projectId, 1), boundId);

        using var raw = await _driver.Operator.GetAsync($"/v1/admin/leased-pool?vertical={vertical.ToUpperInvariant()}");
        var text = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain("placeholder", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"accessToken\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"refreshToken\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ciphertext", text, StringComparison.OrdinalIgnoreCase);
        var all = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal([boundId, available], all);

        var free = await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool?vertical={vertical}&status=available");
        Assert.Equal(available, Assert.Single(free.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var taken = await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool?vertical={vertical}&status=bound");
        Assert.Equal(boundId, Assert.Single(taken.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        using var badStatus = await _driver.Operator.GetAsync("/v1/admin/leased-pool?status=sleeping");
        await badStatus.AssertError(422, "VALIDATION");
    }

    [Fact]
    public async Task ThePoolRefusesBadAccountsAndOtherPlatforms()
    {
        using (var instagram = await _driver.Operator.PostAsJsonAsync("/v1/admin/leased-pool", new
        {
            platform = "instagram", handle = "gram", platformUserId = "1789", niche = new { vertical = "food" },
            credentials = new { accessToken = "a", refreshToken = "r", expiresIn = 100, refreshExpiresIn = 1000, scopes = new[] { "x" } },
        }))
        {
            await instagram.AssertError(422, "PLATFORM_NOT_SUPPORTED");
        }

        using (var incomplete = await _driver.Operator.PostAsJsonAsync("/v1/admin/leased-pool", new { platform = "tiktok", niche = new { } }))
        {
            var error = await incomplete.AssertError(422, "VALIDATION");
            var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
            Assert.Equal(["handle", "platformUserId", "niche.vertical", "credentials"], paths);
        }

        var userId = "-000dup" + Guid.NewGuid().ToString("N")[..8];
        await _driver.AddPoolAccountAsync(platformUserId: userId);
        using (var duplicate = await _driver.Operator.PostAsJsonAsync("/v1/admin/leased-pool", LeasingDriver.PoolAccount(platformUserId: userId)))
        {
            await duplicate.AssertError(409, "CONFLICT");
        }

        using var partner = await (await TestTenant.CreateAsync(fixture.Factory)).Client.GetAsync("/v1/admin/leased-pool");
        await partner.AssertError(401, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task ReleasingByEitherRouteReturnsThePoolAccountAndAConnectedAccountIsNotLeased()
    {
        var (tenant, projectId) = await _driver.NewProjectAsync(100_000);
        var requestId = await _driver.RequestAsync(tenant, projectId, 2);
        var pool = new[] { await _driver.AddPoolAccountAsync(), await _driver.AddPoolAccountAsync() };
        var ids = (await _driver.AssignAsync(requestId, pool)).GetProperty("assignedSocialAccountIds").EnumerateArray().Select(e => e.GetString()!).ToList();

        using (var viaLeased = await tenant.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/leased-accounts/{ids[0]}")
        {
            Content = JsonContent.Create(new { reason = "campaign over" }),
        }))
        {
            var released = await viaLeased.Json();
            Assert.Equal(HttpStatusCode.OK, viaLeased.StatusCode);
            Assert.Equal("disconnected", released.GetProperty("status").GetString());
            Assert.Equal("released_by_partner", released.GetProperty("disconnectedReason").GetString());
        }

        using (var viaSocial = await tenant.Client.DeleteAsync($"/v1/social-accounts/{ids[1]}"))
        {
            var released = await viaSocial.Json();
            Assert.Equal(HttpStatusCode.OK, viaSocial.StatusCode);
            Assert.Equal("released_by_partner", released.GetProperty("disconnectedReason").GetString());
        }

        using (var twice = await tenant.Client.DeleteAsync($"/v1/leased-accounts/{ids[0]}"))
        {
            await twice.AssertError(404, "NOT_FOUND");
        }

        foreach (var id in pool)
        {
            Assert.Equal("available", (await _driver.Operator.GetJsonAsync($"/v1/admin/leased-pool/{id}")).GetProperty("status").GetString());
        }

        var gone = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts?status=disconnected");
        Assert.Equal(2, gone.GetProperty("items").GetArrayLength());
        Assert.All(gone.GetProperty("items").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("nextRenewalAt").ValueKind));
        Assert.Empty((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/leased-accounts")).GetProperty("items").EnumerateArray());
        Assert.Equal(100_000 - (2 * LeasingDriver.Price), await LeasingDriver.BalanceAsync(tenant));

        // A customer's own connected account is not a lease.
        var oauth = new OAuthDriver(fixture.Factory, tenant);
        var (started, _) = await oauth.ConnectAsync(projectId, "tiktok", "own.account." + Guid.NewGuid().ToString("N")[..6]);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        var connectedId = status.GetProperty("socialAccountId").GetString();
        using (var notLeased = await tenant.Client.DeleteAsync($"/v1/leased-accounts/{connectedId}"))
        {
            await notLeased.AssertError(409, "CONFLICT");
        }

        Assert.Equal("connected", (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{connectedId}")).GetProperty("status").GetString());
        using var unknown = await tenant.Client.DeleteAsync("/v1/leased-accounts/sa_nope");
        await unknown.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task OpenApiDescribesTheLeasingEndpointsAndTheirErrors()
    {
        var paths = (await fixture.Factory.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("paths");
        void Documents(string path, string method, params string[] statuses)
        {
            var responses = paths.GetProperty(path).GetProperty(method).GetProperty("responses");
            Assert.All(statuses, status => Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} documents {status}"));
        }

        Documents("/v1/projects/{projectId}/leased-accounts/request", "post", "202", "401", "403", "404", "409", "422");
        Documents("/v1/projects/{projectId}/leased-accounts/requests/{requestId}", "get", "200", "404");
        Documents("/v1/projects/{projectId}/leased-accounts", "get", "200", "422");
        Documents("/v1/leased-accounts/{socialAccountId}", "delete", "200", "404", "409");
        Documents("/v1/admin/leased-pool", "post", "201", "401", "409", "422");
        Documents("/v1/admin/lease-requests/{requestId}/assign", "post", "200", "402", "404", "409", "422");
        Documents("/v1/admin/lease-requests/{requestId}/reject", "post", "200", "409");
    }

    [Fact]
    public async Task TheReviewListPagesAcrossOrganizationsNewestFirst()
    {
        var (a, projectA) = await _driver.NewProjectAsync(0);
        var (b, projectB) = await _driver.NewProjectAsync(0);
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await _driver.RequestAsync(a, projectA, 1));
            mine.Add(await _driver.RequestAsync(b, projectB, 1));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _driver.Operator.GetJsonAsync("/v1/admin/lease-requests?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("requestId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        var ours = seen.Where(mine.Contains).ToList();
        Assert.Equal(Enumerable.Reverse(mine), ours);

        using var bad = await _driver.Operator.GetAsync("/v1/admin/lease-requests?status=pending");
        await bad.AssertError(422, "VALIDATION");
    }
}
