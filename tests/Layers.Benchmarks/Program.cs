using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Benchmarks;
using Npgsql;

// Usage: Layers.Benchmarks --pg <admin connection string> [--seconds 20] [--workers 32] [--burst 10000]
//        [--burst-accounts 2000] [--burst-warmup 500] [--revoke-posts 10000] [--memory-posts 20000] [--out artifacts/benchmark-results.json]
//        [--only oauth,read,write,burst,revoke,memory,queued,steady,uploads] [--pool-size 20] [--warmup 30]
//        [--queued 100000] [--queued-accounts 10000] [--uploads 20] [--upload-bytes 524288000]
//        [--steady-minutes 8] [--steady-rate 10] [--burst-with-queue] [--platforms-in-process]
var options = Options.Parse(args);
var root = Options.RepositoryRoot();
Console.WriteLine($"Layers benchmark on {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");

var database = "layers_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
await using (var admin = new NpgsqlConnection(options.AdminConnectionString))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
    await create.ExecuteNonQueryAsync();
}

var connectionString = new NpgsqlConnectionStringBuilder(options.AdminConnectionString) { Database = database, MaxPoolSize = options.PoolSize }.ConnectionString;
// TikTok runs in a process of its own, as the real one does apart from the service: the restart scenarios kill the
// service, and the platform, with the tokens it issued and the posts it received, carries on. With
// --platforms-in-process the service's own simulators are used instead (a killed service takes them down with it).
var servicePort = ServiceProcess.FreePort();
await using var platforms = options.PlatformsInProcess ? null : await ServiceProcess.StartPlatformsAsync(root, $"http://127.0.0.1:{servicePort}");
var serviceSettings = platforms is null ? [] : ServiceProcess.TikTokAt(platforms);

await using var service = await ServiceProcess.StartAsync(root, connectionString, serviceSettings, servicePort);
var tiktokBaseUrl = (platforms ?? service).BaseUrl;
Console.WriteLine($"Service ready at {service.BaseUrl} (pid {service.ProcessId}), PostgreSQL database {database}; TikTok at {tiktokBaseUrl}");
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
var results = new ResultList();

// Tenancy: one organization, many partner-tier keys so per-key rate limits do not cap the load: each key allows
// 6,000 reads a minute, and the requests go round all of them (256 keys allow 25,600 reads a second).
var adminHttp = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/orgs") { Content = JsonContent.Create(new { name = "Benchmark" }) };
adminHttp.Headers.Authorization = new("Bearer", ServiceProcess.AdminToken);
var org = await Json(await http.SendAsync(adminHttp));
var orgId = org.GetProperty("id").GetString()!;
var keys = new List<string>();
for (var i = 0; i < 256; i++)
{
    var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/orgs/{orgId}/api-keys")
    {
        Content = JsonContent.Create(new { name = $"bench {i}", allowedReturnDomains = new[] { "bench.example.com" }, rateLimitTier = "partner" }),
    };
    request.Headers.Authorization = new("Bearer", ServiceProcess.AdminToken);
    keys.Add((await Json(await http.SendAsync(request))).GetProperty("key").GetString()!);
}

async Task<JsonElement> Send(HttpMethod method, string url, object? body = null, int key = 0)
{
    using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Add("X-Api-Key", keys[key % keys.Count]);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new HttpRequestException($"{method} {url} → {(int)response.StatusCode}: {text}");
    }

    return JsonDocument.Parse(text).RootElement.Clone();
}

async Task<string> Project(string name) => (await Send(HttpMethod.Post, "/v1/projects", new { name })).GetProperty("id").GetString()!;

async Task<bool> Connect(string projectId, string handle, int key)
{
    var started = await Send(HttpMethod.Post, $"/v1/projects/{projectId}/social/oauth-url", new { platform = "tiktok", returnUrl = "https://bench.example.com/done" }, key);
    var authorize = started.GetProperty("authorizeUrl").GetString() + $"&sandbox_user={handle}&sandbox_decision=approve";
    using var consent = await http.GetAsync(authorize);
    if (consent.StatusCode != HttpStatusCode.Found)
    {
        return false;
    }

    using var callback = await http.GetAsync(consent.Headers.Location);
    return callback.StatusCode == HttpStatusCode.Found && callback.Headers.Location!.Query.Contains("status=success", StringComparison.Ordinal);
}

// The service's managed heap once a full collection has run (forced from outside).
Task<long> HeapAfterCollectionAsync() => service.HeapAfterCollectionAsync();

async Task<List<string>> Accounts(string projectId) => [.. (await AccountsWithHandles(projectId)).Select(a => a.Id)];

// The project's accounts, in the listing's order, with their handles.
async Task<List<(string Id, string Handle)>> AccountsWithHandles(string projectId)
{
    var accounts = new List<(string, string)>();
    string? cursor = null;
    do
    {
        var page = await Send(HttpMethod.Get, $"/v1/projects/{projectId}/social-accounts?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
        accounts.AddRange(page.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("socialAccountId").GetString()!, a.GetProperty("handle").GetString()!)));
        cursor = page.GetProperty("nextCursor").GetString();
    }
    while (cursor is not null);
    return accounts;
}

// Waits until the revoked account's posts have all recorded post.canceled (each cancels itself after the answer).
async Task<long> CanceledByAsync(string socialAccountId, int expected, TimeSpan timeout, bool progress)
{
    var told = 0L;
    var deadline = DateTime.UtcNow + timeout;
    while (told < expected && DateTime.UtcNow < deadline)
    {
        await Task.Delay(200);
        told = await CanceledEvents(connectionString, socialAccountId);
        if (progress)
        {
            Console.Write($"\r  revoke: {told}/{expected} posts canceled   ");
        }
    }

    return told;
}

// 5. OAuth connect flows: 50 accounts for the read scenario, then the burst accounts.
var readProject = await Project("read");
var burstProject = await Project("burst");
var needsBurstAccounts = options.Runs("oauth") || options.Runs("burst") || options.Runs("memory");
// The burst's warm-up rounds go to accounts of their own, 5 posts each (TikTok takes 6 inits a minute per account).
var warmProject = await Project("burst warm-up");
var warmAccountsPerRound = (options.BurstWarmup + PostsPerWarmAccount - 1) / PostsPerWarmAccount;
var handles = Enumerable.Range(0, 50).Select(i => (Project: readProject, Handle: $"reader.{i}"))
    .Concat(Enumerable.Range(0, needsBurstAccounts ? options.BurstAccounts : 0).Select(i => (Project: burstProject, Handle: $"burster.{i}")))
    .Concat(Enumerable.Range(0, options.Runs("burst") ? 3 * warmAccountsPerRound : 0).Select(i => (Project: warmProject, Handle: $"preburster.{i}"))).ToList();
