using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>Where a context mapped its outbox: schema names come from the model, never from input.</summary>
internal readonly record struct OutboxTable(string QualifiedName)
{
    /// <summary>
    /// Due messages ({0} = now) in commit order, at most {1}, except those behind an earlier message of the same
    /// key that is still waiting for its retry: publishing them now would overtake it.
    /// </summary>
    public string DueMessagesSql => $$"""
        SELECT m.* FROM {{QualifiedName}} m
        WHERE m.published_at IS NULL AND m.next_attempt_at <= {0}
          AND NOT EXISTS (
              SELECT 1 FROM {{QualifiedName}} e
              WHERE e.published_at IS NULL AND e.key = m.key AND e.sequence < m.sequence AND e.next_attempt_at > {0})
        ORDER BY m.sequence
        LIMIT {1}
        """;

    public static OutboxTable Of(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
                     ?? throw new InvalidOperationException($"{db.GetType().Name} has no outbox; call modelBuilder.AddOutbox() in OnModelCreating.");
        var schema = entity.GetSchema() ?? "public";
        return new OutboxTable($"\"{schema}\".\"{entity.GetTableName()}\"");
    }
}
