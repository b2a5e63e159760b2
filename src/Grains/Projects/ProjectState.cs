namespace Layers.Projects;

[GenerateSerializer]
public sealed class ProjectState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Timezone { get; set; } = "UTC";
    [Id(3)] public string? CustomerExternalId { get; set; }
    [Id(4)] public string Status { get; set; } = ProjectStatus.Active;
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Account ids in the order they joined the project, as projects stored them before each account's place became a
    /// record of its own (<see cref="IAccountViewStore"/>); read once, moved there, and left empty.
    /// </summary>
    [Id(7)] public List<string> AccountIds { get; set; } = [];

    /// <summary>"platform:platformUserId" → id of that user's active account, as stored before; moved likewise.</summary>
    [Id(9)] public Dictionary<string, string> ActiveAccountsByUser { get; set; } = [];

    /// <summary>Lease request ids in the order they were submitted (bounded, see ProjectGrain.MaxLeaseRequests).</summary>
    [Id(20)] public List<string> LeaseRequestIds { get; set; } = [];

    /// <summary>Archived, and its queued posts not all canceled yet (a reminder finishes the drain after a crash).</summary>
    [Id(21)] public bool ArchiveDrainPending { get; set; }
}