if (options.Runs("oauth"))
{
    // Warm-up: accounts of a project of their own, which nothing else reads.
    var warmupProject = await Project("oauth warm-up");
    await Load.RunAsync("oauth connect (warm-up)", 16, options.Warmup, async (worker, n) => await Connect(warmupProject, $"warmer.{n}", worker));
}

var next = -1;
var connect = await Load.RunAsync("oauth connect", 16, TimeSpan.FromMinutes(10), async (worker, _) =>
{
    var index = Interlocked.Increment(ref next);
    return index >= handles.Count ? null : await Connect(handles[index].Project, handles[index].Handle, worker);
}, stopWhen: () => Volatile.Read(ref next) >= handles.Count);
if (options.Runs("oauth"))
{
    results.Add(LoadResult.From("5. OAuth connect flow", connect.LatenciesMs, connect.Errors, connect.Seconds) with
    {
        Target = "≥ 100 flows/s",
        Pass = connect.LatenciesMs.Count / connect.Seconds >= 100,
    });
}

if (options.Runs("read"))
{
    // 1. Read: list a project's 50 social accounts, against the framework ceiling.
    var listUrl = $"/v1/projects/{readProject}/social-accounts?limit=50";
    var sample = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, listUrl) { Headers = { { "X-Api-Key", keys[0] } } });
    var sampleBody = await sample.Content.ReadAsByteArrayAsync();
    await using (var ceiling = await FrameworkCeiling.StartAsync(sampleBody))
    {
        using var bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri(ceiling.BaseUrl) };
        var (read, baseline) = await Load.AlternateAsync(
            ("read list", async (_, n) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, listUrl);
                request.Headers.Add("X-Api-Key", keys[(int)(n % keys.Count)]);
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.StatusCode == HttpStatusCode.OK;
            }),
            ("framework ceiling", async (_, _) =>
            {
                using var response = await bare.GetAsync("/list");
                await response.Content.ReadAsByteArrayAsync();
                return response.StatusCode == HttpStatusCode.OK;
            }),
            options.Workers, options.Duration, rounds: 4, options.Warmup);
        var readResult = LoadResult.From("1. Read: list 50 accounts", read.LatenciesMs, read.Errors, read.Seconds);
        var ceilingRate = baseline.LatenciesMs.Count / baseline.Seconds;
        results.Add(readResult with
        {
            Ceiling = "bare ASP.NET Core, same JSON",
            CeilingPerSecond = ceilingRate,
            Target = "≥ 50% of ceiling, p99 < 20 ms",
            Pass = readResult.PerSecond >= 0.5 * ceilingRate && readResult.P99Ms < 20,
        });
    }
}

// 2. Write: schedule one post to one account, against raw single-row upserts.
var burstAccounts = await Accounts(burstProject);
var readAccounts = await Accounts(readProject);
var content = (await Send(HttpMethod.Post, $"/v1/projects/{readProject}/content", new
{
    caption = "benchmark",
    assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
})).GetProperty("id").GetString()!;
if (options.Runs("write"))
{
    Func<int, long, Task<bool?>> schedule = async (_, n) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/content/{content}/schedule")
        {
            Content = JsonContent.Create(new { scheduledFor = DateTimeOffset.UtcNow.AddDays(30), targets = new[] { new { socialAccountId = readAccounts[(int)(n % readAccounts.Count)] } } }),
        };
        request.Headers.Add("X-Api-Key", keys[(int)(n % keys.Count)]);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Created;
    };
    await Load.RunAsync("schedule one post (warm-up)", options.Workers, options.Warmup, schedule);
    var commitsBefore = await RowsWritten(connectionString);
    var write = await Load.RunAsync("schedule one post", options.Workers, options.Duration, schedule);
    // The server flushes its statistics about once a second.
    await Task.Delay(TimeSpan.FromSeconds(1.5));
    var writesPerRequest = (await RowsWritten(connectionString) - commitsBefore) / (double)Math.Max(1, write.LatenciesMs.Count);
    var upsertRate = await RawUpserts(connectionString, options.Workers, options.Duration, options.Warmup);
    var writeResult = LoadResult.From("2. Write: schedule one post", write.LatenciesMs, write.Errors, write.Seconds);
    results.Add(writeResult with
    {
        Ceiling = "raw Npgsql single-row upserts",
        CeilingPerSecond = upsertRate,
        Target = "req/s × writes/req ≥ 50% of ceiling",
        Pass = writeResult.PerSecond * writesPerRequest >= 0.5 * upsertRate,
        Note = $"{writesPerRequest:F1} rows written per request (inserts + updates + deletes in the service tables, pg_stat_user_tables); the ratio counts rows",
        UnitsPerRequest = writesPerRequest,
    });
}

// 3. Burst: many posts due at the same instant across many accounts.
var burstContent = (await Send(HttpMethod.Post, $"/v1/projects/{burstProject}/content", new
{
    caption = "burst",
    assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
})).GetProperty("id").GetString()!;

