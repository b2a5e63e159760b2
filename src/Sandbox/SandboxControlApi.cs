namespace Layers.Sandbox;

/// <summary>
/// Test and trial controls of a simulator under <c>/sandbox/{platform}/control</c>: inspect a user, kill its tokens.
/// </summary>
internal static class SandboxControlApi
{
    public static RouteGroupBuilder MapSandboxControl(
        this RouteGroupBuilder group, SandboxPlatform platform, Func<SandboxState, SandboxPlatformState> select)
    {
        group.MapGet("/control/users/{handle}", (string handle, SandboxState sandbox) =>
            WithUser(handle, user => TypedResults.Ok(select(sandbox).Report(user))));
        group.MapPost("/control/users/{handle}/invalidate-tokens", (string handle, SandboxState sandbox) =>
            WithUser(handle, user => TypedResults.Ok(select(sandbox).InvalidateTokens(user))));
        group.MapGet("/avatars/{handle}.svg", (string handle) => SandboxAvatars.Svg(platform, handle));
        return group;
    }

    private static IResult WithUser(string raw, Func<string, IResult> action) =>
        SandboxIdentity.TryNormalizeHandle(raw, out var handle)
            ? action(handle)
            : TypedResults.BadRequest(new { error = "A handle is up to 30 letters, digits, dots or underscores." });
}
