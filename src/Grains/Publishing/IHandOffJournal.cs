namespace Layers.Publishing;

/// <summary>
/// The at-most-once record of hand-offs. A post records each attempt here before it calls its platform and stores the
/// outcome in its own state after. A post that finds here an attempt its state does not know was cut short between
/// the two (its process died): the platform may or may not have the post, so it is never handed over again.
/// Recording also takes the post off its account's stored queue, in the same transaction.
/// </summary>
public interface IHandOffJournal
{
    Task RecordAsync(HandOffRecord handOff, CancellationToken cancellationToken);

    /// <summary>The post's latest recorded attempt, or null when it was never handed off.</summary>
    Task<LastHandOff?> FindAsync(string scheduledPostId, CancellationToken cancellationToken);
}

/// <param name="Attempt">Counts the post's hand-offs from 1 (a post the platform asked to wait goes again).</param>
public sealed record HandOffRecord(string ScheduledPostId, string SocialAccountId, int Attempt, DateTimeOffset At);

/// <summary>What the journal knows of a post: its latest attempt and when it began.</summary>
public sealed record LastHandOff(int Attempt, DateTimeOffset At);