// The burst, measured as its own scenario or, with --burst-with-queue, once the queue scenario has filled the queue.
// With the queue full the targets are tighter (p99 < 1 s, max < 2 s) than for the burst on its own (2 s, 5 s).
async Task BurstAsync(string label, double p99Target = 2000, double maxTarget = 5000)
{
    await SettleAsync(connectionString);
    var due = DateTimeOffset.UtcNow.AddSeconds(options.BurstLeadSeconds);
    due = due.AddTicks(-(due.UtcTicks % TimeSpan.TicksPerSecond));
    Console.WriteLine($"  burst due at {due:HH:mm:ss} UTC");
    // A running service has handed off posts before: three small bursts on other accounts, 30, 20 and 10 s ahead,
    // warm the hand-off path the way earlier hand-offs would have. It takes several: the runtime recompiles hot code
    // in steps (first code, then instrumented, then optimized with what the instrumentation saw), and starts counting
    // calls for the next step only once compiling has paused. With one round, the burst itself paid for the last two
    // steps of the whole hand-off path; with two, for the last.
    var warmAccounts = await Accounts(warmProject);
    var warmContent = (await Send(HttpMethod.Post, $"/v1/projects/{warmProject}/content", new
    {
        caption = "warm-up",
        assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
    })).GetProperty("id").GetString()!;
    foreach (var (ahead, round) in new[] { (30, 0), (20, 1), (10, 2) })
    {
        for (var warm = 0; warm < options.BurstWarmup; warm += 50)
        {
            var targets = Enumerable.Range(warm, Math.Min(50, options.BurstWarmup - warm))
                .Select(i => new { socialAccountId = warmAccounts[round * warmAccountsPerRound + i / PostsPerWarmAccount] }).ToArray();
            await Send(HttpMethod.Post, $"/v1/content/{warmContent}/schedule", new { scheduledFor = due.AddSeconds(-ahead), targets });
        }
    }

    var batches = options.BurstPosts / 50;
    var made = -1;
    var scheduled = 0;
    await Load.RunAsync("burst: scheduling", 8, TimeSpan.FromMinutes(10), async (worker, _) =>
    {
        var batch = Interlocked.Increment(ref made);
        if (batch >= batches)
        {
            return null;
        }

        var targets = Enumerable.Range(0, 50).Select(i => new { socialAccountId = burstAccounts[(batch * 50 + i) % burstAccounts.Count] }).ToArray();
        var body = await Send(HttpMethod.Post, $"/v1/content/{burstContent}/schedule", new { scheduledFor = due, targets }, worker);
        Interlocked.Add(ref scheduled, body.GetProperty("scheduledPosts").GetArrayLength());
        return true;
    }, stopWhen: () => Volatile.Read(ref made) >= batches);
    if (DateTimeOffset.UtcNow > due)
    {
        Console.WriteLine($"  warning: scheduling took longer than the {options.BurstLeadSeconds} s lead; raise --burst-lead");
    }

    // Where the processor goes from the due time to the last hand-off: a figure that holds from one hour to the next,
    // where the hand-offs' rate moves with whatever else the machine is running.
    await using var processor = CostProbe.Sample(service.ProcessId, platforms?.ProcessId);
    var deliveries = new List<DateTimeOffset>();
    var delivered = new List<DateTimeOffset>();
    var ids = new List<string>();
    var burstDeadline = due.AddMinutes(5);
    // TikTok stamps each hand-off as it arrives, so the first look can wait until the burst is mostly over: a list of
    // thousands of posts, made by TikTok's process and read by this one, costs the same two cores the burst runs on.
    var firstLook = due.AddSeconds(3) - DateTimeOffset.UtcNow;
    if (firstLook > TimeSpan.Zero)
    {
        await Task.Delay(firstLook);
    }

    while (DateTimeOffset.UtcNow < burstDeadline)
    {
        var published = await Send(HttpMethod.Get, tiktokBaseUrl + "/sandbox/tiktok/control/published");
        var items = published.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("handle").GetString()!.StartsWith("burster.", StringComparison.Ordinal)).ToList();
        Console.Write($"\r  burst: {items.Count}/{scheduled} delivered   ");
        if (items.Count >= scheduled)
        {
            deliveries = [.. items.Select(i => DateTimeOffset.FromUnixTimeMilliseconds(i.GetProperty("receivedAtUnixMs").GetInt64()))];
            delivered = [.. items.Select(i => i.GetProperty("at").GetDateTimeOffset())];
            ids = [.. items.Select(i => i.GetProperty("publishId").GetString()!)];
            break;
        }

        await Task.Delay(2000);
    }

    Console.WriteLine();
    var lateness = deliveries.Select(d => (d - due).TotalMilliseconds).ToList();
    var spread = deliveries.Count > 1 ? (deliveries.Max() - deliveries.Min()).TotalSeconds : double.NaN;
    var duplicates = ids.Count - ids.Distinct().Count();
    var burstRate = deliveries.Count / Math.Max(0.001, (deliveries.DefaultIfEmpty(due).Max() - due).TotalSeconds);
    var deliveryLateness = delivered.Select(d => (d - due).TotalMilliseconds).ToList();
    var processorNote = deliveries.Count > 0 && processor.Between(due, deliveries.Max(), deliveries.Count, "hand-off") is { } used
        ? $"; from the due time to the last hand-off, {used}"
        : "";
    results.Add(new LoadResult(label, deliveries.Count, scheduled - deliveries.Count, spread, burstRate,
        LoadResult.Percentile(lateness, 0.5), LoadResult.Percentile(lateness, 0.95), LoadResult.Percentile(lateness, 0.99),
        Target: $"p99 < {p99Target / 1000:0} s, max < {maxTarget / 1000:0} s, ≥ 500/s, 0 duplicates",
        Pass: deliveries.Count == scheduled && LoadResult.Percentile(lateness, 0.99) < p99Target && lateness.DefaultIfEmpty(double.MaxValue).Max() < maxTarget && burstRate >= 500 && duplicates == 0,
        Note: $"{scheduled} posts on {burstAccounts.Count} accounts; hand-off lateness min {lateness.DefaultIfEmpty(double.NaN).Min():F0} ms, max {lateness.DefaultIfEmpty(double.NaN).Max():F0} ms; " +
            $"{duplicates} duplicates; live on the platform p99 {LoadResult.Percentile(deliveryLateness, 0.99):F0} ms after due (the sandbox needs two status polls){processorNote}"));
}

if (options.Runs("burst") && !options.BurstWithQueue)
{
    await BurstAsync("3. Burst: lateness (ms) / publishes/s");
}

