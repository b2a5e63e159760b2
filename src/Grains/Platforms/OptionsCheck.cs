using Layers.Publishing;

namespace Layers.Platforms;

/// <summary>
/// A target's options checked by its platform module: <see cref="Applied"/> as the platform will be sent them
/// (defaults filled in, interactions the creator switched off shown off), and every <see cref="Problems"/> at once.
/// </summary>
public sealed record OptionsCheck(PostOptions Applied, IReadOnlyList<OptionProblem> Problems);

/// <summary>One problem with a target's options; <see cref="Field"/> is relative to the target (e.g. <c>options.privacyLevel</c>).</summary>
public sealed record OptionProblem(string Field, string Message);
