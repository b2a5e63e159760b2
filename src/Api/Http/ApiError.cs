using System.Text.Json;

namespace Layers.Api.Http;

/// <summary>The envelope of every error.</summary>
/// <remarks>
/// The error envelope every failure is sent in: <c>{"error":{code, message, requestId, details}}</c>.
/// </remarks>
/// <param name="Error">What went wrong.</param>
public sealed record ApiError(ApiErrorBody Error);

public sealed record ApiErrorBody(string Code, string Message, string RequestId, JsonElement? Details);