if (options.Runs("revoke"))
{
    // 4. Revoke an account with many queued posts.
    var revokeProject = await Project("revoke");
    await Connect(revokeProject, "revoked.one", 0);
    var revokeAccount = (await Accounts(revokeProject)).Single();
    var revokeContent = (await Send(HttpMethod.Post, $"/v1/projects/{revokeProject}/content", new
    {
        caption = "revoke",
        assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
    })).GetProperty("id").GetString()!;
    var revokeBatches = options.RevokePosts / 50;
    var revokeMade = -1;
    await Load.RunAsync("revoke: queueing", 8, TimeSpan.FromMinutes(15), async (worker, _) =>
    {
        var batch = Interlocked.Increment(ref revokeMade);
        if (batch >= revokeBatches)
        {
            return null;
        }

        var targets = Enumerable.Range(0, 50).Select(_ => new { socialAccountId = revokeAccount }).ToArray();
        await Send(HttpMethod.Post, $"/v1/content/{revokeContent}/schedule", new { scheduledFor = DateTimeOffset.UtcNow.AddDays(7), targets }, worker);
        return true;
    }, stopWhen: () => Volatile.Read(ref revokeMade) >= revokeBatches);
    var revokeWatch = Stopwatch.StartNew();
    var canceledCount = 0;
    try
    {
        var revoked = await Send(HttpMethod.Delete, $"/v1/social-accounts/{revokeAccount}");
        canceledCount = revoked.GetProperty("canceledScheduledPosts").GetInt32();
    }
    catch (HttpRequestException e)
    {
        Console.WriteLine($"  revoke failed: {e.Message}");
    }

    var revokeSeconds = revokeWatch.Elapsed.TotalSeconds;

    // The answer counts the posts; each post then cancels itself and records post.canceled. Wait for all of them.
    var told = await CanceledByAsync(revokeAccount, canceledCount, TimeSpan.FromMinutes(5), progress: true);

    Console.WriteLine();
    var drainSeconds = revokeWatch.Elapsed.TotalSeconds;
    results.Add(new LoadResult("4. Revoke with queued posts", 1, canceledCount == options.RevokePosts && told == canceledCount ? 0 : 1, revokeSeconds, 1 / revokeSeconds,
        revokeSeconds * 1000, revokeSeconds * 1000, revokeSeconds * 1000, Target: "response < 3 s, all canceled",
        Pass: revokeSeconds < 3 && canceledCount == options.RevokePosts && told == canceledCount,
        Note: $"{canceledCount} of {options.RevokePosts} counted in the answer; {told} posts canceled themselves {drainSeconds:F1} s after the request"));
}

if (options.Runs("memory"))
{
    // 6. Memory per active scheduled-post grain.
    GC.Collect();
    var before = service.ResidentBytes();
    var memoryBatches = options.MemoryPosts / 50;
    var memoryMade = -1;
    await Load.RunAsync("memory: activating posts", 8, TimeSpan.FromMinutes(20), async (worker, _) =>
    {
        var batch = Interlocked.Increment(ref memoryMade);
        if (batch >= memoryBatches)
        {
            return null;
        }

        var targets = Enumerable.Range(0, 50).Select(i => new { socialAccountId = burstAccounts[(batch * 50 + i) % burstAccounts.Count] }).ToArray();
        // Due within the hour, so the posts stay active (farther ones rest as stored state and a reminder).
        await Send(HttpMethod.Post, $"/v1/content/{burstContent}/schedule", new { scheduledFor = DateTimeOffset.UtcNow.AddMinutes(50), targets }, worker);
        return true;
    }, stopWhen: () => Volatile.Read(ref memoryMade) >= memoryBatches);
    var after = service.ResidentBytes();
    var perGrain = (after - before) / (double)options.MemoryPosts;
    results.Add(new LoadResult("6. Memory per active post grain (bytes)", options.MemoryPosts, 0, 0, perGrain, double.NaN, double.NaN, double.NaN,
        Target: "< 10 KB", Pass: perGrain < 10 * 1024, Note: $"RSS {before / 1048576} MiB → {after / 1048576} MiB for {options.MemoryPosts} posts (includes their account and listing work)"));
}

