namespace Layers.Sandbox;

/// <summary>
/// Publishing controls of a simulator under <c>/sandbox/{platform}/control</c>: arm a failure for the next publish,
/// list deliveries (each exactly once, so tests can count them).
/// </summary>
internal static class SandboxPublishControlApi
{
    /// <param name="acceptsCode">Whether the platform has a failure for a code (see the platform's publish API).</param>
    public static RouteGroupBuilder MapSandboxPublishControl(
        this RouteGroupBuilder group, Func<SandboxState, SandboxPlatformState> select, Func<string, bool> acceptsCode)
    {
        group.MapPost("/control/fail-next-publish", (SandboxFailNextPublish body, SandboxState sandbox) =>
        {
            var code = body.Code?.Trim() ?? "";
            if (!acceptsCode(code))
            {
                return TypedResults.BadRequest(new { error = $"'{code}' is not an error code this platform's sandbox can stage." });
            }

            string? handle = null;
            if (body.Handle is not null && !SandboxIdentity.TryNormalizeHandle(body.Handle, out handle))
            {
                return TypedResults.BadRequest(new { error = "A handle is up to 30 letters, digits, dots or underscores." });
            }

            var armed = select(sandbox).Publishing.Arm(new SandboxPublishFailure(code, handle));
            return (IResult)TypedResults.Ok(new { code, handle, armed });
        });

        group.MapGet("/control/published", (string? handle, SandboxState sandbox) =>
        {
            string? filter = null;
            if (handle is not null && !SandboxIdentity.TryNormalizeHandle(handle, out filter))
            {
                return TypedResults.BadRequest(new { error = "A handle is up to 30 letters, digits, dots or underscores." });
            }

            return (IResult)TypedResults.Ok(new { items = select(sandbox).Publishing.Deliveries(filter) });
        });

        return group;
    }
}
