using System.Text.Json;

namespace Layers.Api.Http;

/// <summary>The error envelope every failure is sent in: <c>{"error":{code, message, requestId, details}}</c>.</summary>
public sealed record ApiError(ApiErrorBody Error);

public sealed record ApiErrorBody(string Code, string Message, string RequestId, JsonElement? Details);