if (options.Runs("queued"))
{
    // 7. The queue: N posts due over the next 30 days on many accounts, with what a schedule costs measured as the
    // queue fills (0, 10, 50 and 100 % of N): requests per second, rows per request, the service's memory and the
    // database's bytes per queued post.
    var queueProject = await Project("queue");
    var queueNext = -1;
    await Load.RunAsync("queue: connecting accounts", 16, TimeSpan.FromMinutes(30), async (worker, _) =>
    {
        var index = Interlocked.Increment(ref queueNext);
        return index >= options.QueuedAccounts ? null : await Connect(queueProject, $"queued.{index}", worker);
    }, stopWhen: () => Volatile.Read(ref queueNext) >= options.QueuedAccounts);
    var queueAccounts = await Accounts(queueProject);
    var queueContent = (await Send(HttpMethod.Post, $"/v1/projects/{queueProject}/content", new
    {
        caption = "queued",
        assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
    })).GetProperty("id").GetString()!;
    var start = DateTimeOffset.UtcNow;
    // Due between 2 hours and 30 days from now, spread evenly: none falls due while the scenario runs.
    DateTimeOffset DueAt(long n) => start.AddHours(2).AddSeconds(n * 7919 % (30 * 86400 - 7200));

    var queued = 0L;
    var baseBytes = await ServiceTableBytes(connectionString);
    var baseHeap = await HeapAfterCollectionAsync();
    var baseRss = service.ResidentBytes();
    double? emptyRate = null;
    foreach (var share in new[] { 0.0, 0.1, 0.5, 1.0 })
    {
        var goal = (long)(share * options.QueuedPosts);
        var fill = -1L;
        var fillBatches = (goal - queued + 49) / 50;
        if (fillBatches > 0)
        {
            await Load.RunAsync($"queue: filling to {share:P0}", 8, TimeSpan.FromHours(2), async (worker, _) =>
            {
                var batch = Interlocked.Increment(ref fill);
                if (batch >= fillBatches)
                {
                    return null;
                }

                var first = queued + batch * 50;
                var targets = Enumerable.Range(0, 50).Select(i => new { socialAccountId = queueAccounts[(int)((first + i) % queueAccounts.Count)] }).ToArray();
                await Send(HttpMethod.Post, $"/v1/content/{queueContent}/schedule", new { scheduledFor = DueAt(first), targets }, worker);
                return true;
            }, stopWhen: () => Volatile.Read(ref fill) >= fillBatches);
            queued += fillBatches * 50;
        }

        var measuredFrom = queued;
        Func<int, long, Task<bool?>> scheduleOne = async (_, n) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/content/{queueContent}/schedule")
            {
                Content = JsonContent.Create(new { scheduledFor = DueAt(measuredFrom + n), targets = new[] { new { socialAccountId = queueAccounts[(int)(n % queueAccounts.Count)] } } }),
            };
            request.Headers.Add("X-Api-Key", keys[(int)(n % keys.Count)]);
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created;
        };
        // The first level runs the full warm-up (the code is compiled at its final tier before any level is measured).
        await Load.RunAsync($"queue: schedule at {share:P0} (warm-up)", options.Workers, share == 0 ? options.Warmup : TimeSpan.FromSeconds(5), scheduleOne);
        var rowsBefore = await RowsWritten(connectionString);
        var cost = new CostProbe(connectionString, service.ProcessId, options.PgStatements);
        await cost.StartAsync();
        var measured = await Load.RunAsync($"queue: schedule at {share:P0}", options.Workers, options.Duration, scheduleOne);
        var costNote = await cost.StopAsync(measured.LatenciesMs.Count, $"queue-{share * 100:F0}");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var rowsPerRequest = (await RowsWritten(connectionString) - rowsBefore) / (double)Math.Max(1, measured.LatenciesMs.Count);
        queued = await QueuedPosts(connectionString);
        var bytesPerPost = queued == 0 ? 0 : (await ServiceTableBytes(connectionString) - baseBytes) / (double)queued;
        var heapPerPost = queued == 0 ? 0 : (await HeapAfterCollectionAsync() - baseHeap) / (double)queued;
        var rssPerPost = queued == 0 ? 0 : (service.ResidentBytes() - baseRss) / (double)queued;
        var rate = measured.LatenciesMs.Count / measured.Seconds;
        emptyRate ??= rate;
        var result = LoadResult.From($"7. Queue at {share:P0} ({queued:N0} queued)", measured.LatenciesMs, measured.Errors, measured.Seconds);
        results.Add(result with
        {
            UnitsPerRequest = rowsPerRequest,
            Target = share == 0 ? "baseline" : "≥ 90 % of the empty queue's rate; ≤ 300 B of memory per queued post",
            Pass = share == 0 ? null : rate >= 0.9 * emptyRate.Value && heapPerPost <= 300,
            Note = $"{rowsPerRequest:F1} rows per request; per queued post: {bytesPerPost:F0} B in PostgreSQL (tables + indexes), " +
                $"{heapPerPost:F0} B of managed heap and {rssPerPost:F0} B of RSS after a full collection; rate {rate / emptyRate.Value:P0} of the empty queue's; {costNote}",
        });

        if (share == 1.0)
        {
            // The same server's ceiling for single-row upserts, with the queue full, taking turns with the schedules (after
            // a warm-up of each, four rounds of a quarter of --seconds each, added up per side), so that both meet the
            // same background work (autovacuum of the queue's tables, checkpoints): the rows the schedules write per
            // second, at the rows per request just measured, against it.
            await using var upserts = await UpsertSourceAsync(connectionString);
            var (turns, ceilingTurns) = await Load.AlternateAsync(
                ("queue: schedule at 100 % against the ceiling", scheduleOne), ("storage ceiling", Upsert(upserts)),
                options.Workers, options.Duration, rounds: 4, TimeSpan.FromSeconds(5));
            var turnsRate = turns.LatenciesMs.Count / turns.Seconds;
            var ceiling = ceilingTurns.LatenciesMs.Count / ceilingTurns.Seconds;
            results.Add(LoadResult.From($"7. Writes with {queued:N0} queued (rows/s)", turns.LatenciesMs, turns.Errors, turns.Seconds) with
            {
                Ceiling = "raw Npgsql single-row upserts, queue full, taking turns",
                CeilingPerSecond = ceiling,
                UnitsPerRequest = rowsPerRequest,
                Target = "rows/s ≥ 60 % of the ceiling",
                Pass = turnsRate * rowsPerRequest >= 0.6 * ceiling,
                Note = $"{turnsRate * rowsPerRequest:F0} rows/s ({turnsRate:F0} req/s × {rowsPerRequest:F1} rows) against {ceiling:F0} upserts/s: {turnsRate * rowsPerRequest / ceiling:P0}",
            });
            queued = await QueuedPosts(connectionString);
        }
    }

    // With the queue full: revoke an account with 100 queued posts, and read a page of the project's posts.
    await Connect(queueProject, "queued.revoked", 0);
    var revokedAccount = (await Accounts(queueProject)).Except(queueAccounts).Single();
    for (var batch = 0; batch < 2; batch++)
    {
        var targets = Enumerable.Range(0, 50).Select(_ => new { socialAccountId = revokedAccount }).ToArray();
        await Send(HttpMethod.Post, $"/v1/content/{queueContent}/schedule", new { scheduledFor = DueAt(batch), targets });
    }

    var revokeClock = Stopwatch.StartNew();
    var revokedCount = (await Send(HttpMethod.Delete, $"/v1/social-accounts/{revokedAccount}")).GetProperty("canceledScheduledPosts").GetInt32();
    var answered = revokeClock.Elapsed.TotalMilliseconds;
    var canceledNow = await CanceledByAsync(revokedAccount, revokedCount, TimeSpan.FromMinutes(2), progress: false);

    results.Add(new LoadResult($"8. Revoke 100 with {queued:N0} queued", 1, revokedCount == 100 && canceledNow == 100 ? 0 : 1, answered / 1000, 1000 / answered,
        answered, answered, answered, Target: "< 3 s, exact count", Pass: answered < 3000 && revokedCount == 100 && canceledNow == 100,
        Note: $"{revokedCount} counted in the answer; all {canceledNow} canceled {revokeClock.Elapsed.TotalSeconds:F1} s after the request"));

    var pageUrl = $"/v1/projects/{queueProject}/scheduled-posts?limit=50";
    var page = await Load.RunAsync("queue: a page of posts", 8, TimeSpan.FromSeconds(10), async (_, n) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
        request.Headers.Add("X-Api-Key", keys[(int)(n % keys.Count)]);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }, warmup: TimeSpan.FromSeconds(3));
    results.Add(LoadResult.From($"9. A page of 50 posts with {queued:N0} queued", page.LatenciesMs, page.Errors, page.Seconds) with
    {
        Target = "p99 < 100 ms",
        Pass = LoadResult.Percentile(page.LatenciesMs, 0.99) < 100,
    });

    if (options.Runs("burst") && options.BurstWithQueue)
    {
        await BurstAsync($"3. Burst with {queued:N0} queued: lateness (ms) / publishes/s", p99Target: 1000, maxTarget: 2000);
    }

    // Restarts with the queue full: SIGTERM, then SIGKILL (below).
    var (termStopped, termReady) = await service.RestartAsync(kill: false);
    results.Add(new LoadResult($"10. Restart (SIGTERM) with {queued:N0} queued", 1, 0, termReady.TotalSeconds, 1 / termReady.TotalSeconds,
        termReady.TotalMilliseconds, termReady.TotalMilliseconds, termReady.TotalMilliseconds, Target: "ready < 20 s", Pass: termReady < TimeSpan.FromSeconds(20),
        Note: $"stopped in {termStopped.TotalSeconds:F1} s; ready {termReady.TotalSeconds:F1} s after the new process started"));

    // SIGKILL, the process held down 15 s: 200 posts fall due 5 s into the outage, 200 more 25 s after the kill (after
    // the new process is ready). Posts due while it was down must be taken up within 10 s of ready, the others on time.
    // The kill comes 30 s after the outage's posts start to be scheduled: room for scheduling them on a slow hour.
    var killAt = DateTimeOffset.UtcNow.AddSeconds(30);
    killAt = killAt.AddTicks(-(killAt.UtcTicks % TimeSpan.TicksPerSecond));
    var whileDown = killAt.AddSeconds(5);
    var afterUp = killAt.AddSeconds(25);
    var downPosts = await ScheduleOnFirstAccountsAsync(whileDown, 200, 0);
    var upPosts = await ScheduleOnFirstAccountsAsync(afterUp, 200, downPosts.Count);
    var untilKill = killAt - DateTimeOffset.UtcNow;
    if (untilKill > TimeSpan.Zero)
    {
        await Task.Delay(untilKill);
    }
    else
    {
        Console.WriteLine($"  warning: scheduling the outage's posts ran {-untilKill.TotalSeconds:F1} s past the kill time");
    }
    // The new process logs each hand-off with its lateness and when its turn began (in benchmark-service.log).
    var (_, killReady) = await service.RestartAsync(kill: true, down: TimeSpan.FromSeconds(15),
        settings: new Dictionary<string, string>
        {
            ["Logging__LogLevel__Layers.Publishing.ScheduledPostGrain"] = "Debug",
            ["Logging__LogLevel__Layers.Publishing.DuePostsGrain"] = "Debug",
            ["Logging__LogLevel__Layers.Publishing.HandOffPriority"] = "Debug",
        });
    var readyAt = DateTimeOffset.UtcNow;
    // Each post is timed twice: when the service recorded its hand-off in the journal (right before calling TikTok),
    // and when the listing showed it no longer queued (TikTok had taken it and its answer was stored). The targets
    // are judged on the latter, the later of the two.
    var handedOff = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    var takenUp = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
    var outagePosts = downPosts.Concat(upPosts).ToList();
    var outageDeadline = DateTime.UtcNow.AddMinutes(3);
    // The journal's record is written before the listing changes, so both are in once the listing has them all.
    // A post is timed at the start of the first poll that sees it changed, so the figure is as fine as the polls are
    // frequent: the longest gap between two polls' starts is reported with it.
    var longestPollGap = TimeSpan.Zero;
    var previousPoll = DateTimeOffset.UtcNow;
    while (DateTime.UtcNow < outageDeadline && takenUp.Count < outagePosts.Count)
    {
        var seenAt = DateTimeOffset.UtcNow;
        longestPollGap = seenAt - previousPoll > longestPollGap ? seenAt - previousPoll : longestPollGap;
        previousPoll = seenAt;
        foreach (var (post, status, handedOffAt) in await PostStatuses(connectionString, outagePosts))
        {
            statuses[post] = status;
            if (status != "queued")
            {
                takenUp.TryAdd(post, seenAt);
            }

            if (handedOffAt is { } at && at >= killAt)
            {
                handedOff.TryAdd(post, at);
            }
        }

        await Task.Delay(100);
    }

    Console.WriteLine($"  after the kill: {string.Join(", ", statuses.Values.GroupBy(v => v).Select(g => $"{g.Count()} {g.Key}"))}");
    // The third time, as the burst is timed: when TikTok received each post's hand-off (its accounts have nothing else
    // due for hours, so their deliveries since the kill are these posts'). TikTok lists a post once it has pulled and
    // processed its file.
    var handleOf = (await AccountsWithHandles(queueProject)).ToDictionary(a => a.Id, a => a.Handle, StringComparer.Ordinal);
    var downHandles = queueAccounts.Take(downPosts.Count).Select(a => handleOf[a]).ToList();
    var upHandles = queueAccounts.Skip(downPosts.Count).Take(upPosts.Count).Select(a => handleOf[a]).ToList();
    var outageHandles = downHandles.Concat(upHandles).ToHashSet(StringComparer.Ordinal);
    var receivedBy = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    var deliveredDeadline = DateTime.UtcNow.AddMinutes(2);
    while (DateTime.UtcNow < deliveredDeadline && receivedBy.Count < outageHandles.Count)
    {
        foreach (var item in (await Send(HttpMethod.Get, tiktokBaseUrl + "/sandbox/tiktok/control/published")).GetProperty("items").EnumerateArray())
        {
            var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(item.GetProperty("receivedAtUnixMs").GetInt64());
            var handle = item.GetProperty("handle").GetString()!;
            if (receivedAt >= killAt && outageHandles.Contains(handle) && (!receivedBy.TryGetValue(handle, out var earlier) || receivedAt < earlier))
            {
                receivedBy[handle] = receivedAt;
            }
        }

        await Task.Delay(1000);
    }

    var downReceived = downHandles.Where(receivedBy.ContainsKey).Select(h => (receivedBy[h] - readyAt).TotalMilliseconds).DefaultIfEmpty(double.NaN).Max();
    var upReceived = upHandles.Where(receivedBy.ContainsKey).Select(h => (receivedBy[h] - afterUp).TotalMilliseconds).ToList();
    // Posts due while the process was down are measured from ready, the others from their due time.
    var downAfterReady = downPosts.Where(takenUp.ContainsKey).Select(p => (takenUp[p] - readyAt).TotalMilliseconds).ToList();
    var upLateness = upPosts.Where(takenUp.ContainsKey).Select(p => (takenUp[p] - afterUp).TotalMilliseconds).ToList();
    var downHandedOff = downPosts.Where(handedOff.ContainsKey).Select(p => (handedOff[p] - readyAt).TotalMilliseconds).DefaultIfEmpty(double.NaN).Max();
    var upHandedOff = upPosts.Where(handedOff.ContainsKey).Select(p => (handedOff[p] - afterUp).TotalMilliseconds).ToList();
    var downMax = downAfterReady.DefaultIfEmpty(double.MaxValue).Max();
    var upMax = upLateness.DefaultIfEmpty(double.MaxValue).Max();
    var upP99 = LoadResult.Percentile(upLateness, 0.99);
    results.Add(new LoadResult($"11. Restart (SIGKILL, 15 s down) with {queued:N0} queued", outagePosts.Count, outagePosts.Count - takenUp.Count, killReady.TotalSeconds,
        takenUp.Count / Math.Max(0.001, (takenUp.Values.DefaultIfEmpty(readyAt).Max() - readyAt).TotalSeconds),
        LoadResult.Percentile(upLateness, 0.5), LoadResult.Percentile(upLateness, 0.95), upP99,
        Target: "ready < 20 s; posts due while down taken up within 10 s of ready; posts due after ready p99 < 1 s, max < 2 s late",
        Pass: killReady < TimeSpan.FromSeconds(20) && takenUp.Count == outagePosts.Count && downMax < 10_000 && upP99 < 1000 && upMax < 2000,
        Note: $"ready {killReady.TotalSeconds:F1} s after the new process started; {downAfterReady.Count} of {downPosts.Count} posts due while down taken up " +
            $"at most {downMax / 1000:F1} s after ready (handed off at most {downHandedOff / 1000:F1} s after ready); {upLateness.Count} of {upPosts.Count} due " +
            $"{(afterUp - readyAt).TotalSeconds:F1} s after ready taken up at most {upMax:F0} ms after their due time, the percentiles theirs (handed off " +
            $"p50 {LoadResult.Percentile(upHandedOff, 0.5):F0} ms, max {upHandedOff.DefaultIfEmpty(double.NaN).Max():F0} ms after; received by TikTok " +
            $"p50 {LoadResult.Percentile(upReceived, 0.5):F0} ms, p99 {LoadResult.Percentile(upReceived, 0.99):F0} ms, max {upReceived.DefaultIfEmpty(double.NaN).Max():F0} ms " +
            $"after, {upReceived.Count} of {upPosts.Count}; the outage's received at most {downReceived / 1000:F1} s after ready); statuses polled every 100 ms " +
            $"(at most {longestPollGap.TotalMilliseconds:F0} ms between two polls): " +
            $"{string.Join(", ", statuses.Values.GroupBy(v => v).Select(g => $"{g.Count()} {g.Key}"))}"));

    async Task<List<string>> ScheduleOnFirstAccountsAsync(DateTimeOffset dueAt, int count, int firstAccount)
    {
        var ids = new List<string>();
        for (var batch = 0; batch < count / 50; batch++)
        {
            var targets = Enumerable.Range(firstAccount + batch * 50, 50).Select(i => new { socialAccountId = queueAccounts[i] }).ToArray();
            var body = await Send(HttpMethod.Post, $"/v1/content/{queueContent}/schedule", new { scheduledFor = dueAt, targets });
            ids.AddRange(body.GetProperty("scheduledPosts").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
        }

        return ids;
    }
}

