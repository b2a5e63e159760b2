using System.Collections;
using Layers.Api.Auth;

namespace Layers.Api.Hosting;

/// <summary>
/// The log scope of one request: its id, the ids in its route and, once authenticated, the caller's organization and
/// key id. Read when a line is written, so values known only later in the pipeline (route, caller) are included, and
/// frozen when the request ends: work that outlives the request and inherited the scope must not touch a recycled
/// <see cref="HttpContext"/>. The OAuth state is left out: it lets its holder finish a consent.
/// </summary>
internal sealed class TelemetryRequestScope(HttpContext context) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private static readonly Dictionary<string, string> RouteNames = new(StringComparer.Ordinal)
    {
        ["orgId"] = "OrganizationId",
        ["keyId"] = "ApiKeyId",
        ["projectId"] = "ProjectId",
        ["socialAccountId"] = "SocialAccountId",
        ["containerId"] = "ContainerId",
        ["requestId"] = "LeaseRequestId",
        ["poolAccountId"] = "PoolAccountId",
        ["id"] = "ObjectId",
        ["platform"] = "Platform",
        ["handle"] = "Handle",
    };

    private readonly string _requestId = context.TraceIdentifier;
    private IReadOnlyList<KeyValuePair<string, object?>>? _frozen;

    private IReadOnlyList<KeyValuePair<string, object?>> Values => _frozen ?? Read();

    public int Count => Values.Count;

    public KeyValuePair<string, object?> this[int index] => Values[index];

    /// <summary>Keeps the values as they are now; called as the request ends, before its context is reused.</summary>
    public void Freeze() => _frozen = Read();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key}:{v.Value}"));

    private List<KeyValuePair<string, object?>> Read()
    {
        var values = new List<KeyValuePair<string, object?>>(6) { new("RequestId", _requestId) };
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (RouteNames.TryGetValue(name, out var key) && value is not null)
            {
                values.Add(new(key, value));
            }
        }

        if (context.Features.Get<Caller>() is { } caller)
        {
            values.Add(new("CallerOrganizationId", caller.OrganizationId));
            values.Add(new("CallerApiKeyId", caller.Key.Id));
        }

        return values;
    }
}
