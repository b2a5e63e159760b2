using System.Text.Json;
using System.Text.Json.Serialization;

namespace Layers.Sandbox;

/// <summary>
/// Test and trial controls of a simulator under <c>/sandbox/{platform}/control</c>: inspect a user, shape it as a
/// creator, kill its tokens.
/// </summary>
internal static class SandboxControlApi
{
    /// <summary>camelCase like the rest of the controls; a misspelt setting is refused rather than silently ignored.</summary>
    private static readonly JsonSerializerOptions ChangeJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static RouteGroupBuilder MapSandboxControl(
        this RouteGroupBuilder group, SandboxPlatform platform, Func<SandboxState, SandboxPlatformState> select)
    {
        group.MapGet("/control/users/{handle}", (string handle, SandboxState sandbox) =>
            WithUser(handle, user => TypedResults.Ok(select(sandbox).Report(user))));
        group.MapPost("/control/users/{handle}", (string handle, HttpRequest request, SandboxState sandbox, CancellationToken cancellationToken) =>
            WithUserAsync(handle, async user =>
            {
                var change = await ReadChangeAsync(request, cancellationToken);
                if (change.Problem is not null)
                {
                    return TypedResults.BadRequest(new { error = change.Problem });
                }

                return TypedResults.Ok(select(sandbox).ShapeCreator(user, change.Value!));
            }));
        group.MapPost("/control/users/{handle}/invalidate-tokens", (string handle, SandboxState sandbox) =>
            WithUser(handle, user => TypedResults.Ok(select(sandbox).InvalidateTokens(user))));
        group.MapGet("/avatars/{handle}.svg", (string handle) => SandboxAvatars.Svg(platform, handle));
        return group;
    }

    private static IResult WithUser(string raw, Func<string, IResult> action) =>
        SandboxIdentity.TryNormalizeHandle(raw, out var handle)
            ? action(handle)
            : TypedResults.BadRequest(new { error = "A handle is up to 30 letters, digits, dots or underscores." });

    private static Task<IResult> WithUserAsync(string raw, Func<string, Task<IResult>> action) =>
        SandboxIdentity.TryNormalizeHandle(raw, out var handle)
            ? action(handle)
            : Task.FromResult<IResult>(TypedResults.BadRequest(new { error = "A handle is up to 30 letters, digits, dots or underscores." }));

    /// <summary>
    /// The creator change in the body, read here rather than bound by the framework so that a value of the wrong
    /// type is answered with a message naming it. An empty body changes nothing.
    /// </summary>
    private static async Task<(SandboxCreatorChange? Value, string? Problem)> ReadChangeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        SandboxCreatorChange? change;
        try
        {
            change = request.ContentLength == 0
                ? null
                : await JsonSerializer.DeserializeAsync<SandboxCreatorChange>(request.Body, ChangeJson, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, $"The body must be a JSON object of creator settings: {e.Path} is unknown, has a value of the wrong type, or the JSON is malformed.");
        }

        change ??= new SandboxCreatorChange(null, null, null, null, null, null, null, null);
        return change.Problem() is { } problem ? (null, problem) : (change, null);
    }
}