// 13. Steady schedule-publish load: posts scheduled to fall due a minute later, at a steady rate, while the service keeps
// events and hand-off journal rows 2 minutes instead of 30 days and 1 day and runs its retention job every minute.
// Each minute the tables are counted: what the job deletes levels off; the posts themselves (the partner's records,
// kept for good) grow with the load.
if (options.Runs("steady"))
{
    await service.RestartAsync(kill: false, new Dictionary<string, string>
    {
        ["Layers__Retention__Events"] = "00:02:00",
        ["Layers__Retention__HandOffs"] = "00:02:00",
        ["Layers__Retention__Period"] = "00:01:00",
    });
    var steadyProject = await Project("steady");
    // TikTok takes 6 inits a minute per account: the load spreads over enough accounts to stay at 3.
    var steadyAccountCount = Math.Max(10, options.SteadyRate * 20);
    for (var i = 0; i < steadyAccountCount; i++)
    {
        await Connect(steadyProject, $"steady.{i}", i);
    }

    var steadyAccounts = await Accounts(steadyProject);
    var steadyContent = (await Send(HttpMethod.Post, $"/v1/projects/{steadyProject}/content", new
    {
        caption = "steady",
        assets = new[] { new { kind = "video", url = "https://cdn.example.com/clip.mp4?bytes=100000" } },
    })).GetProperty("id").GetString()!;
    var samples = new List<(double Minute, Dictionary<string, (long Rows, long Bytes)> Tables)>();
    var steadyClock = Stopwatch.StartNew();
    var sent = 0L;
    var nextSample = TimeSpan.Zero;
    while (steadyClock.Elapsed < TimeSpan.FromMinutes(options.SteadyMinutes))
    {
        if (steadyClock.Elapsed >= nextSample)
        {
            samples.Add((steadyClock.Elapsed.TotalMinutes, await TableSizes(connectionString)));
            var last = samples[^1].Tables;
            Console.WriteLine($"  steady {steadyClock.Elapsed.TotalMinutes:F0} min: " + string.Join(", ", last.Select(t => $"{t.Key} {t.Value.Rows:N0} rows")));
            nextSample += TimeSpan.FromMinutes(1);
        }

        var targets = Enumerable.Range(0, options.SteadyRate).Select(i => new { socialAccountId = steadyAccounts[(int)((sent + i) % steadyAccounts.Count)] }).ToArray();
        await Send(HttpMethod.Post, $"/v1/content/{steadyContent}/schedule", new { scheduledFor = DateTimeOffset.UtcNow.AddMinutes(1), targets });
        sent += targets.Length;
        var wait = TimeSpan.FromSeconds(sent / (double)options.SteadyRate) - steadyClock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    samples.Add((steadyClock.Elapsed.TotalMinutes, await TableSizes(connectionString)));
    bool Levels(string table) =>
        samples.Count >= 4 && samples[^1].Tables[table].Rows <= 1.1 * samples[^3].Tables[table].Rows + 100;
    results.Add(new LoadResult($"13. Steady load, {options.SteadyRate} posts/s for {options.SteadyMinutes} min", (int)sent, 0,
        steadyClock.Elapsed.TotalSeconds, sent / steadyClock.Elapsed.TotalSeconds, double.NaN, double.NaN, double.NaN)
    {
        Target = "events and journal rows level off",
        Pass = Levels("layers_events") && Levels("layers_hand_offs"),
        Note = "rows at each minute: " + string.Join("; ", new[] { "layers_events", "layers_hand_offs", "layers_scheduled_posts", "orleans_reminders" }
            .Select(t => $"{t} " + string.Join(" → ", samples.Select(x => x.Tables[t].Rows.ToString("N0", CultureInfo.InvariantCulture))))),
    });
}

// 12. Chunked uploads: TikTok videos sent by FILE_UPLOAD, each streamed from its source to TikTok's upload URL; the
// service's resident memory is sampled while they run. The service restarts in that mode for this scenario (last).
if (options.Runs("uploads"))
{
    await service.RestartAsync(kill: false, new Dictionary<string, string> { ["Layers__Platforms__TikTok__MediaTransfer"] = "file_upload" });
    var uploadProject = await Project("uploads");
    for (var i = 0; i < options.Uploads; i++)
    {
        if (!await Connect(uploadProject, $"uploader.{i}", i))
        {
            throw new InvalidOperationException("An upload account did not connect.");
        }
    }

    var uploadContent = (await Send(HttpMethod.Post, $"/v1/projects/{uploadProject}/content", new
    {
        caption = "A long take",
        assets = new[] { new { kind = "video", url = $"https://cdn.example.com/take.mp4?bytes={options.UploadBytes}&durationMs=300000" } },
    })).GetProperty("id").GetString()!;
    GC.Collect();
    var baseline = service.ResidentBytes();
    var peak = baseline;
    var uploadClock = Stopwatch.StartNew();
    var uploadPosts = (await Send(HttpMethod.Post, $"/v1/content/{uploadContent}/schedule", new
    {
        scheduledFor = DateTimeOffset.UtcNow,
        targets = (await Accounts(uploadProject)).Select(a => new { socialAccountId = a }).ToArray(),
    })).GetProperty("scheduledPosts").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
    var statuses = new Dictionary<string, string>();
    var uploadDeadline = DateTime.UtcNow.AddMinutes(10);
    while (DateTime.UtcNow < uploadDeadline)
    {
        peak = Math.Max(peak, service.ResidentBytes());
        foreach (var id in uploadPosts)
        {
            statuses[id] = (await Send(HttpMethod.Get, $"/v1/scheduled-posts/{id}")).GetProperty("status").GetString()!;
        }

        if (statuses.Values.All(s => s is not ("queued" or "publishing")))
        {
            break;
        }

        await Task.Delay(100);
    }

    var uploadSeconds = uploadClock.Elapsed.TotalSeconds;
    var published = statuses.Values.Count(s => s == "published");
    var growth = peak - baseline;
    Console.WriteLine($"  uploads: {published}/{uploadPosts.Count} published in {uploadSeconds:F1} s, resident {baseline / 1048576.0:F0} MiB before, {peak / 1048576.0:F0} MiB at most");
    results.Add(new LoadResult($"12. {uploadPosts.Count} chunked uploads of {options.UploadBytes / 1048576.0:N0} MiB", uploadPosts.Count, uploadPosts.Count - published,
        uploadSeconds, uploadPosts.Count * (double)options.UploadBytes / 1048576.0 / uploadSeconds, double.NaN, double.NaN, double.NaN)
    {
        Target = "service memory grows by less than one file",
        Pass = published == uploadPosts.Count && growth < options.UploadBytes,
        Note = $"MiB/s uploaded; peak resident {peak / 1048576.0:F0} MiB, {growth / 1048576.0:F0} MiB over the {baseline / 1048576.0:F0} MiB before",
    });
}

Report.Print(results);
await Report.WriteJsonAsync(Path.Combine(root, options.OutputPath), results);
return 0;

static async Task<JsonElement> Json(HttpResponseMessage response) =>
    JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

static async Task<long> CanceledEvents(string connectionString, string socialAccountId)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT count(*) FROM layers_events WHERE event_type = 'post.canceled' AND data->>'socialAccountId' = $1", connection);
    command.Parameters.Add(new NpgsqlParameter { Value = socialAccountId });
    return (long)(await command.ExecuteScalarAsync())!;
}

