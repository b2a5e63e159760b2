using System.Diagnostics;
using Layers.Common;
using Layers.Events;
using Layers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Layers.Webhooks;

/// <summary>
/// One event to one endpoint. The delivery stores itself and its reminder before anything is sent, stores each
/// attempt before the POST goes out, and records its outcome right after; a restart finds either a due attempt or one
/// cut short, and sends again (receivers dedupe on the event id).
/// </summary>
internal sealed partial class WebhookDeliveryGrain(
    [PersistentState("webhookdelivery", StorageNames.Layers)] IPersistentState<WebhookDeliveryState> state,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    WebhookSender sender,
    IWebhookDeliveryLog listing,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string Reminder = "delivery";

    /// <summary>Waits up to this long are covered by a grain timer; the reminder is the durable wake-up behind it.</summary>
    private static readonly TimeSpan TimerHorizon = TimeSpan.FromSeconds(90);

    /// <summary>While the endpoint is paused, a due attempt waits this long and looks again.</summary>
    private static readonly TimeSpan HoldInterval = TimeSpan.FromHours(1);

    /// <summary>A delivery still held by a paused endpoint this long after it was created gives up.</summary>
    private static readonly TimeSpan HoldLimit = TimeSpan.FromDays(3);

    private IGrainTimer? _timer;

    private WebhookDeliveryState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private TimeSpan WakeUpPeriod => options.Value.WakeUpPeriod;

    private IWebhookEndpointGrain Endpoint => GrainFactory.GetGrain<IWebhookEndpointGrain>(S.EndpointId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && S.Status == WebhookDeliveryStatus.Pending)
        {
            ArmTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<WebhookDeliveryView> StartAsync(WebhookDeliveryStart start)
    {
        if (state.RecordExists)
        {
            return View();
        }

        var now = time.GetUtcNow();
        S.OrganizationId = start.OrganizationId;
        S.EndpointId = start.EndpointId;
        S.Event = start.Event;
        S.ReplayOf = start.ReplayOf;
        S.Status = WebhookDeliveryStatus.Pending;
        S.CreatedAt = now;
        S.NextAttemptAt = now;
        S.Version = 1;
        S.ListingPending = true;
        // A replay belongs to the request that asked for it; any other delivery to whatever caused its event.
        (S.TraceParent, S.TracedAt) = start.ReplayOf is null
            ? (start.Event.TraceParent, start.Event.CreatedAt)
            : (LayersActivitySource.CurrentTraceParent(), now);
        // Only what makes the delivery durable happens on the caller's path: its state and its wake-up. The listing
        // row and the first attempt follow as soon as this call has returned.
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(Reminder, WakeUpPeriod, WakeUpPeriod);
        ArmTimer();
        return View();
    }

    public Task<WebhookDeliveryView> GetAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        return Task.FromResult(View());
    }

    public async Task<WebhookDeliveryView> ReplayAsync(string organizationId)
    {
        EnsureVisible(organizationId);
        await Endpoint.EnsureDeliverableAsync(organizationId);
        return await GrainFactory.GetGrain<IWebhookDeliveryGrain>(Ids.New(WebhookIds.Delivery, time))
            .StartAsync(new WebhookDeliveryStart(S.OrganizationId!, S.EndpointId, S.Event!, Id));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    public async Task RunAsync()
    {
        if (!state.RecordExists)
        {
            await StopReminderAsync();
            return;
        }

        await HandOnListingAsync();
        if (S.Status != WebhookDeliveryStatus.Pending)
        {
            StopTimer();
            await StopReminderAsync();
            return;
        }

        var now = time.GetUtcNow();
        if (S.AttemptInFlight is { } cutShort)
        {
            // Nothing runs in parallel within this grain, so an attempt still marked is one whose process stopped.
            S.Attempts.Add(new WebhookAttempt(cutShort, S.AttemptStartedAt ?? now, null, WebhookErrorCodes.Interrupted, 0, null));
            S.AttemptInFlight = null;
            S.AttemptStartedAt = null;
            S.LastError = new WebhookError(WebhookErrorCodes.Interrupted, "The attempt was cut short by a restart; the event is sent again.");
            if (S.Attempts.Count >= WebhookRetrySchedule.MaxAttempts)
            {
                await FinishAsync(WebhookDeliveryStatus.Failed, S.LastError);
                return;
            }

            S.NextAttemptAt = now;
            await WriteAsync();
        }

        if (now >= S.NextAttemptAt)
        {
            await AttemptAsync();
        }
        else
        {
            ArmTimer();
        }
    }

    private async Task AttemptAsync()
    {
        var startedAt = time.GetUtcNow();
        var number = S.Attempts.Count + 1;
        using var activity = LayersActivitySource.StartWebhookDelivery(
            LayersActivitySource.Restore(S.TraceParent, S.TracedAt), Id, S.EndpointId, S.Event!.Id, S.Event.Type, number, startedAt);
        var body = WebhookPayload.Serialize(S.Event);
        var signing = await Endpoint.SignAsync(startedAt.ToUnixTimeSeconds(), body);
        if (signing.Status == WebhookEndpointStatus.Deleted)
        {
            activity?.SetTag("layers.webhook_delivery.outcome", WebhookErrorCodes.EndpointDeleted);
            await FinishAsync(WebhookDeliveryStatus.Failed,
                new WebhookError(WebhookErrorCodes.EndpointDeleted, "The endpoint was deleted before the event was delivered."));
            return;
        }

        if (signing.Status != WebhookEndpointStatus.Active || signing.Signature is null)
        {
            activity?.SetTag("layers.webhook_delivery.outcome", WebhookErrorCodes.EndpointPaused);
            await HoldAsync(startedAt);
            return;
        }

        S.AttemptInFlight = number;
        S.AttemptStartedAt = startedAt;
        await WriteAsync();

        var result = await sender.SendAsync(
            new WebhookOutgoing(signing.Url, body, Id, S.Event!.Id, S.Event.Type, signing.Signature), CancellationToken.None);
        S.AttemptInFlight = null;
        S.AttemptStartedAt = null;
        S.Attempts.Add(new WebhookAttempt(number, startedAt, result.StatusCode, result.Error, result.DurationMs, result.ResponseBody));
        activity?.SetTag("layers.webhook_delivery.outcome", result.Delivered ? WebhookDeliveryStatus.Delivered : result.Error);
        if (result.Delivered)
        {
            await FinishAsync(WebhookDeliveryStatus.Delivered, null);
        }
        else
        {
            var error = new WebhookError(result.Error ?? WebhookErrorCodes.ConnectionFailed, Describe(result));
            activity?.SetStatus(ActivityStatusCode.Error, error.Code);
            if (WebhookRetrySchedule.DelayAfter(number) is { } delay)
            {
                S.LastError = error;
                S.NextAttemptAt = time.GetUtcNow() + delay;
                await WriteAsync();
                await ScheduleAsync();
            }
            else
            {
                await FinishAsync(WebhookDeliveryStatus.Failed, error);
            }

            LogAttemptFailed(logger, Id, S.EndpointId, number, error.Code, result.StatusCode);
        }

        try
        {
            await Endpoint.RecordOutcomeAsync(result.Delivered);
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogOutcomeNotRecorded(logger, e, Id);
        }
    }

    /// <summary>The endpoint is paused: nothing is sent and no attempt is used up; look again later.</summary>
    private async Task HoldAsync(DateTimeOffset now)
    {
        var error = new WebhookError(WebhookErrorCodes.EndpointPaused, "The endpoint is paused; the event is sent once it is active again.");
        if (now - S.CreatedAt > HoldLimit)
        {
            await FinishAsync(WebhookDeliveryStatus.Failed, error with { Message = "The endpoint stayed paused; the event was not delivered." });
            return;
        }

        S.LastError = error;
        S.NextAttemptAt = now + HoldInterval;
        await WriteAsync();
        await ScheduleAsync();
    }

    private async Task FinishAsync(string status, WebhookError? error)
    {
        S.Status = status;
        S.LastError = error;
        S.NextAttemptAt = null;
        S.CompletedAt = time.GetUtcNow();
        await WriteAsync();
        LayersMetrics.WebhookDeliveryFinished(status, error?.Code);
        StopTimer();
        await StopReminderAsync();
    }

    /// <summary>A timer for a near attempt; the reminder wakes the delivery at the attempt (or every period) regardless.</summary>
    private async Task ScheduleAsync()
    {
        var delay = S.NextAttemptAt!.Value - time.GetUtcNow();
        ArmTimer();
        var dueTime = delay > TimerHorizon ? delay : WakeUpPeriod;
        await this.RegisterOrUpdateReminder(Reminder, dueTime, WakeUpPeriod);
    }

    private void ArmTimer()
    {
        if (S.NextAttemptAt is not { } next)
        {
            return;
        }

        var delay = next - time.GetUtcNow();
        if (delay > TimerHorizon)
        {
            return;
        }

        StopTimer();
        _timer = this.RegisterGrainTimer(
            _ => RunAsync(), new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task WriteAsync()
    {
        S.Version++;
        S.ListingPending = true;
        await state.WriteStateAsync();
        await HandOnListingAsync();
    }

    /// <summary>The row of the delivery listing; when it fails it is written on the next tick.</summary>
    private async Task HandOnListingAsync()
    {
        if (!S.ListingPending)
        {
            return;
        }

        try
        {
            await listing.UpsertAsync(S.OrganizationId!, View(), S.Version, CancellationToken.None);
            S.ListingPending = false;
        }
        catch (Exception e) when (e is not LayersException)
        {
            LogListingDeferred(logger, e, Id);
        }
    }

    private void EnsureVisible(string organizationId)
    {
        if (!state.RecordExists || S.OrganizationId != organizationId)
        {
            throw LayersException.NotFound("webhook delivery");
        }
    }

    private static string Describe(WebhookSendResult result) => result.Error switch
    {
        WebhookErrorCodes.UnexpectedStatus => $"The endpoint answered {result.StatusCode}; only a 2xx counts as delivered (redirects are not followed).",
        WebhookErrorCodes.Timeout => "The endpoint did not answer within 10 seconds.",
        WebhookErrorCodes.AddressRefused => "The endpoint's host resolves to an address webhooks may not reach.",
        _ => "The endpoint could not be reached.",
    };

    private WebhookDeliveryView View() => new(
        Id, S.EndpointId, S.Event?.Id ?? "", S.Event?.Type ?? "", S.Status, S.CreatedAt, S.NextAttemptAt, S.CompletedAt, S.ReplayOf,
        S.LastError, [.. S.Attempts]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to {EndpointId}: attempt {Attempt} failed ({Error}, status {StatusCode})")]
    private static partial void LogAttemptFailed(ILogger logger, string deliveryId, string endpointId, int attempt, string error, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} could not report its outcome to its endpoint")]
    private static partial void LogOutcomeNotRecorded(ILogger logger, Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} deferred its listing row")]
    private static partial void LogListingDeferred(ILogger logger, Exception exception, string deliveryId);
}
