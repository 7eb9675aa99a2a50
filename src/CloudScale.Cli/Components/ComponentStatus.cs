namespace CloudScale.Cli.Components;

/// <summary>One row of <c>status</c>; also its JSON shape.</summary>
internal sealed record ComponentStatus(string Name, bool Running, bool Healthy, int? Pid, string Url);