// The tables as a maintenance window leaves them: what the scenarios before wrote is vacuumed and analyzed now,
// rather than by autovacuum in the middle of the next measurement.
static async Task SettleAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 600 };
    await vacuum.ExecuteNonQueryAsync();
}

static async Task<Dictionary<string, (long Rows, long Bytes)>> TableSizes(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    var sizes = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
    foreach (var table in new[] { "layers_events", "layers_hand_offs", "layers_scheduled_posts", "orleans_reminders", "orleans_grain_state", "layers_account_queue" })
    {
        // A partitioned table's bytes are its partitions' (pg_partition_tree gives a plain table itself).
        await using var command = new NpgsqlCommand(
            $"SELECT count(*), (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('{table}'))::bigint FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        sizes[table] = (reader.GetInt64(0), reader.GetInt64(1));
    }

    return sizes;
}

static async Task<long> ServiceTableBytes(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint FROM pg_stat_user_tables", connection);
    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task<List<(string Post, string Status, DateTimeOffset? HandedOffAt)>> PostStatuses(string connectionString, List<string> posts)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT p.post_id, p.status, h.handed_off_at FROM layers_scheduled_posts p LEFT JOIN layers_hand_offs h ON h.scheduled_post_id = p.post_id WHERE p.post_id = ANY($1)",
        connection);
    command.Parameters.Add(new NpgsqlParameter { Value = posts.ToArray() });
    var found = new List<(string, string, DateTimeOffset?)>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        found.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
    }

    return found;
}

static async Task<long> QueuedPosts(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT count(*) FROM layers_scheduled_posts WHERE status = 'queued'", connection);
    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task<long> RowsWritten(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    // The service's own tables only: autovacuum's statistics updates in the catalogs are not the service's writes.
    await using var command = new NpgsqlCommand(
        "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables", connection);
    // Statistics are flushed lazily; ask for fresh numbers.
    await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
    {
        await clear.ExecuteNonQueryAsync();
    }

    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task<double> RawUpserts(string connectionString, int workers, TimeSpan duration, TimeSpan warmup)
{
    await using var dataSource = await UpsertSourceAsync(connectionString);
    var result = await Load.RunAsync("storage ceiling", workers, duration, Upsert(dataSource), warmup: warmup);
    return result.LatenciesMs.Count / result.Seconds;
}

// The storage ceiling's statements: single-row upserts of 1,200-byte rows, prepared once per connection as the
// service's own statements are.
static async Task<NpgsqlDataSource> UpsertSourceAsync(string connectionString)
{
    var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
    await using var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_upsert (id bigint PRIMARY KEY, payload text NOT NULL, version int NOT NULL)");
    await create.ExecuteNonQueryAsync();
    return dataSource;
}

static Func<int, long, Task<bool?>> Upsert(NpgsqlDataSource dataSource)
{
    var payload = new string('x', 1200);
    return async (_, n) =>
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO bench_upsert (id, payload, version) VALUES ($1, $2, 1) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = bench_upsert.version + 1");
        command.Parameters.Add(new NpgsqlParameter { Value = n % 100_000 });
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        await command.ExecuteNonQueryAsync();
        return true;
    };
}

/// <summary>Constants of the benchmark's scenarios.</summary>
internal static partial class Program
{
    /// <summary>Posts per account in a warm-up burst: under TikTok's 6 inits a minute per account.</summary>
    private const int PostsPerWarmAccount = 5;
}
